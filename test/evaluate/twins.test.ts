// The twins of the library, in one place: each fast path beside the reference it must agree
// with. A fast path is kept only when it earns its speed (measured with `npx tsx bench/twins.ts`
// on the benchmark corpus, per application; a decision costs about 100 µs), and each is built
// the same way: it gives the reference's result for what it recognises, and leaves the rest to
// the reference (or, for the evaluators, is held to the same result on everything). Each pair
// is checked here on its own inputs, and in depth by the test that `heldBy` names.
//
// Removed rather than kept (issue 12): foldPlanned and its leaf plans, beside fold + leafValues
// (they saved 0–3 µs an application, within the noise); the compiled evaluator's own copy of
// the path resolver (it now calls resolveSegments, path-resolver.ts); the hand-copied id and
// date regexes of the envelope's fast read and the service, and the prototype-segment regex
// beside isForbiddenKey (model/patterns.ts holds each pattern once); the regex fallback of
// hasLoneSurrogate (every supported Node has isWellFormed: the regex is the reference here,
// not code that never runs).

import { readdirSync, readFileSync } from "node:fs";
import { fc } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { CompiledMatter } from "../../src/evaluate/compile-matter.js";
import { prepareFacts } from "../../src/evaluate/input-facts.js";
import { hasLoneSurrogate, inputProblems } from "../../src/evaluate/input-limits.js";
import { safeCanonicalJson } from "../../src/evaluate/safe-canonical-json.js";
import { type EvaluatedCondition, fold, leafValues } from "../../src/evaluate/three-valued.js";
import { loadRules } from "../../src/index.js";
import { canonicalJson, sortKeys } from "../../src/json/canonical-json.js";
import { ApplicationSchema, readApplication } from "../../src/model/application.js";
import {
  ID_PATTERN,
  IdSchema,
  PLAIN_DATE_PATTERN,
  PlainDateSchema,
} from "../../src/model/common.js";
import { compiledInForce } from "../../src/rule-set/rule-set.js";

interface Twin {
  fast: string;
  reference: string;
  /** What the fast one saves, per application, as bench/twins.ts measured it. */
  earns: string;
  /** The test that holds the two together in depth, and the names it must use of them. */
  heldBy?: { file: string; names: [string, string] };
  /** The two compared here, on inputs of their own. */
  check: () => void | Promise<void>;
}

