import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { approvable, cli } from "../helpers.js";
import { indexOf, pristine } from "../lint/planted.js";

const APPROVE = "examples/1-approve-convenience-store.json";
const INCOMPLETE = "examples/2-incomplete-unsigned-form.json";
const REFER = "examples/3-refer-minor-operator.json";

describe("evaluate --fail-on", () => {
  it("without it, every decided application exits 0 whatever its outcome", async () => {
    expect((await cli("evaluate", APPROVE, INCOMPLETE, REFER, "--replay")).code).toBe(0);
  });

  it("--fail-on incomplete: exit 2 on incomplete or refer (worse), 0 when all approve", async () => {
    const gate = ["--replay", "--fail-on", "incomplete", "--format", "json"];
    expect((await cli("evaluate", APPROVE, ...gate)).code).toBe(0);
    expect((await cli("evaluate", APPROVE, INCOMPLETE, ...gate)).code).toBe(2);
    const refer = await cli("evaluate", APPROVE, REFER, ...gate);
    expect(refer.code).toBe(2);
    // The decisions are still all written.
    expect(JSON.parse(refer.stdout).map((d: { outcome: string }) => d.outcome)).toEqual([
      "approve",
      "refer",
    ]);
  });

  it("--fail-on refer: exit 2 only when a decision is refer", async () => {
    expect(
      (await cli("evaluate", APPROVE, INCOMPLETE, "--replay", "--fail-on", "refer")).code,
    ).toBe(0);
    expect((await cli("evaluate", INCOMPLETE, REFER, "--replay", "--fail-on", "refer")).code).toBe(
      2,
    );
  });

  it("refuses another value (exit 1)", async () => {
    const out = await cli("evaluate", APPROVE, "--replay", "--fail-on", "approve");
    expect(out.code).toBe(1);
    expect(out.stderr.split("\n")[0]).toBe(
      'smart-approval: --fail-on must be one of refer, incomplete (got "approve")',
    );
  });
});

describe("diff --corpus --exit-code", () => {
  /** Two versions of the matter; `after` differs from `before` as `change` makes it. */
  function versions(change: (m: ReturnType<typeof pristine>) => void) {
    const root = mkdtempSync(join(tmpdir(), "sa-gate-"));
    const dir = join(root, "matters", "individual-business.establishment");
    mkdirSync(dir, { recursive: true });
    const before = { ...pristine(), effective: { from: "2022-11-01", until: "2025-12-31" } };
    const after = { ...pristine(), version: "1.1.0", effective: { from: "2026-01-01" } };
    change(after);
    writeFileSync(join(dir, "1.0.0.json"), JSON.stringify(before, null, 2));
    writeFileSync(join(dir, "1.1.0.json"), JSON.stringify(after, null, 2));
    const corpus = join(root, "applications.ndjson");
    writeFileSync(corpus, `${JSON.stringify(approvable())}\n`);
    return [join(dir, "1.0.0.json"), join(dir, "1.1.0.json"), "--corpus", corpus] as const;
  }

  it("exits 2 when a decision changed, 0 without --exit-code", async () => {
    // Adults from 50: the sample operator, 40 on the day, is now referred.
    const args = versions((m) => {
      m.standards[indexOf(m.standards, "GT-C02-adult")].require.value = 50;
    });
    const plain = await cli("diff", ...args, "--format", "json");
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.stdout).replay.changed).toBe(1);
    expect((await cli("diff", ...args, "--exit-code")).code).toBe(2);
  });

  it("exits 0 when no decision changed", async () => {
    const args = versions(() => {});
    const out = await cli("diff", ...args, "--exit-code", "--format", "json");
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout).replay).toMatchObject({ decided: 1, changed: 0 });
  });

  it("--exit-code without --corpus is a usage error (exit 1)", async () => {
    const [before, after] = versions(() => {});
    const out = await cli("diff", before, after, "--exit-code");
    expect(out.code).toBe(1);
    expect(out.stderr.split("\n")[0]).toBe(
      "smart-approval: --exit-code needs --corpus (it gates on changed decisions)",
    );
  });
});
