import type { Application } from "../model/application.js";
import type { Locale } from "../model/common.js";
import type { ReferralItem } from "../model/decision.js";
import { isForbiddenKey } from "../model/forbidden-key.js";
import { canonicalJson } from "./canonical-json.js";
import type { CompiledMatter } from "./compile-matter.js";
import { inputProblems } from "./input-limits.js";
import { localize } from "./messages.js";

/** What an evidence provider is asked for, besides the item's name. */
export interface EvidenceRequest {
  matter: string;
  version: string;
  application: Application;
  /** Aborted when the call has timed out: stop the look-up, its answer will not be used. */
  signal: AbortSignal;
}

/**
 * Looks up one evidence item (`"realName"`, `"screening"` — the top-level properties of the
 * matter's `input.evidence` schema), for example from a registry or a shared-data platform.
 * Returns the item's value, or `undefined` when it has nothing to say on the item; may return
 * a promise. It is asked for every item, including those the application carries: where it
 * answers, its answer decides.
 */
export type EvidenceProvider = (name: string, request: EvidenceRequest) => unknown;

/** Options of `decide` for fetching evidence while deciding. */
export interface EvidenceOptions {
  /**
   * Called once for each evidence item the matter's `input.evidence` schema lists at its top
   * level, all concurrently — whether or not the application's `evidence` carries it: evidence
   * the applicant's side sends is never taken over the provider's word. Where the provider
   * answers, its answer is the evidence used; where it also differs from the application's,
   * the case is referred (`evidence-disagrees`, naming the item); where it has nothing to say
   * (`undefined`), the application's item stands. An answer is checked like the application
   * (input limits, then the matter's evidence schema). A provider that throws, rejects,
   * returns an unsafe value or does not answer within `evidenceTimeoutMs` refers the case
   * (`evidence-provider-failed`, with the cause); every check is still evaluated and reported.
   * The decision's `inputSha256` covers the evidence used.
   */
  evidence?: EvidenceProvider;
  /** How long each provider call may take, in milliseconds: default 5,000, at most 60,000. */
  evidenceTimeoutMs?: number;
}

/** The referral code when an evidence provider fails, times out or answers unsafely. */
export const EVIDENCE_PROVIDER_FAILED = "evidence-provider-failed";

/**
 * The referral code when an evidence provider's answer differs from the evidence the
 * application carries: the provider's answer is used, and a person looks at why they differ
 * (an out-of-date record, or an envelope written to pass).
 */
export const EVIDENCE_DISAGREES = "evidence-disagrees";

export const EVIDENCE_TIMEOUT = { defaultMs: 5_000, maxMs: 60_000 } as const;

/** An application completed with provided evidence, and the referrals for what failed. */
export interface ProvidedEvidence {
  application: Application;
  /** The raw input with the same evidence added: what the decision record hashes. */
  input: unknown;
  referrals: ReferralItem[];
}

/**
 * Asks `options.evidence` for every evidence item of the matter, each with a time limit, and
 * returns the application with the answers in place of the application's own items (the
 * caller's objects are not changed), a referral for each call that failed and one for each
 * answer that differs from the item the application carried. Never throws and never waits
 * longer than the time limit.
 *
 * @example
 * const { application, input, referrals } = await provideEvidence(matter, app, raw, { evidence: lookUp }, "en");
 */
export async function provideEvidence(
  matter: CompiledMatter,
  application: Application,
  input: unknown,
  options: EvidenceOptions,
  locale: Locale,
): Promise<ProvidedEvidence> {
  const provider = options.evidence;
  if (provider === undefined) return { application, input, referrals: [] };
  const timeoutMs = timeLimit(options.evidenceTimeoutMs);
  // Every item, not only those the envelope lacks: where the provider answers, it decides.
  const names = evidenceNames(matter);
  const answers = await Promise.all(
    names.map((name) =>
      ask(provider, name, timeoutMs, {
        matter: matter.file.matter,
        version: matter.file.version,
        application,
      }),
    ),
  );
  const evidence: Record<string, unknown> = { ...application.evidence };
  const referrals: ReferralItem[] = [];
  answers.forEach((answer, i) => {
    const name = names[i] as string;
    if ("failure" in answer) referrals.push(failed(name, answer.failure, locale));
    else if (answer.value !== undefined) {
      if (Object.hasOwn(evidence, name) && !same(evidence[name], answer.value)) {
        referrals.push(disagrees(name, locale));
      }
      evidence[name] = answer.value;
    }
  });
  const raw = typeof input === "object" && input !== null ? (input as Record<string, unknown>) : {};
  return {
    application: { ...application, evidence },
    input: { ...raw, evidence },
    referrals,
  };
}

/** The top-level evidence items a matter's evidence schema describes, in schema order. */
function evidenceNames(matter: CompiledMatter): string[] {
  const properties = (matter.file.input.evidence as { properties?: unknown }).properties;
  if (typeof properties !== "object" || properties === null) return [];
  return Object.keys(properties).filter((name) => !isForbiddenKey(name));
}

function timeLimit(ms: number | undefined): number {
  if (ms === undefined || !Number.isFinite(ms) || ms <= 0) return EVIDENCE_TIMEOUT.defaultMs;
  return Math.min(ms, EVIDENCE_TIMEOUT.maxMs);
}

type Answer = { value: unknown } | { failure: string };

async function ask(
  provider: EvidenceProvider,
  name: string,
  timeoutMs: number,
  request: Omit<EvidenceRequest, "signal">,
): Promise<Answer> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<Answer>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`timed out after ${timeoutMs} ms`));
      resolve({ failure: `no answer within ${timeoutMs} ms` });
    }, timeoutMs);
  });
  const answered = (async (): Promise<Answer> => {
    try {
      const value = await provider(name, { ...request, signal: controller.signal });
      if (value === undefined) return { value };
      const problems = inputProblems({ [name]: value });
      if (problems.length > 0) {
        const first = problems[0] as { pointer: string; message: string };
        return { failure: `unsafe answer at ${first.pointer}: ${first.message}` };
      }
      return { value };
    } catch (error) {
      return { failure: `failed: ${describe(error)}` };
    }
  })();
  try {
    return await Promise.race([answered, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function failed(name: string, cause: string, locale: Locale): ReferralItem {
  return {
    code: EVIDENCE_PROVIDER_FAILED,
    message: localize(
      {
        "zh-CN": `无法取得核验数据“${name}”（${cause}），转人工办理`,
        en: `The evidence "${name}" could not be obtained (${cause}); referred to a person`,
      },
      locale,
    ),
    basis: [],
  };
}

/** Whether two JSON values are the same, whatever the order of their keys. */
function same(a: unknown, b: unknown): boolean {
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false;
  }
}

function disagrees(name: string, locale: Locale): ReferralItem {
  return {
    code: EVIDENCE_DISAGREES,
    message: localize(
      {
        "zh-CN": `申请所附核验数据“${name}”与核验数据提供方的结果不一致，以提供方结果为准，转人工办理`,
        en: `The evidence "${name}" in the application differs from the evidence provider's; the provider's is used and the case is referred to a person`,
      },
      locale,
    ),
    basis: [],
  };
}

function describe(error: unknown): string {
  try {
    const text = error instanceof Error ? error.message : String(error);
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    return "unknown error";
  }
}
