// Re-measures, in one run and side by side, the figures SECURITY.md and the README's cold-start
// line state (npm run build first: the cold start runs the built command line).
//
//   npm run build && node --expose-gc --import tsx scripts/security-figures.ts [--runs 15]
//
// Absolute times on a shared machine move from run to run; each figure is a median, and the
// cold start interleaves its commands so that both see the same load.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { parse as momoaParse } from "@humanwhocodes/momoa";
import { linearPattern } from "../src/evaluate/linear-pattern.js";
import { loadRules } from "../src/index.js";
import { parseJsonDocument } from "../src/json/json-document.js";
import { ConditionSchema } from "../src/model/condition.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).bin["smart-approval"];
const { values } = parseArgs({ options: { runs: { type: "string", default: "15" } } });
const RUNS = Number(values.runs);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2
    ? (s[(s.length - 1) / 2] as number)
    : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
};
function time(fn: () => unknown, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}
function perCall(fn: () => unknown, n: number): number {
  for (let i = 0; i < n / 10; i++) fn();
  const rounds: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    for (let i = 0; i < n; i++) fn();
    rounds.push(((performance.now() - t) * 1000) / n);
  }
  return median(rounds);
}
const rows: [string, string][] = [];
const say = (figure: string, measured: string) => {
  rows.push([figure, measured]);
  console.log(`${figure.padEnd(62)} ${measured}`);
};

// --- Patterns on RE2 (src/evaluate/linear-pattern.ts) ---
const nested = linearPattern("^(a+)+$");
const alternating = linearPattern("^(a|aa)+$");
const attack4k = `${"a".repeat(3999)}!`;
const attack200k = `${"a".repeat(199_999)}!`;
say("^(a+)+$ on 3,999 a's and a ! (ms)", time(() => nested.test(attack4k), 9).toFixed(1));
say("^(a|aa)+$ on 3,999 a's and a ! (ms)", time(() => alternating.test(attack4k), 9).toFixed(1));
say(
  "^(a|aa)+$ on 199,999 a's and a ! (ms)",
  time(() => alternating.test(attack200k), 5).toFixed(0),
);
const digits = linearPattern("^[0-9]{6}$");
const native = /^[0-9]{6}$/;
say("^[0-9]{6}$ one match, RE2 (µs)", perCall(() => digits.test("440305"), 200_000).toFixed(3));
say(
  "^[0-9]{6}$ one match, native RegExp (µs)",
  perCall(() => native.test("440305"), 200_000).toFixed(3),
);

// --- Decisions ---
const rules = await loadRules();
const fixtures: { application: unknown }[] = [];
// Each matter's fixtures (fixtures/<matter>/*.json); the 一件事 ones (fixtures/one-things/) are
// combined applications, which RuleSet.decide does not take.
for (const matter of readdirSync(join(ROOT, "fixtures")).sort()) {
  if (matter === "one-things") continue;
  for (const name of readdirSync(join(ROOT, "fixtures", matter)).sort()) {
    if (!name.endsWith(".json")) continue;
    fixtures.push(JSON.parse(readFileSync(join(ROOT, "fixtures", matter, name), "utf8")));
  }
}
const decideTimes: number[] = [];
for (let round = 0; round < 3; round++) {
  for (const { application } of fixtures) {
    const t = performance.now();
    await rules.decide(structuredClone(application), { replay: true }).catch(() => undefined);
    if (round > 0) decideTimes.push(performance.now() - t);
  }
}
say(
  "decide, every fixture (ms: p10 / median / p90)",
  [0.1, 0.5, 0.9].map((q) => quantile(decideTimes, q).toFixed(2)).join(" / "),
);
const exampleText = readFileSync(join(ROOT, "examples/1-approve-convenience-store.json"), "utf8");
const example = JSON.parse(exampleText);
const compact = JSON.stringify(example);
say(
  `example 1: ${compact.length} characters compact; JSON.parse copy (µs)`,
  perCall(() => JSON.parse(compact), 20_000).toFixed(1),
);
const exampleTimes: number[] = [];
for (let i = 0; i < 300; i++) {
  const t = performance.now();
  await rules.decide(structuredClone(example), { replay: true });
  if (i >= 50) exampleTimes.push(performance.now() - t);
}
say("example 1: its decision (µs, median)", (median(exampleTimes) * 1000).toFixed(0));

