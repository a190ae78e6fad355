// npm run bench:patterns — what matching rule-file patterns on RE2 costs a decision.
//
// The input schemas of the bundled matters compiled twice, in one process, interleaved: with
// ajv's default (the native, backtracking RegExp) and with the linear-time RE2 hook the library
// uses (src/evaluate/linear-pattern.ts); each validates the data of every approving fixture.
// Reported as the ratio of the two and the added microseconds per validation (absolute times on
// a shared machine are noise; the ratio and the difference within one run are what to read).

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { linearRegExpEngine } from "../src/evaluate/linear-pattern.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const addFormats = addFormatsModule.default;

// biome-ignore lint/suspicious/noExplicitAny: fixtures are free-form JSON here
type Json = Record<string, any>;
const cases: Array<{ application: Json; schema: object }> = [];
for (const matter of readdirSync(join(ROOT, "fixtures"))) {
  const file = readdirSync(join(ROOT, "rules/matters", matter))[0] as string;
  const schema = JSON.parse(readFileSync(join(ROOT, "rules/matters", matter, file), "utf8")).input
    .data;
  for (const name of readdirSync(join(ROOT, "fixtures", matter))) {
    const fixture = JSON.parse(readFileSync(join(ROOT, "fixtures", matter, name), "utf8"));
    if (fixture.expected?.outcome === "approve")
      cases.push({ application: fixture.application, schema });
  }
}

function compileAll(options: object) {
  const ajv = new Ajv({ allErrors: true, strict: false, code: { optimize: false }, ...options });
  addFormats(ajv);
  const bySchema = new Map<object, ReturnType<Ajv["compile"]>>();
  return cases.map(({ application, schema }) => {
    const validate = bySchema.get(schema) ?? ajv.compile(schema);
    bySchema.set(schema, validate);
    return () => validate(application.data);
  });
}

const native = compileAll({});
const linear = compileAll({ code: { optimize: false, regExp: linearRegExpEngine } });

function time(runs: Array<() => unknown>, rounds: number): number {
  const start = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const run of runs) run();
  return Number(process.hrtime.bigint() - start) / 1000 / (rounds * runs.length);
}

const ROUNDS = 200;
time(native, 50);
time(linear, 50);
const samples = { native: [] as number[], linear: [] as number[] };
for (let i = 0; i < 15; i++) {
  samples.native.push(time(native, ROUNDS));
  samples.linear.push(time(linear, ROUNDS));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const result = {
  applications: cases.length,
  nativeValidationUs: Number(median(samples.native).toFixed(2)),
  linearValidationUs: Number(median(samples.linear).toFixed(2)),
  ratio: Number((median(samples.linear) / median(samples.native)).toFixed(2)),
  addedUsPerDecision: Number((median(samples.linear) - median(samples.native)).toFixed(2)),
};
console.log(JSON.stringify(result, null, 2));
