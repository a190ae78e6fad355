import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { RuleSet } from "../rule-set/rule-set.js";
import {
  type FixtureResult,
  type RunFixturesOptions,
  runFixtureText,
} from "../tester/run-fixtures.js";

/**
 * Runs golden fixtures (`<case>.json` files, or directories of them) against a rule set and
 * reports, for each, whether the decision matches what the fixture expects.
 *
 * @example
 * const results = await runFixtures(["fixtures"], await loadRules());
 * results.filter((r) => !r.passed).length; // 0
 */
export async function runFixtures(
  paths: readonly string[],
  rules: RuleSet,
  options: RunFixturesOptions = {},
): Promise<FixtureResult[]> {
  const results: FixtureResult[] = [];
  for (const file of paths.flatMap(fixtureFiles)) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      results.push({
        file,
        description: "",
        passed: false,
        failures: [`cannot read: ${(error as Error).message}`],
        issues: [],
      });
      continue;
    }
    results.push(await runFixtureText(file, text, rules, options));
  }
  return results;
}

/** The fixture files under a path (itself when it is a file), sorted. */
export function fixtureFiles(path: string): string[] {
  if (!statSync(path, { throwIfNoEntry: false })?.isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .flatMap((entry) => {
      const child = join(path, entry.name);
      if (entry.isDirectory()) return fixtureFiles(child);
      return entry.name.endsWith(".json") ? [child] : [];
    })
    .sort();
}