// --- Sizes of the samples and the bundled rule files ---
function depth(value: unknown): number {
  if (value === null || typeof value !== "object") return 0;
  const children = Object.values(value as object);
  return 1 + (children.length ? Math.max(...children.map(depth)) : 0);
}
const samples = [
  ...readdirSync(join(ROOT, "examples"))
    .filter((n) => n.endsWith(".json"))
    .map((n) => JSON.parse(readFileSync(join(ROOT, "examples", n), "utf8"))),
  ...fixtures.map((f) => f.application),
];
say(
  "largest sample application (characters / depth / materials)",
  [
    Math.max(...samples.map((s) => JSON.stringify(s).length)),
    Math.max(...samples.map(depth)),
    Math.max(...samples.map((s) => ((s as { materials?: unknown[] }).materials ?? []).length)),
  ].join(" / "),
);
let longest = 0;
const walkSchema = (node: unknown) => {
  if (node === null || typeof node !== "object") return;
  const max = (node as { maxLength?: unknown }).maxLength;
  if (typeof max === "number") longest = Math.max(longest, max);
  for (const child of Object.values(node as object)) walkSchema(child);
};
const ruleFiles: string[] = [];
const walkDir = (dir: string) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walkDir(path);
    else if (name.endsWith(".json")) ruleFiles.push(path);
  }
};
walkDir(join(ROOT, "rules"));
for (const file of ruleFiles.filter((f) => f.includes("/matters/"))) {
  walkSchema(JSON.parse(readFileSync(file, "utf8")).input);
}
say("longest maxLength in the bundled input schemas", String(longest));
say(
  "bundled rule files: largest (KB) / deepest",
  `${(Math.max(...ruleFiles.map((f) => statSync(f).size)) / 1024).toFixed(0)} / ${Math.max(...ruleFiles.map((f) => depth(JSON.parse(readFileSync(f, "utf8")))))}`,
);

// --- Rule files: the positional parser at the size limit, and where nesting overflows ---
const gc = (globalThis as { gc?: () => void }).gc;
const entries = Array.from(
  { length: 60_000 },
  (_, i) => `{"id":"m${i}","title":"标题${i}","n":${i}}`,
);
const big = `{"a":1,"a":2,"items":[${entries.join(",")}]}`.slice(0, 4_000_000);
const bigText = big.endsWith("]}") ? big : `${big.slice(0, big.lastIndexOf("},") + 1)}]}`;
gc?.();
const before = process.memoryUsage().heapUsed;
const t0 = performance.now();
const parsed = parseJsonDocument(bigText, "big.json"); // a duplicate key: the positional parse at once
const parseMs = performance.now() - t0;
const heap = process.memoryUsage().heapUsed - before;
say(
  `positional parse of a ${(bigText.length / 1e6).toFixed(1)} M-character file (s / MB heap held / bytes per character)`,
  `${(parseMs / 1000).toFixed(2)} / ${(heap / 1e6).toFixed(0)} / ${(heap / bigText.length).toFixed(0)} (${parsed.issues.length} issue: the duplicate key)`,
);
function overflowDepth(tryDepth: (n: number) => void): number {
  let [lo, hi] = [100, 200_000];
  while (hi - lo > 50) {
    const mid = Math.floor((lo + hi) / 2);
    try {
      tryDepth(mid);
      lo = mid;
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      hi = mid;
    }
  }
  return lo;
}
say(
  "positional parser (momoa): deepest array nesting parsed",
  String(overflowDepth((n) => momoaParse(`${"[".repeat(n)}${"]".repeat(n)}`))),
);
say(
  "condition schema (zod): deepest `not` nesting validated",
  String(
    overflowDepth((n) => {
      let condition: unknown = { fact: "data", path: "a", operator: "present" };
      for (let i = 0; i < n; i++) condition = { not: condition };
      ConditionSchema.parse(condition);
    }),
  ),
);

// --- Cold start, interleaved (the built command line) ---
// The shipped command (package.json "bin": the bundle, dist/bin/) beside the same command run
// from the library's modules (dist/cli/main.js, what the bundle is built from), so that the
// bundle's share shows; and validate, which checks the calendar against today and so
// validates the bundled rules in full (the stored rules serve only validateRules without it).
const commands: [string, string[]][] = [
  ["node -e 0", ["-e", "0"]],
  [
    "evaluate examples/1 --replay",
    [BIN, "evaluate", "examples/1-approve-convenience-store.json", "--replay"],
  ],
  [
    "evaluate examples/1 --replay, from the modules",
    ["dist/cli/main.js", "evaluate", "examples/1-approve-convenience-store.json", "--replay"],
  ],
  ["validate (the bundled rules)", [BIN, "validate"]],
];
const cold = new Map<string, number[]>(commands.map(([name]) => [name, []]));
for (let run = 0; run < RUNS; run++) {
  for (const [name, args] of commands) {
    const t = performance.now();
    const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: "ignore" });
    const ms = performance.now() - t;
    if (result.status !== 0) throw new Error(`${name} exited ${result.status}`);
    (cold.get(name) as number[]).push(ms);
  }
}
const base = median(cold.get("node -e 0") as number[]);
for (const [name] of commands) {
  const m = median(cold.get(name) as number[]);
  say(
    `cold start, median of ${RUNS}: ${name} (ms, × node -e 0)`,
    `${m.toFixed(0)} (${(m / base).toFixed(2)}×)`,
  );
}
console.log(
  `\nload average during the run: ${(await import("node:os"))
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
