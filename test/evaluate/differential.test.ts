// The compiled evaluator against json-rules-engine, the engine of record: the same decisions on
// every fixture, the same per-check results on 100,000 generated applications, and the same
// evaluated trees on random conditions over random facts (json-rules-engine's operator quirks
// included: numeric validators, `contains` on non-arrays, TypeErrors, fact references).

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { fc, test as propertyTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { CORPUS_MATTER, generateApplications } from "../../bench/corpus.js";
import { type DifferentialReport, differential } from "../../bench/differential.js";
import {
  ConditionEvaluator,
  type ConditionTrees,
  type EvaluatorKind,
  type Facts,
} from "../../src/evaluate/condition-evaluator.js";
import { type EvaluatedCondition, fold, leafValues } from "../../src/evaluate/three-valued.js";
import { validatorFactoriesCode } from "../../src/evaluate/validator-code.js";
import { ApplicationError, type Decision, loadRules, RuleSet } from "../../src/index.js";
import type { ValidatedRules } from "../../src/load/validated-rules.js";
import { type Condition, OPERATORS } from "../../src/model/condition.js";
import { compiledInForce, fromStoredRules } from "../../src/rule-set/rule-set.js";

const NOW = new Date("2025-07-01T00:00:00Z");
const GENERATED = 100_000;

const ruleSets = new Map<EvaluatorKind, Promise<RuleSet>>();
function rules(engine: EvaluatorKind): Promise<RuleSet> {
  let loaded = ruleSets.get(engine);
  if (loaded === undefined) {
    loaded = loadRules(undefined, { evaluator: engine });
    ruleSets.set(engine, loaded);
  }
  return loaded;
}

const FIXTURES = new URL("../../fixtures/", import.meta.url);
const fixtures = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((dir) =>
    readdirSync(new URL(`${dir.name}/`, FIXTURES))
      .filter((file) => file.endsWith(".json"))
      .sort()
      .map((file) => `${dir.name}/${file}`),
  );

/** A run's trees, by slot, as three-valued results and the values the decision shows. */
function observe(trees: ConditionTrees) {
  return trees.map((tree) => ({ ...fold(tree), values: leafValues(tree) }));
}

async function settle(run: () => ConditionTrees | Promise<ConditionTrees>) {
  try {
    return { trees: await run() };
  } catch (error) {
    return { error: (error as Error).constructor.name };
  }
}

describe("compiled evaluator vs json-rules-engine (the engine of record)", () => {
  it("is the default, and json-rules-engine stays selectable", async () => {
    const compiled = await compiledInForce(await rules("compiled"), CORPUS_MATTER, "2025-06-30");
    const reference = await compiledInForce(
      await rules("json-rules-engine"),
      CORPUS_MATTER,
      "2025-06-30",
    );
    expect(compiled?.evaluator.kind).toBe("compiled");
    expect(reference?.evaluator.kind).toBe("json-rules-engine");
    expect(
      (await compiledInForce(await loadRules(), CORPUS_MATTER, "2025-06-30"))?.evaluator.kind,
    ).toBe("compiled");
  });

  it(`gives the same decisions on all ${fixtures.length} fixtures`, async () => {
    const [compiled, reference] = [await rules("compiled"), await rules("json-rules-engine")];
    for (const file of fixtures) {
      const { application } = JSON.parse(readFileSync(new URL(file, FIXTURES), "utf8"));
      const expected = await decideOrRefuse(reference, application);
      expect(await decideOrRefuse(compiled, application), file).toEqual(expected);
    }
  });

  it("gives the same decisions on 2,000 generated applications", async () => {
    const [compiled, reference] = [await rules("compiled"), await rules("json-rules-engine")];
    for (const application of generateApplications(2_000, 7)) {
      const expected = await reference.decide(application, {
        replay: true,
        now: NOW,
        locale: "en",
      });
      const actual = await compiled.decide(application, { replay: true, now: NOW, locale: "en" });
      expect([actual.record.evaluator, expected.record.evaluator]).toEqual([
        "compiled",
        "json-rules-engine",
      ]);
      expect(sameBesidesEvaluator(actual)).toEqual(sameBesidesEvaluator(expected));
    }
  });

  it(`gives the same per-check results on ${GENERATED.toLocaleString("en")} generated applications`, async () => {
    // Two shares with their own seeds, one on a worker thread, so that both cores work.
    const half = GENERATED / 2;
    // The worker runs TypeScript through tsx's module hooks.
    const tsx = import.meta.resolve("tsx/esm/api");
    const entry = new URL("../../bench/differential.ts", import.meta.url).href;
    const worker = new Worker(
      `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`,
      { eval: true, workerData: { differential: { count: half, seed: 7_654_321 } } },
    );
    const theirs = new Promise<DifferentialReport>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    const reports = [await differential(half, 20_250_630), await theirs];
    await worker.terminate();
    for (const report of reports) {
      expect(report.mismatch).toBeUndefined();
      expect(report.compared).toBe(half);
    }
    // The corpus reaches pass, fail and unknown, on most conditions.
    const reached = new Set(reports.flatMap((r) => r.reached));
    expect(new Set([...reached].map((k) => k.split("=")[1]))).toEqual(
      new Set(["pass", "fail", "unknown"]),
    );
    expect(reached.size).toBeGreaterThan((reports[0] as DifferentialReport).conditions * 1.8);
  }, 240_000);
});

describe("bundled rules stored after validation (the CLI's cold start) vs validated on load", () => {
  it("decide every fixture and 2,000 generated applications the same, with either engine", async () => {
    const dir = fileURLToPath(new URL("../../rules/", import.meta.url));
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".json"))
      .sort();
    const sources = files.map((f) => ({ file: f, text: readFileSync(join(dir, f), "utf8") }));
    const { issues, rules: validated } = await RuleSet.validate(sources);
    expect(issues.filter((i) => i.severity === "error")).toEqual([]);
    // What storeBundledRules writes, read back: the rules, and their input schemas'
    // validators written out as code (dist/bundled-validators.js), imported as a module.
    const stored = JSON.parse(JSON.stringify(validated));
    const schemas = (validated as ValidatedRules).matters.flatMap(({ file }) => [
      file.input.data,
      file.input.evidence,
    ]);
    const moduleFile = join(mkdtempSync(join(tmpdir(), "sa-validators-")), "validators.mjs");
    writeFileSync(moduleFile, `export default ${validatorFactoriesCode(schemas)};\n`);
    const { default: factories } = await import(pathToFileURL(moduleFile).href);
    expect(Object.keys(factories).length).toBeGreaterThan(0);
    for (const engine of ["compiled", "json-rules-engine"] as const) {
      const fresh = await RuleSet.fromSources(sources, { evaluator: engine });
      const restored = RuleSet.fromValidated(stored, { evaluator: engine });
      const precompiled = fromStoredRules(stored, factories, { evaluator: engine });
      expect(restored.matters()).toEqual(fresh.matters());
      expect(precompiled.matters()).toEqual(fresh.matters());
      for (const file of fixtures) {
        const { application } = JSON.parse(readFileSync(new URL(file, FIXTURES), "utf8"));
        const expected = await decideOrRefuse(fresh, application);
        expect(await decideOrRefuse(restored, application), file).toEqual(expected);
        expect(await decideOrRefuse(precompiled, application), file).toEqual(expected);
      }
      // And the generated corpus (valid applications and defects of every kind, the input
      // schemas' included): what the shipped command decides with is what ajv compiles.
      for (const [i, application] of generateApplications(2_000, 11).entries()) {
        expect(await decideOrRefuse(precompiled, application), `corpus #${i}`).toEqual(
          await decideOrRefuse(fresh, application),
        );
      }
    }
  }, 240_000);

  it("use a validator generated beforehand only for the schema it was generated from", async () => {
    const dir = fileURLToPath(new URL("../../rules/", import.meta.url));
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".json"))
      .sort();
    const sources = files.map((f) => ({ file: f, text: readFileSync(join(dir, f), "utf8") }));
    const { rules: validated } = await RuleSet.validate(sources);
    const rules = validated as ValidatedRules;
    // Validators generated for another schema, filed under each matter's own keys: a schema
    // whose key has no validator is compiled by ajv instead, so the other schema's validator is
    // never used, and decisions stay those of the rules.
    const other = { type: "object", properties: {}, additionalProperties: true };
    const moduleFile = join(mkdtempSync(join(tmpdir(), "sa-validators-")), "validators.mjs");
    writeFileSync(moduleFile, `export default ${validatorFactoriesCode([other])};\n`);
    const { default: factories } = await import(pathToFileURL(moduleFile).href);
    const precompiled = fromStoredRules(rules, factories, {});
    const fresh = await RuleSet.fromSources(sources);
    for (const file of fixtures) {
      const { application } = JSON.parse(readFileSync(new URL(file, FIXTURES), "utf8"));
      expect(await decideOrRefuse(precompiled, application), file).toEqual(
        await decideOrRefuse(fresh, application),
      );
    }
  });
});

