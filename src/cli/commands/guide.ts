import { buildGuide } from "../../guide/guide.js";
import { formatGuideHtml } from "../../guide/guide-html.js";
import { formatGuideMarkdown } from "../../guide/guide-markdown.js";
import { isPlainDate } from "../../validators/plain-date.js";
import { type CliIo, EXIT, oneOf, UsageError } from "../io.js";
import { loadRulesOrReport } from "../load-rules-or-report.js";
import { oneThingGuide } from "./one-thing-status.js";

/**
 * `guide <matter> [--format md|html] [--locale zh-CN|en] [--rules DIR] [--date YYYY-MM-DD]`:
 * prints the public guide (办事指南) of a matter — the newest version, or the one in force on
 * `--date` — rendered from the same rule file that decides applications.
 */
export async function guideCommand(
  args: string[],
  options: Record<string, string | boolean | undefined>,
  io: CliIo,
): Promise<number> {
  const format = oneOf("format", str(options.format), ["md", "html"], "md");
  const locale = oneOf("locale", str(options.locale), ["zh-CN", "en"], "zh-CN");
  const [matter, ...extra] = args;
  if (matter === undefined || extra.length > 0) {
    throw new UsageError("guide needs exactly one matter id");
  }
  const date = str(options.date);
  if (date !== undefined && !isPlainDate(date)) {
    throw new UsageError(`--date must be a date (YYYY-MM-DD), got "${date}"`);
  }
  const rules = await loadRulesOrReport(options.rules, io, options.trust);
  if (rules === undefined) return EXIT.checksFailed;
  // A 一件事 id: the combined guide (一次告知、一表申请、一套材料) from its file and its members'.
  const oneThing = oneThingGuide(rules, matter, date, locale);
  if (oneThing !== undefined) {
    io.stdout(format === "html" ? formatGuideHtml(oneThing) : formatGuideMarkdown(oneThing));
    return EXIT.ok;
  }
  const summary = rules.matters().find((m) => m.id === matter);
  if (summary === undefined) {
    const known =
      rules
        .matters()
        .map((m) => m.id)
        .join(", ") || "none";
    throw new UsageError(`unknown matter "${matter}"; loaded: ${known}`);
  }
  const on = date ?? (summary.versions.at(-1)?.from as string);
  const version = rules.versionInForce(matter, on);
  if (version === undefined) throw new UsageError(`no version of ${matter} is in force on ${on}`);
  const guide = buildGuide(version.file, { sha256: version.sha256, laws: version.laws, locale });
  io.stdout(format === "html" ? formatGuideHtml(guide) : formatGuideMarkdown(guide));
  return EXIT.ok;
}

function str(value: string | boolean | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}
