// npx tsx bench/matters.ts [--count 1000] [--size full|subset] [--schemas shared|distinct]
//
// How loading and deciding scale with the number of matters: writes `count` generated matters
// (variants of the 个体工商户 matter in bench/rules: each its own id, title and version window,
// all or a random subset of the standards and materials, the input schema shared or made
// distinct per matter) into a temporary rules directory, then, in a fresh process each, loads
// it — time, peak RSS and heap — and times a decision, with 1 matter loaded, with all of them
// validated from the directory, and with all of them from a bundle built beforehand
// (`smart-approval bundle`: validated once, loaded without validating again).

import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { CORPUS_MATTER, generateApplications, seededRandom } from "./corpus.js";

const BENCH_RULES = fileURLToPath(new URL("./rules", import.meta.url));
const { values: args } = parseArgs({
  options: {
    count: { type: "string", default: "1000" },
    size: { type: "string", default: "full" },
    schemas: { type: "string", default: "shared" },
    measure: { type: "string" },
  },
});

if (args.measure !== undefined) {
  await measure(args.measure);
} else {
  const count = Number(args.count);
  const dir = mkdtempSync(join(tmpdir(), "sa-matters-"));
  try {
    const bytes = generate(dir, count, args.size === "subset", args.schemas === "distinct");
    const one = mkdtempSync(join(tmpdir(), "sa-matter-"));
    generate(one, 1, args.size === "subset", args.schemas === "distinct");
    process.stdout.write(
      `${count} matters (${args.size}, ${args.schemas} input schemas), ${(bytes / 1e6).toFixed(1)} MB of rule files\n`,
    );
    const { buildRulesBundle } = await import("../src/entries/authoring.js");
    const built = await buildRulesBundle(dir);
    if (built.bundle === undefined) throw new Error("the generated matters do not validate");
    const bundle = join(dir, "rules.bundle");
    writeFileSync(bundle, built.bundle);
    for (const [label, rules] of [
      ["1 matter", one],
      [`${count} matters`, dir],
      ["… as a bundle", bundle],
    ] as const) {
      const out = execFileSync(
        process.execPath,
        ["--expose-gc", "--import", "tsx", fileURLToPath(import.meta.url), "--measure", rules],
        { encoding: "utf8", maxBuffer: 1 << 24 },
      );
      process.stdout.write(`${label.padEnd(14)} ${out}`);
    }
    rmSync(one, { recursive: true, force: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes the catalogs, the calendar and `count` matters; returns the bytes of matter files. */
function generate(dir: string, count: number, subset: boolean, distinct: boolean): number {
  cpSync(join(BENCH_RULES, "catalogs"), join(dir, "catalogs"), { recursive: true });
  cpSync(join(BENCH_RULES, "calendars"), join(dir, "calendars"), { recursive: true });
  const template = JSON.parse(
    readFileSync(join(BENCH_RULES, "matters", CORPUS_MATTER, "1.0.0.json"), "utf8"),
  );
  const rng = seededRandom(count);
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const matter = structuredClone(template);
    // The first matter is the template itself, so that the decision timed is the same one.
    if (i > 0) {
      matter.matter = `generated.m${String(i).padStart(5, "0")}`;
      matter.title = { "zh-CN": `生成事项 ${i}`, en: `Generated matter ${i}` };
      matter.effective = { from: `20${20 + (i % 5)}-01-01` };
      if (subset) {
        matter.standards = matter.standards.filter(() => rng() < 0.4);
        matter.materials = matter.materials.filter(
          (m: { requiredWhen?: unknown }) => m.requiredWhen === undefined || rng() < 0.5,
        );
      }
      if (distinct) matter.input.data.properties.operator.properties.name.maxLength = 64 + i;
    }
    const folder = join(dir, "matters", matter.matter);
    mkdirSync(folder, { recursive: true });
    const text = JSON.stringify(matter, null, 2);
    bytes += text.length;
    writeFileSync(join(folder, `${matter.version}.json`), text);
  }
  return bytes;
}

/** In a fresh process: load a rules directory, then time one decision on the template matter. */
async function measure(dir: string): Promise<void> {
  const { loadRules } = await import("../src/index.js");
  globalThis.gc?.();
  const before = process.memoryUsage();
  const started = performance.now();
  const rules = await loadRules(dir);
  const loadMs = performance.now() - started;
  const peak = process.resourceUsage().maxRSS * 1024;
  // Steady state: V8 gives freed pages back to the system a little after a collection.
  globalThis.gc?.();
  await new Promise((resolve) => setTimeout(resolve, 3000));
  globalThis.gc?.();
  const after = process.memoryUsage();
  const apps = generateApplications(2_000);
  for (let i = 0; i < 4_000; i++) await rules.decide(apps[i % apps.length], { replay: true });
  const n = 20_000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await rules.decide(apps[i % apps.length], { replay: true });
  const decideUs = ((performance.now() - t0) / n) * 1000;
  const mb = (x: number) => `${(x / 1e6).toFixed(0)} MB`;
  process.stdout.write(
    `load ${(loadMs / 1000).toFixed(2)} s, peak RSS ${mb(peak)}; settled after GC: RSS ${mb(after.rss)}, ` +
      `heap ${mb(after.heapUsed)} (+${mb(after.heapUsed - before.heapUsed)}); ${rules.matters().length} matters; ` +
      `decision ${decideUs.toFixed(1)} µs\n`,
  );
}