// Random conditions over random facts: every operator, every kind of value.
const scalar = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -3, max: 20 }),
  fc.constantFrom(0, 1.5, -0, Number.MAX_SAFE_INTEGER),
  fc.constantFrom("", "a", "ab", "18", "2x", "  7", "mainland", "𠀋字", "440305"),
);
const value = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom("a", "b", "fact", "path"), scalar) },
);
const paths = ["a", "b", "a.b", "b.a", "a.0", "list", "obj.fact", "n"];
const factRef = fc.record({
  fact: fc.constantFrom("data", "evidence", "derived", "materials"),
  path: fc.constantFrom(...paths),
});
const leaf = fc.record({
  fact: fc.constantFrom("data", "evidence", "derived", "materials"),
  path: fc.constantFrom(...paths),
  operator: fc.constantFrom(...OPERATORS),
  value: fc.oneof(
    value,
    factRef,
    fc.array(scalar, { maxLength: 4 }),
    fc.constantFrom("^4403", "a"),
  ),
});
const condition: fc.Arbitrary<Condition> = fc.letrec<{ node: Condition }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf as fc.Arbitrary<Condition>,
    fc.record({ all: fc.array(tie("node"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(tie("node"), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie("node") }),
  ),
})).node;
const factObject = fc.record(
  {
    a: fc.oneof(value, fc.record({ b: value, 0: value })),
    b: fc.oneof(value, fc.record({ a: value })),
    list: fc.array(scalar, { maxLength: 4 }),
    obj: fc.record({ fact: value }),
    n: fc.oneof(fc.integer({ min: -5, max: 30 }), fc.constantFrom("17", "x", "", null)),
  },
  { requiredKeys: [] },
);
const facts = fc.record({
  data: factObject,
  evidence: factObject,
  derived: factObject,
  materials: factObject,
}) as fc.Arbitrary<Facts>;

