import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { generateApplications } from "../../bench/corpus.js";
import { approvable, cli, ROOT } from "../helpers.js";

const MAIN = join(ROOT, "dist/bin/smart-approval.js");

function ndjson(lines: readonly string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), "sa-batch-")), "applications.ndjson");
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

/** Output lines as JSON, without the one field that differs from run to run. */
function records(stdout: string) {
  return stdout
    .trimEnd()
    .split("\n")
    .map((line) => {
      const record = JSON.parse(line);
      if (record.record) record.record.decidedAt = "…";
      // The record says which evaluator ran: the one field the two runs must differ in.
      if (record.record) record.record.evaluator = "…";
      return record;
    });
}

describe("smart-approval batch", () => {
  it("writes one line per input line, in input order, with error records for bad lines", async () => {
    const app = approvable();
    const minor = approvable();
    minor.id = "minor";
    minor.data.operator.document.number = "370784200707010022";
    const file = ndjson([
      JSON.stringify({ ...app, id: "first" }),
      "",
      "{ not json",
      JSON.stringify({ ...app, id: "unknown-matter", matter: "no-such.matter" }),
      JSON.stringify(minor),
      JSON.stringify({ ...app, id: "bad-envelope", appliedOn: "2025-02-30" }),
      "[1, 2]",
      JSON.stringify({ ...app, id: "last" }),
    ]);
    const { code, stdout, stderr } = await cli("batch", file, "--replay", "--workers", "0");
    expect(code).toBe(2);
    const out = records(stdout);
    expect(out).toHaveLength(8);
    expect(out.map((r) => r.applicationId ?? r.line)).toEqual([
      "first",
      2,
      3,
      4,
      "minor",
      6,
      7,
      "last",
    ]);
    expect(out.map((r) => r.outcome ?? r.error.code)).toEqual([
      "approve",
      "empty-line",
      "invalid-json",
      "invalid-application",
      "refer",
      "invalid-application",
      "invalid-application",
      "approve",
    ]);
    expect(out[3].error.problems[0]).toMatchObject({ code: "unknown-matter", pointer: "/matter" });
    expect(out[5].error.problems[0]).toMatchObject({ pointer: "/appliedOn" });
    expect(stderr).toMatch(
      /8 lines in [\d.]+ s \([\d,]+\/s\): 2 approve, 0 incomplete, 1 refer, 5 errors\n$/,
    );
  });

  it("exits 0 when every line is decided, and honours --locale", async () => {
    const file = ndjson(generateApplications(30, 11).map((a) => JSON.stringify(a)));
    const { code, stdout, stderr } = await cli(
      "batch",
      file,
      "--replay",
      "--workers",
      "0",
      "--locale",
      "en",
    );
    expect(code).toBe(0);
    const out = records(stdout);
    expect(out.map((r) => r.applicationId)).toEqual(generateApplications(30, 11).map((a) => a.id));
    expect(out.every((r) => r.locale === "en")).toBe(true);
    expect(stderr).toContain("30 lines");
  });

  it("decides the same with json-rules-engine as with the compiled evaluator", async () => {
    const file = ndjson(generateApplications(200, 5).map((a) => JSON.stringify(a)));
    const compiled = await cli("batch", file, "--replay", "--workers", "0");
    const reference = await cli(
      "batch",
      file,
      "--replay",
      "--workers",
      "0",
      "--evaluator",
      "json-rules-engine",
    );
    expect(records(compiled.stdout)).toEqual(records(reference.stdout));
  });

  it("reports usage errors: no file, a missing file, a bad --workers or --evaluator (exit 1)", async () => {
    expect((await cli("batch")).code).toBe(1);
    const missing = await cli("batch", "no-such-file.ndjson");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("cannot read no-such-file.ndjson: no such file");
    const file = ndjson(["{}"]);
    expect((await cli("batch", file, "--replay", "--workers", "-1")).stderr).toContain("--workers");
    expect((await cli("batch", file, "--evaluator", "zen")).stderr).toContain(
      "--evaluator must be one of",
    );
  });

  it("reports invalid rules with their issues (exit 2)", async () => {
    const rules = mkdtempSync(join(tmpdir(), "sa-batch-rules-"));
    writeFileSync(join(rules, "broken.json"), "{ nope");
    const { code, stderr } = await cli(
      "batch",
      ndjson(["{}"]),
      "--replay",
      "--workers",
      "0",
      "--rules",
      rules,
    );
    expect(code).toBe(2);
    expect(stderr).toContain("broken.json");
    // With workers, the directory is validated once, before any worker starts.
    const pooled = await cli(
      "batch",
      ndjson(["{}"]),
      "--replay",
      "--workers",
      "2",
      "--rules",
      rules,
    );
    expect(pooled.code).toBe(2);
    expect(pooled.stderr).toContain("broken.json");
  });

  it.skipIf(!existsSync(MAIN))(
    "gives worker threads a rules directory validated once, as a bundle (built CLI)",
    async () => {
      const rules = mkdtempSync(join(tmpdir(), "sa-batch-rules-"));
      cpSync(join(ROOT, "rules", "matters"), join(rules, "matters"), { recursive: true });
      const file = ndjson(generateApplications(300, 5).map((a) => JSON.stringify(a)));
      const exec = promisify(execFile);
      const options = { cwd: ROOT, maxBuffer: 1 << 28 };
      const run = (workers: string) =>
        exec(
          "node",
          [MAIN, "batch", file, "--replay", "--workers", workers, "--rules", rules],
          options,
        ).catch((e) => e);
      const [threads, inline] = [await run("2"), await run("0")];
      expect(records(threads.stdout)).toHaveLength(300);
      expect(records(threads.stdout)).toEqual(records(inline.stdout));
    },
    60_000,
  );

  it.skipIf(!existsSync(MAIN))(
    "gives the same output from worker threads as on the main thread (built CLI)",
    async () => {
      const lines = generateApplications(1_000, 3).map((a) => JSON.stringify(a));
      lines.splice(500, 0, "not json");
      const file = ndjson(lines);
      const exec = promisify(execFile);
      const options = { cwd: ROOT, maxBuffer: 1 << 30 };
      const threads = await exec(
        "node",
        [MAIN, "batch", file, "--replay", "--workers", "2"],
        options,
      ).catch((e) => e);
      const inline = await exec(
        "node",
        [MAIN, "batch", file, "--replay", "--workers", "0"],
        options,
      ).catch((e) => e);
      expect(threads.code).toBe(2);
      expect(records(threads.stdout)).toEqual(records(inline.stdout));
      expect(records(threads.stdout)[500]).toMatchObject({
        line: 501,
        error: { code: "invalid-json" },
      });
      expect(threads.stderr).toContain("1,001 lines");
      expect(threads.stderr).toContain("1 error");
    },
    60_000,
  );
});

