import { readFileSync } from "node:fs";
import { type OneThingFile, OneThingFileSchema } from "../model/one-thing.js";
import { isCombinedApplication } from "../one-thing/is-combined-application.js";
import { type OneThingFixtureResult, runOneThingFixtureText } from "../one-thing/run-fixtures.js";
import type { RuleSet } from "../rule-set/rule-set.js";
import { fixtureFiles } from "./run-fixtures.js";

/**
 * Splits fixture paths (files, or directories of them) into matter fixtures and 一件事 fixtures
 * (those whose application names a `oneThing`), so that `test` runs each with its runner. A
 * file that cannot be read as JSON goes with the matter fixtures, whose runner reports it.
 *
 * @example
 * partitionFixtures(["fixtures"]).oneThings.length; // 54
 */
export function partitionFixtures(paths: readonly string[]): {
  matters: string[];
  oneThings: string[];
} {
  const matters: string[] = [];
  const oneThings: string[] = [];
  for (const file of paths.flatMap(fixtureFiles)) {
    (isOneThingFixture(file) ? oneThings : matters).push(file);
  }
  return { matters, oneThings };
}

function isOneThingFixture(file: string): boolean {
  try {
    const value = JSON.parse(readFileSync(file, "utf8")) as { application?: unknown };
    return isCombinedApplication(value?.application);
  } catch {
    return false;
  }
}

/**
 * Two 一件事 files (for `diff`), or undefined when either is not one (then they are matters,
 * or not readable: the matter diff reports it).
 *
 * @example
 * readOneThingPair("v1.json", "v2.json")?.[1].version; // "1.1.0"
 */
export function readOneThingPair(a: string, b: string): [OneThingFile, OneThingFile] | undefined {
  const read = (file: string) => {
    try {
      const parsed = OneThingFileSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  };
  const [first, second] = [read(a), read(b)];
  return first && second ? [first, second] : undefined;
}

/**
 * Runs 一件事 fixtures (files, or directories of them) against a rule set.
 *
 * @example
 * const results = await runOneThingFixtures(["fixtures/one-things"], await loadRules());
 */
export async function runOneThingFixtures(
  paths: readonly string[],
  rules: RuleSet,
): Promise<OneThingFixtureResult[]> {
  const results: OneThingFixtureResult[] = [];
  for (const file of paths.flatMap(fixtureFiles)) {
    results.push(await runOneThingFixtureText(file, readFileSync(file, "utf8"), rules));
  }
  return results;
}
