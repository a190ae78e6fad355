// Memory soak: a million decisions on one rule set, with the heap measured after forced GCs.
// Not part of `npm test` (it takes minutes); see SECURITY.md.
//
//   npm run soak                                  # 1,000,000 decisions
//   npm run soak -- --decisions 200000 --provider # fewer, with an async evidence provider
//
// Fails (exit 1) when the heap after GC grows by more than --max-growth-mb (default 16) from
// the first sample after warm-up to the last, or keeps growing from sample to sample.
import { readdirSync, readFileSync } from "node:fs";
import { loadRules } from "../src/index.js";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const total = option("decisions", 1_000_000);
const maxGrowthMb = option("max-growth-mb", 16);
const withProvider = args.includes("--provider");
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  console.error("run with node --expose-gc (npm run soak does)");
  process.exit(1);
}

// Every fixture of every matter, and a refused input now and then.
const fixtures = new URL("../fixtures/", import.meta.url);
const applications: unknown[] = readdirSync(fixtures, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(new URL(`${d.name}/`, fixtures))
      .filter((f) => f.endsWith(".json"))
      .map(
        (f) => JSON.parse(readFileSync(new URL(`${d.name}/${f}`, fixtures), "utf8")).application,
      ),
  );
applications.push({ matter: "no-such.matter", appliedOn: "2025-06-30", data: {} });
applications.push(JSON.parse('{"__proto__": {}, "data": {}}'));

const rules = await loadRules();
// The fixtures are archives dated 2025: replayed on their dates (said explicitly).
const options = withProvider
  ? {
      replay: true,
      evidence: async (name: string) =>
        name === "online" ? { platformVerified: true } : undefined,
    }
  : { replay: true };
const BATCH = 100; // decisions in flight at once
const samples: Array<{ done: number; heapMb: number; rssMb: number }> = [];
const sampleEvery = Math.max(BATCH, Math.floor(total / 20 / BATCH) * BATCH);
const warmUp = Math.min(50_000, Math.floor(total / 10));
const outcomes: Record<string, number> = {};
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

function sample(done: number) {
  gc?.();
  gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  samples.push({ done, heapMb: mb(heapUsed), rssMb: mb(rss) });
  console.log(`${String(done).padStart(9)} decisions  heap ${mb(heapUsed)} MB  rss ${mb(rss)} MB`);
}

const started = performance.now();
let done = 0;
while (done < total) {
  const batch: Promise<void>[] = [];
  for (let i = 0; i < BATCH && done + i < total; i++) {
    const application = applications[(done + i) % applications.length];
    batch.push(
      rules.decide(application, options).then(
        (d) => {
          outcomes[d.outcome] = (outcomes[d.outcome] ?? 0) + 1;
        },
        (e: Error) => {
          outcomes[e.name] = (outcomes[e.name] ?? 0) + 1;
        },
      ),
    );
  }
  await Promise.all(batch);
  done += batch.length;
  if (done === warmUp || (done > warmUp && done % sampleEvery === 0) || done === total)
    sample(done);
}
const seconds = (performance.now() - started) / 1000;

const measured = samples.filter((s) => s.done >= warmUp);
const first = measured[0] ?? { heapMb: 0 };
const last = measured.at(-1) ?? { heapMb: 0 };
const growth = Math.round((last.heapMb - first.heapMb) * 10) / 10;
const half = measured.slice(Math.floor(measured.length / 2));
const rising =
  half.length > 3 && half.every((s, i) => i === 0 || s.heapMb > (half[i - 1]?.heapMb ?? 0));
console.log(
  JSON.stringify(
    {
      decisions: done,
      seconds: Math.round(seconds),
      perDecisionMs: Math.round((seconds * 1000 * 1000) / done) / 1000,
      outcomes,
      heapAfterWarmUpMb: first.heapMb,
      heapAtEndMb: last.heapMb,
      growthMb: growth,
      peakRssMb: Math.max(...samples.map((s) => s.rssMb)),
    },
    null,
    2,
  ),
);
if (growth > maxGrowthMb || rising) {
  console.error(`memory grew by ${growth} MB${rising ? " and kept rising" : ""}`);
  process.exit(1);
}
