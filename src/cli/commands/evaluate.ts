import { ApplicationError } from "../../evaluate/application-error.js";
import type { Decision } from "../../model/decision.js";
import type { CombinedDecision } from "../../model/one-thing.js";
import { nodeSha256 } from "../../node/rule-files.js";
import { isCombinedApplication } from "../../one-thing/is-combined-application.js";
import {
  type ApplicationErrorRecord,
  applicationErrorRecord,
} from "../../report/application-error-record.js";
import { formatDecisionText } from "../../report/decision-text.js";
import { printable } from "../../report/printable.js";
import { dateOptions } from "../date-options.js";
import { type CliIo, EXIT, oneOf, UsageError } from "../io.js";
import { loadRulesOrReport } from "../load-rules-or-report.js";
import { readJsonFile } from "../read-json.js";

/**
 * `evaluate <application.json>... [--format text|json] [--locale zh-CN|en] [--rules DIR]
 * [--replay | --backdate-days N] [--fail-on refer|incomplete]`. Exit 2 when an application
 * cannot be decided, or, with `--fail-on`, when any decision has that outcome or a worse one
 * (a CI gate over a corpus of applications, as OPA's `--fail`).
 */
export async function evaluateCommand(
  args: string[],
  options: Record<string, string | undefined>,
  io: CliIo,
): Promise<number> {
  if (args.length === 0) throw new UsageError("evaluate needs at least one application file");
  const format = oneOf("format", options.format, ["text", "json"], "text");
  const locale = oneOf("locale", options.locale, ["zh-CN", "en"], "zh-CN");
  const dates = dateOptions(options);
  const failOn =
    options["fail-on"] === undefined
      ? undefined
      : oneOf("fail-on", options["fail-on"], ["refer", "incomplete"], "refer");
  const applications = args.map((file) => ({ file, input: readJsonFile(file, io.cwd) }));
  const rules = await loadRulesOrReport(options.rules, io, options.trust);
  if (rules === undefined) return EXIT.checksFailed;
  let exit: number = EXIT.ok;
  // In JSON, one entry per file and in their order: the decision, or the problems that kept
  // the application from being decided (never `null`, never a silent gap in the list).
  const results: Array<Decision | CombinedDecision | ApplicationErrorRecord> = [];
  for (const { file, input } of applications) {
    try {
      // A combined application (一件事) is decided by its members' rules together.
      if (isCombinedApplication(input)) {
        // Loaded for a combined application only (the 一件事 model is zod's).
        const { decideOneThing, oneThingsOf } = await import("../../one-thing/decide-one-thing.js");
        const { formatCombinedDecisionText } = await import("../../one-thing/combined-text.js");
        // Hashed with node:crypto, as the rule set's own decisions are (loadRules).
        const combined = await decideOneThing(rules, input, {
          locale,
          ...dates,
          sha256: nodeSha256,
        });
        results.push(combined);
        if (failOn !== undefined && SEVERITY[combined.outcome] >= SEVERITY[failOn])
          exit = EXIT.checksFailed;
        if (format === "text") {
          const heading = args.length > 1 ? `== ${printable(file)}\n` : "";
          const title = oneThingsOf(rules)
            .list()
            .find((o) => o.id === combined.oneThing.id);
          io.stdout(`${heading}${formatCombinedDecisionText(combined, title?.title[locale])}`);
        }
        continue;
      }
      const decision = await rules.decide(input, { locale, ...dates });
      results.push(decision);
      if (failOn !== undefined && SEVERITY[decision.outcome] >= SEVERITY[failOn])
        exit = EXIT.checksFailed;
      if (format === "text") {
        const title = rules.matters().find((m) => m.id === decision.matter.id)?.title[locale];
        io.stdout(
          `${args.length > 1 ? `== ${printable(file)}\n` : ""}${formatDecisionText(decision, title)}`,
        );
      }
    } catch (error) {
      if (!(error instanceof ApplicationError)) throw error;
      results.push(applicationErrorRecord(file, error.problems));
      for (const p of error.problems)
        io.stderr(`${printable(`${file}: ${p.pointer || "/"}: ${p.message} [${p.code}]`)}\n`);
      exit = EXIT.checksFailed;
    }
  }
  if (format === "json") {
    io.stdout(`${JSON.stringify(args.length === 1 ? results[0] : results, null, 2)}\n`);
  }
  return exit;
}

/** How far a decision is from done: refer (a person must look) is worse than incomplete. */
const SEVERITY: Record<CombinedDecision["outcome"], number> = {
  approve: 0,
  // With its departments: nothing for the applicant to do, and not a referral.
  pending: 0,
  incomplete: 1,
  refer: 2,
};