describe("compiled evaluator vs json-rules-engine on random conditions", () => {
  propertyTest.prop([fc.array(condition, { minLength: 1, maxLength: 4 }), facts], { numRuns: 400 })(
    "evaluates to the same trees, or fails the same way",
    async (conditions, input) => {
      const fast = await settle(() =>
        new ConditionEvaluator(conditions, { kind: "compiled" }).run(input),
      );
      const slow = await settle(() =>
        new ConditionEvaluator(conditions, { kind: "json-rules-engine" }).run(input),
      );
      if ("error" in slow) {
        expect(fast).toEqual({ error: slow.error });
        return;
      }
      expect("trees" in fast && observe(fast.trees)).toEqual(observe(slow.trees));
      expect(slow.trees).toHaveLength(conditions.length);
      slow.trees.forEach((tree, slot) => {
        expect(strip((fast as { trees: ConditionTrees }).trees[slot])).toEqual(strip(tree));
      });
    },
  );
});

/** The evaluated tree as fold and the decision read it (json-rules-engine adds bookkeeping). */
function strip(tree: EvaluatedCondition | undefined): unknown {
  if (tree === undefined) return undefined;
  if (tree.all) return { all: tree.all.map(strip), result: tree.result };
  if (tree.any) return { any: tree.any.map(strip), result: tree.result };
  if (tree.not) return { not: strip(tree.not), result: tree.result };
  const { fact, path, operator, value, factResult, valueResult, result } = tree;
  return { fact, path, operator, value, factResult, valueResult, result };
}

/** A fixture replayed on its date: the decision, or the problems it is refused with. */
function decideOrRefuse(rules: RuleSet, application: unknown): Promise<unknown> {
  return rules
    .decide(application, { replay: true, now: NOW })
    .then(sameBesidesEvaluator)
    .catch((error: unknown) => {
      if (error instanceof ApplicationError) return { refused: error.problems };
      throw error;
    });
}

/**
 * A decision without its record's `evaluator`, the one field in which the two evaluators'
 * decisions must differ (the record says which ran); that field is checked on its own.
 */
function sameBesidesEvaluator(decision: Decision): unknown {
  const { evaluator, ...record } = decision.record;
  expect(["compiled", "json-rules-engine"]).toContain(evaluator);
  return { ...decision, record };
}
