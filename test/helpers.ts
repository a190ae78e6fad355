import { readFileSync } from "node:fs";
import { run } from "../src/cli/run.js";
import { loadRules, type RuleSet } from "../src/index.js";

/** The project root, where the CLI is run from in tests. */
export const ROOT = new URL("..", import.meta.url).pathname;

/**
 * The built command as the package ships it (package.json "bin": the bundle, dist/bin/), for
 * the tests that run it as its own process; `npm test` builds first.
 */
export const BIN = `${ROOT}${JSON.parse(readFileSync(`${ROOT}package.json`, "utf8")).bin["smart-approval"].replace(/^\.\//, "")}`;

/** Runs the command line in-process from the project root and captures what it writes. */
export async function cli(
  ...argv: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd: ROOT,
  });
  return { code, stdout, stderr };
}

let rules: Promise<RuleSet> | undefined;

/** The bundled rules, loaded once per test file. */
export function bundledRules(): Promise<RuleSet> {
  rules ??= loadRules();
  return rules;
}

/** A fresh copy of the approvable sample application (SPEC TC-A02: named convenience store). */
// biome-ignore lint/suspicious/noExplicitAny: tests reach into the sample freely to mutate it
export function approvable(): Record<string, any> {
  return JSON.parse(
    readFileSync(new URL("../examples/1-approve-convenience-store.json", import.meta.url), "utf8"),
  );
}

/** The ids of a decision's missing list and the codes of its referrals, sorted. */
export function summary(decision: {
  outcome: string;
  missing: { id: string }[];
  referrals: { code: string }[];
}) {
  return {
    outcome: decision.outcome,
    missing: decision.missing.map((m) => m.id).sort(),
    referrals: [...new Set(decision.referrals.map((r) => r.code))].sort(),
  };
}
