import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { runFixtures } from "../../fixtures/run-fixtures.js";
import { loadRules } from "../../load/load-rules.js";
import { RuleFileError } from "../../load/rule-file-error.js";
import { formatIssues } from "../../report/issues.js";
import { type CliIo, EXIT, oneOf, UsageError } from "../io.js";

/** `test [paths] [--rules DIR] [--format text|json]`: runs golden fixtures. */
export async function testCommand(
  args: string[],
  options: Record<string, string | undefined>,
  io: CliIo,
): Promise<number> {
  const format = oneOf("format", options.format, ["text", "json"], "text");
  const paths = (args.length > 0 ? args : ["fixtures"]).map((p) => resolve(io.cwd, p));
  for (const path of paths) {
    if (!existsSync(path)) throw new UsageError(`no such file or directory: ${path}`);
  }
  let rules: Awaited<ReturnType<typeof loadRules>>;
  try {
    rules = await loadRules(options.rules ? resolve(io.cwd, options.rules) : undefined);
  } catch (error) {
    if (!(error instanceof RuleFileError)) throw error;
    io.stderr(formatIssues(error.issues, "text"));
    return EXIT.checksFailed;
  }
  const results = await runFixtures(paths, rules);
  const failed = results.filter((r) => !r.passed);
  if (format === "json") {
    io.stdout(`${JSON.stringify(results, null, 2)}\n`);
  } else {
    for (const result of failed) {
      io.stdout(`FAIL ${result.file}\n`);
      if (result.description) io.stdout(`  ${result.description}\n`);
      for (const line of result.failures) io.stdout(`  ${line}\n`);
      if (result.issues.length > 0)
        io.stdout(formatIssues(result.issues, "text").replace(/^/gm, "  "));
    }
    io.stdout(`${results.length - failed.length} passed, ${failed.length} failed\n`);
  }
  if (results.length === 0) throw new UsageError("no fixture files found");
  return failed.length > 0 ? EXIT.checksFailed : EXIT.ok;
}
