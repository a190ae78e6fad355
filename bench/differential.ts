// The compiled evaluator against json-rules-engine on generated applications, condition by
// condition: used by test/evaluate/differential.test.ts (on two threads, each with its own
// share of the corpus) and runnable alone: npx tsx bench/differential.ts [count] [seed]

import { isMainThread, parentPort, workerData } from "node:worker_threads";
import type { ConditionTrees } from "../src/evaluate/condition-evaluator.js";
import { prepareFacts } from "../src/evaluate/input-facts.js";
import { type EvaluatedCondition, fold } from "../src/evaluate/three-valued.js";
import { loadRules } from "../src/index.js";
import { compiledInForce } from "../src/rule-set/rule-set.js";
import { CORPUS_MATTER, generateApplications } from "./corpus.js";

/** What a run found: how many applications, the first disagreement, the results reached. */
export interface DifferentialReport {
  compared: number;
  conditions: number;
  mismatch?: { application: unknown; name: string; compiled: unknown; reference: unknown };
  /** `name=pass|fail|unknown` for every result seen (sampled on one application in ten). */
  reached: string[];
}

/**
 * Decides `count` generated applications (seed `seed`) with both evaluators and compares every
 * condition's evaluated tree: the same shape, and each leaf the same fact, path, operator,
 * reference, values read and result — all that the three-valued fold and the decision read.
 */
export async function differential(count: number, seed: number): Promise<DifferentialReport> {
  const date = "2025-06-30";
  const compiled = await compiledInForce(
    await loadRules(undefined, { evaluator: "compiled" }),
    CORPUS_MATTER,
    date,
  );
  const reference = await compiledInForce(
    await loadRules(undefined, { evaluator: "json-rules-engine" }),
    CORPUS_MATTER,
    date,
  );
  if (compiled === undefined || reference === undefined) throw new Error("no matter in force");
  // Each condition by the slot the assessments read it from, named for the report.
  const { slots } = compiled;
  const names: Array<[string, number]> = [
    ...slots.standards.flatMap(
      (s, i): Array<[string, number]> => [
        ...(s.when === undefined ? [] : [[`standard:${i}:when`, s.when] as [string, number]]),
        [`standard:${i}:require`, s.require],
      ],
    ),
    ...slots.materials.flatMap(
      (slot, i): Array<[string, number]> =>
        slot === undefined ? [] : [[`material:${i}:requiredWhen`, slot]],
    ),
  ];
  const reached = new Set<string>();
  let compared = 0;
  for (const application of generateApplications(count, seed)) {
    // The generator writes valid envelopes: the matter's own checks are what is compared.
    const { facts } = prepareFacts(compiled, {
      appliedOn: application.appliedOn,
      data: application.data,
      evidence: application.evidence,
      materials: application.materials,
    });
    const fast = compiled.evaluator.run(facts) as ConditionTrees;
    const slow = await reference.evaluator.run(facts);
    for (const [name, slot] of names) {
      const a = fast[slot];
      const b = slow[slot];
      if (a === undefined || b === undefined || !sameTree(a, b)) {
        return {
          compared,
          conditions: names.length,
          mismatch: { application, name, compiled: plain(a), reference: plain(b) },
          reached: [...reached],
        };
      }
      if (compared % 10 === 0) reached.add(`${name}=${fold(a).value}`);
    }
    compared++;
  }
  return { compared, conditions: names.length, reached: [...reached] };
}

/**
 * Whether two evaluated trees agree on everything fold and leafValues read: the shape, each
 * leaf's fact, path, operator and reference, what it read (`factResult`, `valueResult`: the same
 * values, taken from the same facts) and its `result`.
 */
export function sameTree(a: EvaluatedCondition, b: EvaluatedCondition): boolean {
  if (a.result !== b.result) return false;
  const group = a.all ?? a.any;
  if (group !== undefined) {
    const other = a.all ? b.all : b.any;
    return (
      other !== undefined &&
      other.length === group.length &&
      group.every((c, i) => sameTree(c, other[i] as EvaluatedCondition))
    );
  }
  if (a.not !== undefined) return b.not !== undefined && sameTree(a.not, b.not);
  return (
    a.fact === b.fact &&
    a.path === b.path &&
    a.operator === b.operator &&
    Object.is(a.factResult, b.factResult) &&
    same(a.valueResult, b.valueResult) &&
    same(a.value, b.value)
  );
}

/** Deep equality of JSON values (json-rules-engine hands back copies of literal values). */
function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every(
    (k) =>
      Object.hasOwn(b, k) &&
      same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/** A tree as plain data, for a report. */
function plain(tree: EvaluatedCondition | undefined): unknown {
  return tree === undefined ? undefined : JSON.parse(JSON.stringify(tree, (_k, v) => v ?? null));
}

// As a worker thread: run the share given in workerData and post the report.
const job = workerData as { differential?: { count: number; seed: number } } | undefined;
if (!isMainThread && parentPort !== null && job?.differential !== undefined) {
  parentPort.postMessage(await differential(job.differential.count, job.differential.seed));
} else if (isMainThread && process.argv[1]?.endsWith("differential.ts")) {
  const report = await differential(
    Number(process.argv[2] ?? 100_000),
    Number(process.argv[3] ?? 20_250_630),
  );
  process.stdout.write(`${JSON.stringify({ ...report, reached: report.reached.length })}\n`);
  process.exitCode = report.mismatch ? 1 : 0;
}
