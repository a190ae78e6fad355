// npm run bench [-- --out FILE] [--corpus N] [--rounds N] [--seconds S]
//
// smart-approval against the alternatives a user would pick, and against the physical limit, in
// one process, interleaved, after warm-up, on the 个体工商户 matter (a pinned copy in
// bench/rules, so that the hand-written function and the rules it mirrors stay in step):
//
//   smart-approval     a full `decide`: envelope, checks, materials, messages, record with hashes
//   json-rules-engine  one rule per check, default JSONPath resolver, a new Engine per request
//   json-logic         json-logic-js, the same conditions as three-valued json-logic rules
//   hand-written       a TypeScript function of the same logic: the physical limit
//
// All four first have to agree — the same outcome, missing ids and referral codes — on every
// application of a generated corpus (bench/corpus.ts). The three alternatives share the
// library's input validation and derived facts (prepareFacts: ajv and the derived functions);
// they produce only that summary, never a decision, messages or hashes.

import { writeFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { prepareFacts } from "../src/evaluate/input-facts.js";
import { loadRules } from "../src/index.js";
import type { Application } from "../src/model/application.js";
import { compiledInForce } from "../src/rule-set/rule-set.js";
import { handWritten } from "./competitors/hand-written.js";
import { type PreparedInput, type Summary, sameSummary, summarize } from "./competitors/host.js";
import { jsonLogicImpl } from "./competitors/json-logic.js";
import { jsonRulesEnginePlain } from "./competitors/json-rules-engine-plain.js";
import { CORPUS_MATTER, generateApplications } from "./corpus.js";

export const BENCH_RULES = fileURLToPath(new URL("./rules", import.meta.url));

// biome-ignore lint/suspicious/noExplicitAny: applications are free-form JSON here
type Json = Record<string, any>;
type Decide = (application: Json) => Summary | Promise<Summary>;

interface Result {
  name: string;
  opsPerSec: number;
  p50Us: number;
  p99Us: number;
}

const { values: args } = parseArgs({
  options: {
    out: { type: "string" },
    corpus: { type: "string", default: "2000" },
    rounds: { type: "string", default: "5" },
    seconds: { type: "string", default: "1" },
    seed: { type: "string", default: "20250630" },
  },
});
const corpusSize = Number(args.corpus);
const rounds = Number(args.rounds);
const seconds = Number(args.seconds);
if (!(corpusSize >= 1) || !(rounds >= 1) || !(seconds > 0)) {
  throw new Error("--corpus, --rounds and --seconds must be positive numbers");
}
const log = (text: string) => process.stderr.write(`${text}\n`);

const rules = await loadRules(BENCH_RULES);
const appliedOn = "2025-06-30";
const compiled = await compiledInForce(rules, CORPUS_MATTER, appliedOn);
if (compiled === undefined) throw new Error(`bench/rules has no ${CORPUS_MATTER}`);
const matter = compiled.file;
const corpus = generateApplications(corpusSize, Number(args.seed));

/** What the alternatives start from: the library's validated data and derived facts. */
function prepare(app: Json): PreparedInput {
  const application = {
    appliedOn: app.appliedOn as string,
    data: app.data as Record<string, unknown>,
    evidence: (app.evidence ?? {}) as Record<string, unknown>,
    materials: (app.materials ?? []) as Application["materials"],
  };
  const { facts, fieldProblems, derivedErrors } = prepareFacts(compiled as never, application);
  return { facts, fieldProblems, derivedErrors, submitted: application.materials };
}

const jre = jsonRulesEnginePlain(matter);
const logic = jsonLogicImpl(matter);
const hand = handWritten(compiled);
const implementations: Array<{ name: string; decide: Decide }> = [
  // The corpus is archived applications dated 2025: replayed on their dates (said explicitly).
  { name: "smart-approval", decide: (app) => rules.decide(app, { replay: true }).then(summarize) },
  { name: "json-rules-engine", decide: (app) => jre(prepare(app)) },
  { name: "json-logic", decide: (app) => logic(prepare(app)) },
  { name: "hand-written", decide: (app) => hand(app) },
];

// 1. Agreement on every application.
log(`corpus: ${corpus.length} applications (seed ${args.seed}); checking agreement…`);
const outcomes: Record<string, number> = {};
let disagreements = 0;
for (const [i, app] of corpus.entries()) {
  const reference = await (implementations[0] as (typeof implementations)[number]).decide(app);
  outcomes[reference.outcome] = (outcomes[reference.outcome] ?? 0) + 1;
  for (const { name, decide } of implementations.slice(1)) {
    const other = await decide(app);
    if (!sameSummary(reference, other)) {
      disagreements++;
      if (disagreements <= 5) {
        log(`  ${name} disagrees on #${i} (${app.id}):`);
        log(`    smart-approval ${JSON.stringify(reference)}`);
        log(`    ${name.padEnd(14)} ${JSON.stringify(other)}`);
      }
    }
  }
}
const agree = disagreements === 0;
log(`outcomes: ${JSON.stringify(outcomes)}; agree: ${agree}`);
if (!agree || Object.keys(outcomes).length < 3) {
  if (args.out)
    writeFileSync(
      args.out,
      `${JSON.stringify({ corpus: corpus.length, agree, results: [] }, null, 2)}\n`,
    );
  log(agree ? "the corpus does not contain all three outcomes" : `${disagreements} disagreements`);
  process.exit(1);
}

// 2. Throughput and latency, interleaved: every round runs each implementation in turn (the
// order rotating), after a warm-up of each.
async function throughput(decide: Decide, budgetMs: number): Promise<number> {
  let count = 0;
  let i = 0;
  const start = performance.now();
  let now = start;
  while (now - start < budgetMs) {
    for (let k = 0; k < 16; k++) {
      const result = decide(corpus[i] as Json);
      if (result instanceof Promise) await result;
      i = i + 1 === corpus.length ? 0 : i + 1;
    }
    count += 16;
    now = performance.now();
  }
  return (count * 1000) / (now - start);
}

async function latencies(decide: Decide, budgetMs: number, into: number[]): Promise<void> {
  const start = performance.now();
  let i = 0;
  while (performance.now() - start < budgetMs) {
    const t0 = performance.now();
    const result = decide(corpus[i] as Json);
    if (result instanceof Promise) await result;
    into.push((performance.now() - t0) * 1000);
    i = i + 1 === corpus.length ? 0 : i + 1;
  }
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
};
const budget = seconds * 1000;
log(`warming up (${seconds} s each)…`);
for (const { decide } of implementations) await throughput(decide, budget);

const perRound = new Map(implementations.map(({ name }) => [name, [] as number[]]));
const p50s = new Map(implementations.map(({ name }) => [name, [] as number[]]));
const p99s = new Map(implementations.map(({ name }) => [name, [] as number[]]));
for (let round = 0; round < rounds; round++) {
  const order = implementations.map(
    (_, k) => implementations[(k + round) % implementations.length],
  );
  for (const impl of order) {
    const { name, decide } = impl as (typeof implementations)[number];
    const ops = await throughput(decide, budget);
    (perRound.get(name) as number[]).push(ops);
    const samples: number[] = [];
    await latencies(decide, budget, samples);
    (p50s.get(name) as number[]).push(percentile(samples, 50));
    (p99s.get(name) as number[]).push(percentile(samples, 99));
  }
  log(`round ${round + 1}/${rounds} done`);
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const results: Result[] = implementations.map(({ name }) => ({
  name,
  opsPerSec: Math.round(median(perRound.get(name) as number[])),
  p50Us: round2(median(p50s.get(name) as number[])),
  p99Us: round2(median(p99s.get(name) as number[])),
}));

// 3. Report, with every figure as a ratio to smart-approval.
const base = results[0] as Result;
const ratio = (x: number, y: number) => (y === 0 ? 0 : round2(x / y));
const withRatios = results.map((r) => ({
  ...r,
  vsSmartApproval: {
    opsPerSec: ratio(r.opsPerSec, base.opsPerSec),
    p50Us: ratio(r.p50Us, base.p50Us),
    p99Us: ratio(r.p99Us, base.p99Us),
  },
}));
const cpu = cpus()[0]?.model ?? "unknown CPU";
process.stdout.write(
  `\n${corpus.length} applications (${Object.entries(outcomes)
    .map(([k, n]) => `${n} ${k}`)
    .join(", ")}), all four agree; Node ${process.version}, ${availableParallelism()} × ${cpu}\n` +
    `median of ${rounds} interleaved rounds (${seconds} s of throughput, then ${seconds} s of timed calls, each)\n\n`,
);
const table = [
  ["implementation", "decisions/s", "× smart-approval", "p50 µs", "×", "p99 µs", "×"],
  ...withRatios.map((r) => [
    r.name,
    r.opsPerSec.toLocaleString("en-US"),
    r.vsSmartApproval.opsPerSec.toFixed(2),
    r.p50Us.toFixed(1),
    r.vsSmartApproval.p50Us.toFixed(2),
    r.p99Us.toFixed(1),
    r.vsSmartApproval.p99Us.toFixed(2),
  ]),
];
const widths = (table[0] as string[]).map((_, c) =>
  Math.max(...table.map((row) => (row[c] as string).length)),
);
for (const row of table) {
  process.stdout.write(
    `${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number))).join("  ")}\n`,
  );
}
const jreRow = withRatios[1] as (typeof withRatios)[number];
const logicRow = withRatios[2] as (typeof withRatios)[number];
const handRow = withRatios[3] as (typeof withRatios)[number];
process.stdout.write(
  `\nsmart-approval: ${round2(base.opsPerSec / jreRow.opsPerSec)}× json-rules-engine, ` +
    `${round2(base.opsPerSec / logicRow.opsPerSec)}× json-logic, ` +
    `${round2(handRow.opsPerSec / base.opsPerSec)}× slower than hand-written; p99 ${base.p99Us} µs\n`,
);
if (args.out) {
  const report = { corpus: corpus.length, agree, results: withRatios };
  writeFileSync(args.out, `${JSON.stringify(report, null, 2)}\n`);
  log(`wrote ${args.out}`);
}
