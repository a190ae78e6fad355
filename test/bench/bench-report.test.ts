// The benchmark must keep working as the library changes: its three alternatives mirror the
// decision rules, and it refuses to report when they drift. This runs it briefly — for the
// agreement and the report's shape only; speed is measured by `npm run bench`, never here.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, it } from "vitest";
import { ROOT } from "../helpers.js";

const scratch = mkdtempSync(join(tmpdir(), "sa-bench-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

it("agrees on every application of a fresh corpus and writes the report `--out` promises", async () => {
  const out = join(scratch, "bench.json");
  const args = ["--import", "tsx", "bench/bench.ts", "--corpus", "400", "--seed", "7"];
  await promisify(execFile)(
    process.execPath,
    [...args, "--rounds", "1", "--seconds", "0.05", "--out", out],
    { cwd: ROOT, maxBuffer: 1 << 24 },
  );
  const report = JSON.parse(readFileSync(out, "utf8"));
  expect(report).toMatchObject({ corpus: 400, agree: true });
  expect(report.results.map((r: { name: string }) => r.name)).toEqual([
    "smart-approval",
    "json-rules-engine",
    "json-logic",
    "hand-written",
  ]);
  for (const result of report.results) {
    for (const key of ["opsPerSec", "p50Us", "p99Us"]) {
      expect(result[key], `${result.name} ${key}`).toBeGreaterThan(0);
    }
  }
}, 120_000);
