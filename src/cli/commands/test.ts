import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Decision } from "../../model/decision.js";
import { partitionFixtures, runOneThingFixtures } from "../../node/one-thing-files.js";
import { runFixtures } from "../../node/run-fixtures.js";
import { formatIssues } from "../../report/issues.js";
import { printable } from "../../report/printable.js";
import { fixtureCoverage, type MatterCoverage, versionsOf } from "../../tester/coverage.js";
import { formatCoverage } from "../../tester/coverage-text.js";
import { type CliIo, EXIT, IoError, oneOf, UsageError } from "../io.js";
import { loadRulesOrReport } from "../load-rules-or-report.js";

/**
 * `test [paths] [--rules DIR] [--format text|json] [--coverage] [--threshold PERCENT]`: runs
 * golden fixtures; with `--coverage`, also reports which standards, materials and referral
 * codes they exercise per matter version, and with `--threshold`, fails (exit 2) when any
 * version is covered less.
 */
export async function testCommand(
  args: string[],
  options: Record<string, string | boolean | undefined>,
  io: CliIo,
): Promise<number> {
  const format = oneOf("format", str(options.format), ["text", "json"], "text");
  const threshold = percent(str(options.threshold));
  const coverage = options.coverage === true || threshold !== undefined;
  const paths = (args.length > 0 ? args : ["fixtures"]).map((p) => resolve(io.cwd, p));
  for (const path of paths) {
    if (!existsSync(path)) throw new IoError(`cannot read ${path}: no such file or directory`);
  }
  const rules = await loadRulesOrReport(options.rules, io, options.trust);
  if (rules === undefined) return EXIT.checksFailed;
  const decisions: Decision[] = [];
  // 一件事 fixtures (a combined application) run with their own runner, beside the matters'.
  const { matters, oneThings } = partitionFixtures(paths);
  const results = [
    ...(await runFixtures(matters, rules, { onDecision: (decision) => decisions.push(decision) })),
    ...(await runOneThingFixtures(oneThings, rules)),
  ];
  if (results.length === 0) throw new UsageError("no fixture files found");
  const failed = results.filter((r) => !r.passed);
  const covered = coverage
    ? fixtureCoverage(
        versionsOf(rules.matters(), (id, from) => rules.versionInForce(id, from)?.file),
        decisions,
      )
    : undefined;
  const below = (covered ?? []).filter((c) => threshold !== undefined && c.percent < threshold);
  if (format === "json") {
    io.stdout(`${JSON.stringify(covered ? { results, coverage: covered } : results, null, 2)}\n`);
  } else {
    for (const result of failed) {
      io.stdout(`FAIL ${printable(result.file)}\n`);
      if (result.description) io.stdout(`  ${printable(result.description)}\n`);
      for (const line of result.failures) io.stdout(`  ${printable(line)}\n`);
      if (result.issues.length > 0)
        io.stdout(formatIssues(result.issues, "text").replace(/^/gm, "  "));
    }
    io.stdout(`${results.length - failed.length} passed, ${failed.length} failed\n`);
    if (covered) io.stdout(formatCoverage(covered));
  }
  for (const c of below) io.stderr(belowThreshold(c, threshold as number));
  return failed.length > 0 || below.length > 0 ? EXIT.checksFailed : EXIT.ok;
}

function belowThreshold(c: MatterCoverage, threshold: number): string {
  return `coverage of ${c.matter} ${c.version} is ${c.percent.toFixed(1)}%, below the threshold of ${threshold}%\n`;
}

function percent(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || value > 100) {
    throw new UsageError(`--threshold must be a percentage from 0 to 100 (got "${text}")`);
  }
  return value;
}

function str(value: string | boolean | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}
