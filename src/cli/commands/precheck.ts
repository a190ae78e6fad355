import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { browserRulesModule } from "../../browser/rules-module.js";
import { chinaToday } from "../../evaluate/application-date.js";
import { RuleFileError } from "../../load/rule-file-error.js";
import type { MatterFile } from "../../model/matter.js";
import { pageScript } from "../../node/precheck-script.js";
import { readRuleFile } from "../../node/read-rule-file.js";
import { BUNDLED_RULES_DIR, readSources, ruleFiles } from "../../node/rule-files.js";
import { RULES_GLOBAL } from "../../precheck/page/config.js";
import { precheckPageFiles } from "../../precheck/precheck-page.js";
import { formatIssues } from "../../report/issues.js";
import { type CliIo, EXIT, IoError, ioReason, oneOf, requirePath, UsageError } from "../io.js";

/** The global the page's rules.js sets (see src/precheck/page/main.ts). */

/**
 * `precheck <matter> [--locale zh-CN|en] [--rules DIR] --out DIR`: writes the pre-check page
 * (网上预审) of a matter — `index.html`, `rules.js`, `precheck.js`, `precheck.css` — that an
 * applicant opens from disk or from any static server, with no network: it decides with the
 * library's browser entry, on the matter's rules validated here (docs/precheck.md).
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
  const known = matterIds(dir);
  if (!known.includes(matter)) {
    throw new UsageError(`unknown matter "${matter}"; found: ${known.join(", ") || "none"}`);
  }

  // Every rule file is validated as RuleSet.fromSources validates it: a file with errors is
  // reported here (every issue, located), never in the applicant's page.
  let rules: { code: string; sha256: string };
  let versions: MatterFile[];
  try {
    const files = ruleFiles(dir);
    rules = await browserRulesModule(readSources(files), {
      matters: [matter],
      as: { global: RULES_GLOBAL },
    });
    versions = files
      // The matter's own folder: `foo/` is not `foo-bar/`.
      .filter((file) => resolve(file).startsWith(resolve(dir, "matters", matter) + sep))
      .map((file) => JSON.parse(readRuleFile(file, file)) as MatterFile)
      .sort((a, b) => (a.effective.from < b.effective.from ? -1 : 1));
  } catch (error) {
    if (!(error instanceof RuleFileError)) throw error;
    io.stderr(formatIssues(error.issues, "text"));
    return EXIT.checksFailed;
  }
  const newest = versions.at(-1);
  if (newest === undefined) throw new UsageError(`no version of ${matter} under ${dir}`);
  const today = chinaToday(new Date());
  const inForce = versions.some(
    (v) => v.effective.from <= today && (v.effective.until ?? "9999-12-31") >= today,
  );
  if (!inForce) {
    io.stderr(
      `smart-approval: warning: no version of ${matter} is in force today (${today}); the page says so until one is\n`,
    );
  }

  const files = precheckPageFiles({
    matter,
    title: newest.title,
    locale,
    rules,
    script: await pageScript(),
  });
  const out = resolve(io.cwd, outOption);
  try {
    mkdirSync(out, { recursive: true });
    for (const file of files) writeFileSync(join(out, file.name), file.text);
  } catch (error) {
    throw new IoError(`cannot write --out ${outOption}: ${ioReason(error)}`);
  }
  const list = versions.map((v) => `${v.version} (from ${v.effective.from})`).join(", ");
  io.stdout(
    `wrote ${files.map((f) => join(outOption, f.name)).join(", ")}\n` +
      `rules: ${matter} ${list}; SHA-256 ${rules.sha256}\n` +
      `open ${join(outOption, "index.html")} in a browser (no server or network needed)\n`,
  );
  return EXIT.ok;
}

/** The matters a rules directory has (`matters/<id>/`). */
function matterIds(dir: string): string[] {
  try {
    return readdirSync(join(dir, "matters"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

function str(value: string | boolean | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}
