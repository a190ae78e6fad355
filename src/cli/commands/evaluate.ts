import { ApplicationError } from "../../evaluate/application-error.js";
import type { Decision } from "../../model/decision.js";
import { formatDecisionText } from "../../report/decision-text.js";
import { dateOptions } from "../date-options.js";
import { type CliIo, EXIT, oneOf, UsageError } from "../io.js";
import { loadRulesOrReport } from "../load-rules-or-report.js";
import { readJsonFile } from "../read-json.js";

/**
 * `evaluate <application.json>... [--format text|json] [--locale zh-CN|en] [--rules DIR]
 * [--replay | --backdate-days N]`
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
  const applications = args.map((file) => ({ file, input: readJsonFile(file, io.cwd) }));
  const rules = await loadRulesOrReport(options.rules, io);
  if (rules === undefined) return EXIT.checksFailed;
  let exit: number = EXIT.ok;
  const decisions: Decision[] = [];
  for (const { file, input } of applications) {
    try {
      const decision = await rules.decide(input, { locale, ...dates });
      decisions.push(decision);
      if (format === "text") {
        const title = rules.matters().find((m) => m.id === decision.matter.id)?.title[locale];
        io.stdout(`${args.length > 1 ? `== ${file}\n` : ""}${formatDecisionText(decision, title)}`);
      }
    } catch (error) {
      if (!(error instanceof ApplicationError)) throw error;
      for (const p of error.problems)
        io.stderr(`${file}: ${p.pointer || "/"}: ${p.message} [${p.code}]\n`);
      exit = EXIT.checksFailed;
    }
  }
  if (format === "json") {
    io.stdout(
      `${JSON.stringify(args.length === 1 ? (decisions[0] ?? null) : decisions, null, 2)}\n`,
    );
  }
  return exit;
}