const ROOT = new URL("../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), "utf8");

/** Every fixture's application, by matter: inputs the evaluators must agree on. */
function fixtureApplications(): Map<string, Array<Record<string, unknown>>> {
  const byMatter = new Map<string, Array<Record<string, unknown>>>();
  for (const matter of readdirSync(new URL("fixtures/", ROOT))) {
    const apps = readdirSync(new URL(`fixtures/${matter}/`, ROOT))
      .filter((file) => file.endsWith(".json"))
      .sort()
      // One fixture in four: the differential test runs them all, and 100,000 more.
      .filter((_, index) => index % 4 === 0)
      .map((file) => JSON.parse(read(`fixtures/${matter}/${file}`)).application);
    byMatter.set(matter, apps);
  }
  return byMatter;
}

type Run = {
  matter: CompiledMatter;
  fast: readonly EvaluatedCondition[];
  reference: readonly EvaluatedCondition[];
};
let runs: Promise<Run[]> | undefined;

/** For each fixture, both evaluators' trees, slot by slot, with the matter they ran on (once). */
function bothEvaluators(): Promise<Run[]> {
  runs ??= evaluateFixtures();
  return runs;
}

async function evaluateFixtures(): Promise<Run[]> {
  const compiled = await loadRules(undefined, { evaluator: "compiled" });
  const reference = await loadRules(undefined, { evaluator: "json-rules-engine" });
  const out: Run[] = [];
  for (const [id, apps] of fixtureApplications()) {
    for (const app of apps) {
      const appliedOn = app.appliedOn as string;
      const a = await compiledInForce(compiled, id, appliedOn);
      const b = await compiledInForce(reference, id, appliedOn);
      if (a === undefined || b === undefined) continue;
      const { facts } = prepareFacts(a, {
        appliedOn,
        data: (app.data ?? {}) as Record<string, unknown>,
        evidence: (app.evidence ?? {}) as Record<string, unknown>,
        materials: (app.materials ?? []) as never,
      });
      const fast = a.evaluator.run(facts) as readonly EvaluatedCondition[];
      out.push({ matter: a, fast, reference: await b.evaluator.run(facts) });
    }
  }
  return out;
}

const TWINS: Twin[] = [
  {
    fast: "compiled evaluator (compileCondition)",
    reference: "json-rules-engine (ConditionEvaluator, engine: json-rules-engine)",
    earns: "about 800 µs (66 µs against 860–1,375 µs for a run of every condition)",
    heldBy: {
      file: "test/evaluate/differential.test.ts",
      names: ["compiled", "json-rules-engine"],
    },
    async check() {
      let slots = 0;
      for (const { fast, reference } of await bothEvaluators()) {
        expect(fast.length).toBe(reference.length);
        fast.forEach((tree, slot) => {
          const other = reference[slot] as EvaluatedCondition;
          expect(fold(tree)).toEqual(fold(other));
          expect(leafValues(tree)).toEqual(leafValues(other));
          slots++;
        });
      }
      expect(slots).toBeGreaterThan(3000);
    },
  },
  {
    fast: "safeCanonicalJson",
    reference: "inputProblems + canonicalJson",
    earns: "3–13 µs (one walk of the input instead of two)",
    heldBy: {
      file: "test/evaluate/safe-canonical-json.test.ts",
      names: ["safeCanonicalJson", "inputProblems"],
    },
    check() {
      fc.assert(
        fc.property(fc.jsonValue(), (value) => {
          const expected = inputProblems(value).length === 0 ? canonicalJson(value) : undefined;
          expect(safeCanonicalJson(value)).toBe(expected);
        }),
        { numRuns: 300 },
      );
    },
  },
  {
    fast: "readApplication",
    reference: "ApplicationSchema.safeParse",
    earns: "3–10 µs",
    heldBy: {
      file: "test/model/application.test.ts",
      names: ["readApplication", "ApplicationSchema.safeParse"],
    },
    check() {
      const envelope = fc.record(
        {
          matter: fc.oneof(fc.constantFrom("individual-business.establishment", "m"), fc.string()),
          appliedOn: fc.oneof(
            fc.constantFrom("2025-06-30", "2025-02-30", "2025-6-30"),
            fc.string(),
          ),
          data: fc.dictionary(fc.string(), fc.jsonValue()),
          evidence: fc.dictionary(fc.string(), fc.jsonValue()),
          materials: fc.array(
            fc.record({ id: fc.constantFrom("GT-M01", "1x"), via: fc.constantFrom("upload", "x") }),
          ),
        },
        { requiredKeys: ["data"] },
      );
      fc.assert(
        fc.property(envelope, (input) => {
          const fast = readApplication(input);
          const parsed = ApplicationSchema.safeParse(input);
          // Either the schema's own result, or nothing: the caller then asks the schema.
          if (fast !== undefined) expect(parsed.success && parsed.data).toEqual(fast);
        }),
        { numRuns: 300 },
      );
    },
  },
  {
    fast: "sortKeys (insertion sort for up to 32 keys)",
    reference: "Array.prototype.sort",
    earns: "a share of canonicalJson, run on every application twice",
    check() {
      fc.assert(
        fc.property(fc.uniqueArray(fc.string({ unit: "binary" }), { maxLength: 40 }), (keys) => {
          expect(sortKeys([...keys]).join("\u0000")).toBe([...keys].sort().join("\u0000"));
        }),
        { numRuns: 200 },
      );
    },
  },
  {
    fast: "hasLoneSurrogate (String.prototype.isWellFormed)",
    reference: "/\\p{Surrogate}/u",
    earns: "the regex is several times slower; the native check is the only code kept",
    check() {
      const LONE_SURROGATE = /\p{Surrogate}/u;
      fc.assert(
        fc.property(fc.string({ unit: "binary" }), (text) => {
          expect(hasLoneSurrogate(text)).toBe(LONE_SURROGATE.test(text));
        }),
        { numRuns: 500 },
      );
      expect(hasLoneSurrogate("a\ud800")).toBe(true);
      expect(hasLoneSurrogate("𠀀")).toBe(false);
    },
  },
];

describe.each(TWINS)("$fast, twin of $reference", (twin) => {
  it(`gives what the reference gives (earns ${twin.earns})`, twin.check, 120_000);

  const { heldBy } = twin;
  if (heldBy !== undefined) {
    it(`is held in depth by ${heldBy.file}`, () => {
      const text = read(heldBy.file);
      for (const name of heldBy.names) expect(text).toContain(name);
    });
  }
});

describe("the patterns of model/patterns.ts", () => {
  it("are written once: no module of src holds a copy of one", () => {
    const patterns = [ID_PATTERN.source, PLAIN_DATE_PATTERN.source];
    const copies: string[] = [];
    const walk = (dir: URL) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(new URL(`${entry.name}/`, dir));
        else if (entry.name.endsWith(".ts")) {
          const file = new URL(entry.name, dir);
          if (file.pathname.endsWith("src/model/patterns.ts")) continue;
          const text = readFileSync(file, "utf8");
          for (const source of patterns) if (text.includes(source)) copies.push(file.pathname);
        }
      }
    };
    walk(new URL("src/", ROOT));
    expect(copies).toEqual([]);
    // And the schemas are built on them.
    expect(IdSchema.safeParse("1x").success).toBe(ID_PATTERN.test("1x"));
    expect(PlainDateSchema.safeParse("2025-13-01").success).toBe(false);
  });
});
