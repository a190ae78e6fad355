// Issue 14, "outside JSON": RuleSet.decide, loadRules and validateRules, called with what no JSON parser can give
// (a getter that throws on a later read, an invalid Date, an unsupported locale, `null` or
// mistyped options and arguments), either gives a valid result or throws the error it
// documents — never a TypeError or any other untyped exception, and never a decision that
// fails DecisionSchema. See SECURITY.md, "Values from outside JSON".
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateRules } from "../../src/entries/authoring.js";
import { ApplicationError, DecisionSchema, loadRules, RuleFileError } from "../../src/index.js";
import { bundledRules } from "../helpers.js";
import { approvedSeeds, type Json, paths } from "../properties/support.js";

const rules = await bundledRules();
const seeds = await approvedSeeds();
const seed = seeds[0] as (typeof seeds)[number];

/** Messages of RangeErrors the JavaScript engine throws (a bug, not an argument refused). */
const ENGINE_RANGE_ERRORS =
  /^(Invalid time value|Maximum call stack|Invalid array length|Invalid string length|Invalid count value|Invalid language tag|Incorrect locale|toFixed|toISOString)/;

/** Whether an exception is one the public API documents. */
function documented(error: unknown): boolean {
  if (error instanceof ApplicationError) return error.problems.length > 0;
  if (error instanceof RuleFileError) return error.issues.length > 0;
  // Arguments and options outside their domain (a malformed date, count or option).
  if (error instanceof RangeError) return !ENGINE_RANGE_ERRORS.test(error.message);
  return false;
}

/** A label for any value (a symbol or an object without a prototype cannot be String()ed). */
function label(value: unknown): string {
  try {
    return String(value);
  } catch {
    return typeof value;
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : `non-error ${label(error)}`;
}

/** Calls `call`; fails the test on an undocumented exception or an invalid decision. */
async function settles(call: () => unknown, label: string): Promise<void> {
  let result: unknown;
  try {
    result = await call();
  } catch (error) {
    expect.soft(documented(error), `${label}: ${describeError(error)}`).toBe(true);
    return;
  }
  if (result !== null && typeof result === "object" && "outcome" in result) {
    const parsed = DecisionSchema.safeParse(result);
    expect(parsed.success, `${label}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
  }
}

/** A getter at `path` of a copy of the application that answers `reads` times, then throws. */
function laterThrow(path: readonly (string | number)[], reads: number, thrown: unknown): unknown {
  const app = structuredClone(seed.application) as Record<string, Json>;
  let parent: Record<string | number, unknown> = app;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const key = path.at(-1) as string | number;
  const value = parent[key];
  let count = 0;
  Object.defineProperty(parent, key, {
    enumerable: true,
    configurable: true,
    get() {
      count += 1;
      if (count > reads) throw thrown;
      return value;
    },
  });
  return app;
}

/** A getter that gives the value on its first read and something else after. */
function changing(path: readonly (string | number)[], later: unknown): unknown {
  const app = structuredClone(seed.application) as Record<string, Json>;
  let parent: Record<string | number, unknown> = app;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const key = path.at(-1) as string | number;
  const value = parent[key];
  let first = true;
  Object.defineProperty(parent, key, {
    enumerable: true,
    get() {
      if (first) {
        first = false;
        return value;
      }
      return later;
    },
  });
  return app;
}

const HOSTILE: unknown[] = [
  null,
  undefined,
  0,
  Number.NaN,
  -1,
  1.5,
  "",
  "en",
  "2025-13-45",
  true,
  [],
  {},
  new Date(Number.NaN),
  new Date("2025-06-30T00:00:00Z"),
  Symbol("s"),
  () => {},
  Object.create(null),
  new Proxy(
    {},
    {
      get() {
        throw new Error("proxy get");
      },
      ownKeys() {
        throw new Error("proxy keys");
      },
    },
  ),
  {
    get now() {
      throw new Error("getter");
    },
    get locale() {
      throw new Error("getter");
    },
  },
];

const app = () => structuredClone(seed.application);

describe("RuleSet.decide", () => {
  it("a getter that throws on a later read refuses or decides, never an untyped error", async () => {
    const targets = paths(seed.application as Json)
      .filter((p) => p.length <= 3)
      .slice(0, 60);
    for (const path of [["matter"], ["appliedOn"], ["data"], ["evidence"], ...targets]) {
      for (const reads of [1, 2, 3]) {
        for (const thrown of [new Error("later read"), "a string", undefined]) {
          await settles(
            () => rules.decide(laterThrow(path, reads, thrown), { replay: true }),
            `${path.join(".")} after ${reads}`,
          );
        }
      }
      await settles(
        () => rules.decide(changing(path, { toString: 5 }), { replay: true }),
        `${path.join(".")} changing`,
      );
    }
  });

  it("options outside their domain are refused with a RangeError naming the option", async () => {
    for (const options of HOSTILE) {
      await settles(() => rules.decide(app(), options as never), `options ${label(options)}`);
    }
    for (const key of [
      "now",
      "locale",
      "replay",
      "backdateDays",
      "evidence",
      "evidenceTimeoutMs",
    ]) {
      for (const value of HOSTILE) {
        await settles(
          () => rules.decide(app(), { [key]: value } as never),
          `${key}: ${label(value)}`,
        );
      }
    }
    await expect(rules.decide(app(), { now: new Date(Number.NaN) })).rejects.toThrow(RangeError);
    await expect(rules.decide(app(), { locale: "fr" as never })).rejects.toThrow(/options\.locale/);
    // `null` options are no options.
    const decision = await rules.decide(app(), null as never).catch((e: unknown) => e);
    expect(decision).toBeInstanceOf(ApplicationError); // the seed's appliedOn is not today
  });

  it("any value as the application or the options", async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything({ withObjectString: true }), fc.anything(), async (a, o) => {
        await settles(() => rules.decide(a), "application");
        await settles(() => rules.decide(app(), o as never), "options");
      }),
      { numRuns: 150 },
    );
  });
});

describe("loading and validating", () => {
  it("loadRules and validateRules take any value without an untyped error", async () => {
    for (const value of HOSTILE) {
      await settles(() => loadRules(value as never), "loadRules path");
      await settles(() => loadRules(undefined, value as never), "loadRules options");
      await settles(() => validateRules(value as never), "validateRules paths");
      await settles(() => validateRules([value] as never), "validateRules [path]");
      await settles(() => validateRules(undefined, value as never), "validateRules options");
    }
    for (const options of [
      { evaluator: "nope" },
      { trust: "not a list" },
      { trust: [5] },
      { trust: ["not a key"] },
      { sha256: 5 },
      { calendar: 5 },
    ]) {
      await settles(() => loadRules(undefined, options as never), JSON.stringify(options));
    }
    await settles(() => validateRules(undefined, { today: "soon" }), "today: soon");
  });
});
