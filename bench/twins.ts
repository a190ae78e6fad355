// npx tsx bench/twins.ts [--corpus N] [--ms M]
//
// Each fast path of the library against the reference it stands beside (the twins listed in
// test/evaluate/twins.test.ts), on the benchmark corpus: what each earns, per application, in
// microseconds. A fast path that does not earn a clear share of a decision (about 100 µs) is
// not worth a second implementation to keep in step.

import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { Facts } from "../src/evaluate/condition-evaluator.js";
import { prepareFacts } from "../src/evaluate/input-facts.js";
import { inputProblems } from "../src/evaluate/input-limits.js";
import { safeCanonicalJson } from "../src/evaluate/safe-canonical-json.js";
import { loadRules } from "../src/index.js";
import { canonicalJson, sortKeys } from "../src/json/canonical-json.js";
import { ApplicationSchema, readApplication } from "../src/model/application.js";
import { compiledInForce } from "../src/rule-set/rule-set.js";
import { CORPUS_MATTER, generateApplications } from "./corpus.js";

const BENCH_RULES_DIR = fileURLToPath(new URL("./rules", import.meta.url));

const { values: args } = parseArgs({
  options: { corpus: { type: "string", default: "500" }, ms: { type: "string", default: "1500" } },
});
const corpus = generateApplications(Number(args.corpus));
const budget = Number(args.ms);

/** Microseconds per application of one pass of `run` over `inputs` (after a warm-up). */
async function timed<T>(inputs: readonly T[], run: (input: T) => unknown): Promise<number> {
  let count = 0;
  const start = performance.now();
  let now = start;
  while (now - start < budget / 10) {
    for (const input of inputs) {
      const result = run(input);
      if (result instanceof Promise) await result;
    }
    count += inputs.length;
    now = performance.now();
  }
  return ((now - start) * 1000) / count;
}

const rows: Array<[string, number, number]> = [];

/**
 * The two of a pair timed in turn, five rounds each after a warm-up, and the fastest round of
 * each kept: on a shared machine, the least disturbed.
 */
async function compare<T>(
  name: string,
  inputs: readonly T[],
  fast: (x: T) => unknown,
  reference: (x: T) => unknown,
) {
  await timed(inputs, fast);
  await timed(inputs, reference);
  let bestFast = Number.POSITIVE_INFINITY;
  let bestReference = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 5; round++) {
    bestFast = Math.min(bestFast, await timed(inputs, fast));
    bestReference = Math.min(bestReference, await timed(inputs, reference));
  }
  rows.push([name, bestFast, bestReference]);
}

const texts = corpus.map((app) => JSON.parse(JSON.stringify(app)) as unknown);
await compare(
  "safeCanonicalJson | inputProblems + canonicalJson",
  texts,
  (x) => safeCanonicalJson(x),
  (x) => inputProblems(x).length === 0 && canonicalJson(x),
);
await compare(
  "readApplication | ApplicationSchema.safeParse",
  texts,
  (x) => readApplication(x) ?? ApplicationSchema.safeParse(x),
  (x) => ApplicationSchema.safeParse(x),
);

/** The keys of every object of the corpus, as canonicalJson sorts them. */
const keyLists: string[][] = [];
const collect = (value: unknown): void => {
  if (value === null || typeof value !== "object") return;
  if (!Array.isArray(value)) keyLists.push(Object.keys(value));
  for (const inner of Object.values(value)) collect(inner);
};
for (const app of texts) collect(app);
await compare(
  "sortKeys | Array.prototype.sort (per object)",
  keyLists,
  (keys) => sortKeys([...keys]),
  (keys) => [...keys].sort(),
);

const rules = await loadRules(BENCH_RULES_DIR);
const compiled = await compiledInForce(rules, CORPUS_MATTER, "2025-06-30");
const reference = await compiledInForce(
  await loadRules(BENCH_RULES_DIR, { evaluator: "json-rules-engine" }),
  CORPUS_MATTER,
  "2025-06-30",
);
if (compiled === undefined || reference === undefined) throw new Error("no matter in force");
const facts: Facts[] = corpus.map(
  (app) =>
    prepareFacts(compiled, {
      appliedOn: app.appliedOn,
      data: app.data,
      evidence: app.evidence ?? {},
      materials: app.materials ?? [],
    }).facts,
);
await compare(
  "compiled evaluator | json-rules-engine (run only)",
  facts.slice(0, 100),
  (f) => compiled.evaluator.run(f),
  (f) => reference.evaluator.run(f),
);
const width = Math.max(...rows.map(([name]) => name.length));
process.stdout.write(`${"fast | reference".padEnd(width)}  fast µs  reference µs  earns µs\n`);
for (const [name, fast, ref] of rows) {
  process.stdout.write(
    `${name.padEnd(width)}  ${fast.toFixed(2).padStart(7)}  ${ref.toFixed(2).padStart(12)}  ${(ref - fast).toFixed(2).padStart(8)}\n`,
  );
}
