import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { chinaToday } from "../../evaluate/application-date.js";
import { BUNDLED_RULES_DIR, nodeSha256, ruleFiles } from "../../load/load-rules.js";
import { readRuleFile } from "../../load/read-rule-file.js";
import { RuleFileError } from "../../load/rule-file-error.js";
import { RuleSet } from "../../load/rule-set.js";
import type { RuleSource } from "../../load/validate-sources.js";
import { pageScript } from "../../precheck/page-script.js";
import { precheckPageFiles } from "../../precheck/precheck-page.js";
import { formatIssues } from "../../report/issues.js";
import { type CliIo, EXIT, IoError, ioReason, oneOf, requirePath, UsageError } from "../io.js";

/**
 * `precheck <matter> [--locale zh-CN|en] [--rules DIR] --out DIR`: writes the pre-check page
 * (网上预审) of a matter — `index.html`, `precheck.js`, `precheck.css` — that an applicant opens
 * from disk or from any static server, with no network: it decides with the library itself, on
 * the matter's rules carried in the page as data (docs/precheck.md).
 */
export async function precheckCommand(
  args: string[],
  options: Record<string, string | boolean | undefined>,
  io: CliIo,
): Promise<number> {
  const locale = oneOf("locale", str(options.locale), ["zh-CN", "en"], "zh-CN");
  const [matter, ...extra] = args;
  if (matter === undefined || extra.length > 0) {
    throw new UsageError("precheck needs exactly one matter id");
  }
  const outOption = str(options.out);
  if (outOption === undefined) throw new UsageError("precheck needs --out DIR");
  const rulesOption = str(options.rules);
  const dir = rulesOption === undefined ? BUNDLED_RULES_DIR : resolve(io.cwd, rulesOption);
  if (rulesOption !== undefined) requirePath(`--rules ${rulesOption}`, dir, "directory");

  // The page validates and compiles these very sources; so does this, first, so that a rule
  // file with errors is reported here (every issue, located) rather than in the applicant's page.
  let sources: RuleSource[] | undefined;
  let rules: RuleSet;
  try {
    sources = pageSources(dir, matter);
    if (sources === undefined) {
      throw new UsageError(`unknown matter "${matter}": no matters/${matter}/ under ${dir}`);
    }
    rules = await RuleSet.fromSources(sources, { sha256: nodeSha256 });
  } catch (error) {
    if (!(error instanceof RuleFileError)) throw error;
    io.stderr(formatIssues(error.issues, "text"));
    return EXIT.checksFailed;
  }
  const summary = rules.matters().find((m) => m.id === matter);
  if (summary === undefined) throw new UsageError(`no version of ${matter} under ${dir}`);
  const today = chinaToday(new Date());
  if (rules.versionInForce(matter, today) === undefined) {
    io.stderr(
      `smart-approval: warning: no version of ${matter} is in force today (${today}); the page says so until one is\n`,
    );
  }

  const files = precheckPageFiles({
    matter,
    title: summary.title,
    locale,
    sources,
    script: await pageScript(),
  });
  const out = resolve(io.cwd, outOption);
  try {
    mkdirSync(out, { recursive: true });
    for (const file of files) writeFileSync(join(out, file.name), file.text);
  } catch (error) {
    throw new IoError(`cannot write --out ${outOption}: ${ioReason(error)}`);
  }
  const versions = summary.versions
    .map(({ version, from }) => {
      const sha256 = rules.versionInForce(matter, from)?.sha256 ?? "";
      return `  ${matter} ${version} (from ${from}) sha256 ${sha256}\n`;
    })
    .join("");
  io.stdout(
    `wrote ${files.map((f) => join(outOption, f.name)).join(", ")}\n` +
      `rules in the page:\n${versions}` +
      `open ${join(outOption, "index.html")} in a browser (no server or network needed)\n`,
  );
  return EXIT.ok;
}

/**
 * The rule sources the page carries: every version of the matter, every catalog and the
 * calendar, each as its file's JSON written without whitespace (the rules' SHA-256 is of their
 * canonical JSON, so it is the same). Undefined when the directory has no such matter.
 */
function pageSources(dir: string, matter: string): RuleSource[] | undefined {
  const files = ruleFiles(dir).map((path) => ({ path, name: portable(relative(dir, path)) }));
  const own = files.filter((f) => f.name.startsWith(`matters/${matter}/`));
  if (own.length === 0) return undefined;
  const shared = files.filter((f) => !f.name.startsWith("matters/"));
  return [...shared, ...own].map(({ path, name }) => ({ file: name, text: compact(path, name) }));
}

/** A rule file's JSON without whitespace; as it is when it is not JSON (validation says where). */
function compact(path: string, name: string): string {
  const text = readRuleFile(path, name);
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

function portable(path: string): string {
  return path.split(sep).join("/");
}

function str(value: string | boolean | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}
