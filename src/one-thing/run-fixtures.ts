import { ApplicationError } from "../evaluate/application-error.js";
import { parseJsonDocument } from "../json/json-document.js";
import { validateDocument } from "../load/schema-issues.js";
import type { Issue } from "../model/issue.js";
import {
  type CombinedDecision,
  type OneThingFixture,
  OneThingFixtureSchema,
} from "../model/one-thing.js";
import type { RuleSet } from "../rule-set/rule-set.js";
import { decideOneThing } from "./decide-one-thing.js";

/** What a 一件事 fixture checks, read off a combined decision. */
export interface OneThingObservation {
  outcome: CombinedDecision["outcome"] | "refused";
  refused: string[];
  missing: string[];
  /** Notice ids that occur more than once: must be empty (一次告知, nothing asked twice). */
  repeated: string[];
  referrals: string[];
  members: Record<string, string>;
  due?: string;
}

/**
 * Reads off a combined decision what a fixture compares.
 *
 * @example
 * observeOneThing(decision).referrals; // ["food-filing:R-ADDRESS-SHARED"]
 */
export function observeOneThing(decision: CombinedDecision): OneThingObservation {
  const ids = decision.missing.map((m) => m.id);
  return {
    outcome: decision.outcome,
    refused: [],
    missing: [...new Set(ids)].sort(),
    repeated: [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))].sort(),
    referrals: [...new Set(decision.referrals.map((r) => `${r.member}:${r.code}`))].sort(),
    members: Object.fromEntries(
      decision.members.map((m) => [m.key, m.decidedBy === "rules" ? m.outcome : m.status]),
    ),
    ...(decision.timeLimit?.due !== undefined && { due: decision.timeLimit.due }),
  };
}

/**
 * Decides a fixture's combined application, replayed on its date, and observes the decision
 * (or the problems it was refused with, when the fixture expects a refusal).
 *
 * @example
 * oneThingDifferences(fixture.expected, await observeOneThingFixture(rules, fixture)); // []
 */
export async function observeOneThingFixture(
  rules: RuleSet,
  fixture: Pick<OneThingFixture, "application" | "expected">,
): Promise<OneThingObservation> {
  try {
    return observeOneThing(
      await decideOneThing(rules, fixture.application, { now: new Date(0), replay: true }),
    );
  } catch (error) {
    if (!(error instanceof ApplicationError) || fixture.expected.outcome !== "refused") throw error;
    return {
      outcome: "refused",
      refused: [...new Set(error.problems.map((p) => p.code))].sort(),
      missing: [],
      repeated: [],
      referrals: [],
      members: {},
    };
  }
}

/**
 * The differences between what a fixture expects and what was observed, one line each.
 *
 * @example
 * oneThingDifferences(expected, observed); // ["outcome: expected approve, got refer"]
 */
export function oneThingDifferences(
  expected: OneThingFixture["expected"],
  actual: OneThingObservation,
): string[] {
  const out: string[] = [];
  const list = (items: readonly string[]) => `[${[...new Set(items)].sort().join(", ")}]`;
  if (expected.outcome !== actual.outcome) {
    out.push(`outcome: expected ${expected.outcome}, got ${actual.outcome}`);
  }
  for (const key of ["missing", "referrals", "refused"] as const) {
    if (list(expected[key]) !== list(actual[key])) {
      out.push(`${key}: expected ${list(expected[key])}, got ${list(actual[key])}`);
    }
  }
  if (actual.repeated.length > 0) out.push(`asked twice: ${list(actual.repeated)}`);
  for (const [member, outcome] of Object.entries(expected.members ?? {})) {
    if (actual.members[member] !== outcome) {
      out.push(`member ${member}: expected ${outcome}, got ${actual.members[member] ?? "none"}`);
    }
  }
  if (expected.due !== undefined && expected.due !== actual.due) {
    out.push(`due: expected ${expected.due}, got ${actual.due ?? "none"}`);
  }
  return out;
}

/** The result of one 一件事 fixture file. */
export interface OneThingFixtureResult {
  file: string;
  description: string;
  passed: boolean;
  failures: string[];
  issues: Issue[];
}

/**
 * Runs one 一件事 fixture, given as its text, against a rule set (reading fixture files from
 * disk is runOneThingFixtures, src/node/one-thing-files.ts).
 *
 * @example
 * const result = await runOneThingFixtureText("fixtures/one-things/x/approve.json", text, rules);
 */
export async function runOneThingFixtureText(
  file: string,
  text: string,
  rules: RuleSet,
): Promise<OneThingFixtureResult> {
  const failed = (failures: string[], issues: Issue[] = [], description = "") => ({
    file,
    description,
    passed: false,
    failures,
    issues,
  });
  const parsed = parseJsonDocument(text, file);
  if (!parsed.ok) return failed(["not valid JSON"], parsed.issues);
  const { data, issues } = validateDocument(OneThingFixtureSchema, parsed.document);
  if (data === undefined) return failed(["not a valid 一件事 fixture"], issues);
  try {
    const failures = oneThingDifferences(data.expected, await observeOneThingFixture(rules, data));
    return {
      file,
      description: data.description,
      passed: failures.length === 0,
      failures,
      issues: [],
    };
  } catch (error) {
    return failed([`cannot be decided: ${(error as Error).message}`], [], data.description);
  }
}
