import { readFileSync } from "node:fs";
import { loadRules, type RuleSet } from "../src/index.js";

let rules: Promise<RuleSet> | undefined;

/** The bundled rules, loaded once per test file. */
export function bundledRules(): Promise<RuleSet> {
  rules ??= loadRules();
  return rules;
}

/** A fresh copy of the approvable sample application (SPEC TC-A02: named convenience store). */
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
