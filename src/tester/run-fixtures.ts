import { ApplicationError } from "../evaluate/application-error.js";
import { parseJsonDocument } from "../json/json-document.js";
import { validateDocument } from "../load/schema-issues.js";
import type { Decision } from "../model/decision.js";
import { type FixtureFile, FixtureFileSchema } from "../model/fixture.js";
import type { Issue } from "../model/issue.js";
import type { RuleSet } from "../rule-set/rule-set.js";
import { differences, type FixtureObservation, observe } from "./compare-fixture.js";

/** The result of one fixture file. */
export interface FixtureResult {
  file: string;
  description: string;
  passed: boolean;
  /** What differed, one line each; or why the fixture could not run. */
  failures: string[];
  actual?: FixtureObservation;
  /** Problems with the fixture file itself. */
  issues: Issue[];
}

export interface RunFixturesOptions {
  /** Called with every decision a fixture produced, e.g. to measure coverage. */
  onDecision?: (decision: Decision, file: string) => void;
}

/**
 * Runs one golden fixture, given as its text, against a rule set: whether the decision matches
 * what the fixture expects, or why the fixture could not run. Reading fixture files from disk is
 * runFixtures (src/node/run-fixtures.ts).
 *
 * @example
 * const result = await runFixtureText("fixtures/m/approve.json", text, rules);
 * result.passed; // true
 */
export async function runFixtureText(
  file: string,
  text: string,
  rules: RuleSet,
  options: RunFixturesOptions = {},
): Promise<FixtureResult> {
  const failed = (failures: string[], issues: Issue[] = []): FixtureResult => ({
    file,
    description: "",
    passed: false,
    failures,
    issues,
  });
  const parsed = parseJsonDocument(text, file);
  if (!parsed.ok) return failed(["not valid JSON"], parsed.issues);
  const { data, issues } = validateDocument(FixtureFileSchema, parsed.document);
  if (data === undefined)
    return failed(["not a valid fixture file"], [...parsed.issues, ...issues]);
  try {
    const actual = await observeFixture(rules, data, (decision) =>
      options.onDecision?.(decision, file),
    );
    const failures = differences(data.expected, actual);
    return {
      file,
      description: data.description,
      passed: failures.length === 0,
      failures,
      actual,
      issues: [],
    };
  } catch (error) {
    const detail =
      error instanceof ApplicationError
        ? error.problems.map((p) => `${p.pointer}: ${p.message}`).join("; ")
        : (error as Error).message;
    return {
      ...failed([`application cannot be decided: ${detail}`]),
      description: data.description,
    };
  }
}

/**
 * Decides a fixture's application as the fixture says — replayed on the date it states (said
 * explicitly: a decision for real is bounded by today), or, with `decidedAt`, as if received at
 * that instant — and reads off what fixtures compare. An application refused at `decidedAt` is
 * observed as `refused` (with its problem codes) when the fixture expects that; otherwise the
 * `ApplicationError` propagates.
 *
 * @example
 * differences(fixture.expected, await observeFixture(rules, fixture)); // []
 */
export async function observeFixture(
  rules: RuleSet,
  fixture: Pick<FixtureFile, "application" | "decidedAt" | "expected">,
  onDecision?: (decision: Decision) => void,
): Promise<FixtureObservation> {
  const decideOptions =
    fixture.decidedAt === undefined
      ? { now: new Date(0), replay: true }
      : { now: new Date(fixture.decidedAt) };
  try {
    const decision = await rules.decide(fixture.application, decideOptions);
    onDecision?.(decision);
    return observe(decision);
  } catch (error) {
    if (!(error instanceof ApplicationError) || fixture.expected.outcome !== "refused") throw error;
    return {
      outcome: "refused",
      missing: [],
      referrals: [],
      followUps: [],
      refused: [...new Set(error.problems.map((p) => p.code))].sort(),
    };
  }
}