describe("smart-approval batch, combined applications (一件事)", () => {
  it("counts a 一件事 waiting on a department as pending, not as approved or referred", async () => {
    // The bundled rules with the illustrative 一件事 whose licence a department decides.
    const dir = join(mkdtempSync(join(tmpdir(), "sa-batch-rules-")), "rules");
    cpSync(join(ROOT, "rules"), dir, { recursive: true });
    const oneThing = "example.restaurant-opening-with-deemed-consent";
    cpSync(
      join(ROOT, "examples/one-thing/department-deemed-consent.json"),
      join(dir, "one-things", oneThing, "1.0.0.json"),
    );
    const application = readFileSync(
      join(ROOT, "examples/one-thing/department-deemed-consent-application.json"),
      "utf8",
    );
    const file = ndjson([JSON.stringify(JSON.parse(application)), JSON.stringify(approvable())]);
    const { code, stdout, stderr } = await cli(
      "batch",
      file,
      "--rules",
      dir,
      "--replay",
      "--workers",
      "0",
    );
    expect(code, stderr).toBe(0);
    expect(records(stdout).map((r) => r.outcome)).toEqual(["pending", "approve"]);
    expect(stderr).toMatch(
      /1 approve, 0 incomplete, 0 refer, 1 pending \(with a department\), 0 errors/,
    );
  });
});
