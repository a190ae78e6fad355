import { parentPort, workerData } from "node:worker_threads";
import { ApplicationError } from "../../evaluate/application-error.js";
import type { EvaluatorKind } from "../../evaluate/condition-evaluator.js";
import { RuleFileError } from "../../load/rule-file-error.js";
import type { Locale } from "../../model/common.js";
import type { Outcome } from "../../model/decision.js";
import type { Issue } from "../../model/issue.js";
import { loadRules } from "../../node/load-rules.js";
import { nodeSha256 } from "../../node/rule-files.js";
import { decideOneThing } from "../../one-thing/decide-one-thing.js";
import { isCombinedApplication } from "../../one-thing/is-combined-application.js";
import type { RuleSet } from "../../rule-set/rule-set.js";
import type { CliDateOptions } from "../date-options.js";

/** Decisions per outcome, and error records, in a stretch of lines. */
export interface BatchCounts {
  approve: number;
  incomplete: number;
  refer: number;
  /** Combined applications (一件事) whose rules members approve, with a department deciding the rest. */
  pending: number;
  error: number;
}

export interface BatchSettings {
  rules: string | undefined;
  locale: Locale;
  evaluator: EvaluatorKind | undefined;
  /** Trusted Ed25519 public keys (PEM), from --trust. */
  trust?: string[];
  /** `--replay` / `--backdate-days`: the bounds on each application's dates. */
  dates?: CliDateOptions;
}

/** Main thread → worker: decide these lines (numbered from `first`). */
export interface ChunkRequest {
  id: number;
  first: number;
  lines: string[];
}

/** Worker → main thread. */
export type WorkerMessage =
  | { type: "ready" }
  | { type: "rules-invalid"; issues: Issue[] }
  | { type: "failed"; message: string }
  | { type: "done"; id: number; out: string; counts: BatchCounts };

export function emptyCounts(): BatchCounts {
  return { approve: 0, incomplete: 0, refer: 0, pending: 0, error: 0 };
}

/** The record written for a line that cannot be decided: never a crash, always its line. */
export function errorRecord(
  line: number,
  code: string,
  message: string,
  problems?: ApplicationError["problems"],
): string {
  return JSON.stringify({ line, error: { code, message, ...(problems && { problems }) } });
}

/**
 * Decides lines of NDJSON, one application each, in order: one output line per input line —
 * the decision, or an error record `{ line, error: { code, message, problems? } }` for a
 * blank line, malformed JSON or an application that cannot be decided.
 *
 * @example
 * const { out, counts } = await decideLines(rules, 1, ['{"matter": …}'], "zh-CN");
 */
export async function decideLines(
  rules: RuleSet,
  first: number,
  lines: readonly string[],
  locale: Locale,
  dates: CliDateOptions = {},
): Promise<{ out: string; counts: BatchCounts }> {
  const counts = emptyCounts();
  let out = "";
  for (let i = 0; i < lines.length; i++) {
    const line = first + i;
    const text = lines[i] as string;
    const { record, outcome } =
      text.trim() === ""
        ? { record: errorRecord(line, "empty-line", "an empty line is not an application") }
        : await decideLine(rules, line, text, locale, dates);
    counts[outcome ?? "error"]++;
    out += `${record}\n`;
  }
  return { out, counts };
}

async function decideLine(
  rules: RuleSet,
  line: number,
  text: string,
  locale: Locale,
  dates: CliDateOptions,
): Promise<{ record: string; outcome?: Outcome | "pending" }> {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return { record: errorRecord(line, "invalid-json", messageOf(error)) };
  }
  try {
    if (isCombinedApplication(input)) {
      const combined = await decideOneThing(rules, input, {
        locale,
        ...dates,
        sha256: nodeSha256,
      });
      // `pending` is counted as itself, as evaluate treats it: not approved, not a referral.
      return { record: JSON.stringify(combined), outcome: combined.outcome };
    }
    const decision = await rules.decide(input, { locale, ...dates });
    return { record: JSON.stringify(decision), outcome: decision.outcome };
  } catch (error) {
    const record =
      error instanceof ApplicationError
        ? errorRecord(line, "invalid-application", error.message, error.problems)
        : errorRecord(line, "internal-error", messageOf(error));
    return { record };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Loads the rules a batch runs on: the bundled ones or a directory, with the chosen evaluator. */
export function loadBatchRules(settings: BatchSettings): Promise<RuleSet> {
  return loadRules(settings.rules, {
    ...(settings.evaluator && { evaluator: settings.evaluator }),
    ...(settings.trust && { trust: settings.trust }),
  });
}

// Run as a worker thread of `smart-approval batch`: load the rules once, then decide chunks.
const data = workerData as { smartApprovalBatch?: BatchSettings } | undefined;
if (parentPort !== null && data?.smartApprovalBatch !== undefined) {
  const port = parentPort;
  const settings = data.smartApprovalBatch;
  const post = (message: WorkerMessage) => port.postMessage(message);
  try {
    const rules = await loadBatchRules(settings);
    port.on("message", async (request: ChunkRequest) => {
      const { out, counts } = await decideLines(
        rules,
        request.first,
        request.lines,
        settings.locale,
        settings.dates,
      );
      post({ type: "done", id: request.id, out, counts });
    });
    post({ type: "ready" });
  } catch (error) {
    if (error instanceof RuleFileError) post({ type: "rules-invalid", issues: [...error.issues] });
    else post({ type: "failed", message: messageOf(error) });
  }
}
