import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { approvable, cli, ROOT } from "../helpers.js";

function scratchFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "sa-cli-")), name);
  writeFileSync(path, content);
  return path;
}

describe("smart-approval evaluate", () => {
  it("prints a readable notice of what to supply (zh-CN by default)", async () => {
    const { code, stdout } = await cli(
      "evaluate",
      "examples/2-incomplete-unsigned-form.json",
      "--replay",
    );
    expect(code).toBe(0);
    expect(stdout).toContain("请一次性补正");
    expect(stdout).toContain("[GT-M01] 请提交：个体工商户登记（备案）申请书");
    expect(stdout).toContain("《市场主体登记管理条例》第16条");
  });

  it("prints why a person must look, in English when asked", async () => {
    const { code, stdout } = await cli(
      "evaluate",
      "examples/3-refer-minor-operator.json",
      "--replay",
      "--locale",
      "en",
    );
    expect(code).toBe(0);
    expect(stdout).toContain("Referred to a person");
    expect(stdout).toContain("[R-AGE-16-17]");
    expect(stdout).toContain("Civil Code of the People's Republic of China art 17, 18");
  });

  it("prints the decision as JSON", async () => {
    const { code, stdout } = await cli(
      "evaluate",
      "examples/1-approve-convenience-store.json",
      "--replay",
      "--format",
      "json",
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ outcome: "approve", matter: { version: "1.0.0" } });
  });

  it("gives one clear message for a missing file, malformed JSON and bad arguments (exit 1)", async () => {
    const missing = await cli("evaluate", "no-such.json");
    expect(missing).toMatchObject({ code: 1, stdout: "" });
    expect(missing.stderr).toBe(
      "smart-approval: cannot read no-such.json: no such file or directory\n",
    );

    const broken = await cli("evaluate", scratchFile("broken.json", '{\n  "matter": \n}'));
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/broken\.json:3:1: Unexpected token/);

    for (const args of [
      ["evaluate"],
      ["evaluate", "x.json", "--format", "xml"],
      ["frobnicate"],
      ["evaluate", "--bogus"],
    ]) {
      const result = await cli(...args);
      expect(result.code, args.join(" ")).toBe(1);
      expect(result.stderr.split("\n").length, args.join(" ")).toBeLessThanOrEqual(3);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("exits 2 and lists every problem of an application it cannot decide", async () => {
    const file = scratchFile(
      "bad.json",
      JSON.stringify({ ...approvable(), appliedOn: "someday", matter: "x.y" }),
    );
    const { code, stderr } = await cli("evaluate", file);
    expect(code).toBe(2);
    expect(stderr).toContain("/appliedOn");
  });

  it("words a value outside the allowed ones in the notice's language, listing them by name", async () => {
    const application = approvable();
    application.data.organization = "company";
    const file = scratchFile("enum.json", JSON.stringify(application));
    const zh = await cli("evaluate", file, "--replay");
    expect(zh.stdout).toContain(
      "请更正：组成形式（organization）（应为以下之一：individual（个人经营）、family（家庭经营））",
    );
    expect(zh.stdout).not.toContain("must be");
    const en = await cli("evaluate", file, "--locale", "en", "--replay");
    expect(en.stdout).toContain(
      "must be one of: individual (run by one person), family (run by a family)",
    );
  });

  it("prints the problems of an application it cannot decide as JSON on stdout, not null", async () => {
    const file = scratchFile(
      "bad.json",
      JSON.stringify({ ...approvable(), appliedOn: "someday", matter: "x.y" }),
    );
    const { code, stdout } = await cli("evaluate", file, "--format", "json");
    expect(code).toBe(2);
    const record = JSON.parse(stdout);
    expect(record).toMatchObject({ file, error: { code: "invalid-application" } });
    const pointers = record.error.problems.map((p: { pointer: string }) => p.pointer);
    expect(pointers).toContain("/appliedOn");
    for (const problem of record.error.problems) {
      expect(Object.keys(problem).sort()).toEqual(["code", "message", "pointer"]);
      expect(record.error.message).toContain(problem.message);
    }
  });

  it("gives one JSON entry per file, in order, whether decided or not", async () => {
    const bad = scratchFile("bad.json", JSON.stringify({ ...approvable(), matter: "x.y" }));
    const { code, stdout } = await cli(
      "evaluate",
      "examples/1-approve-convenience-store.json",
      bad,
      "examples/2-incomplete-unsigned-form.json",
      "--replay",
      "--format",
      "json",
      "--replay",
    );
    expect(code).toBe(2);
    const entries = JSON.parse(stdout);
    expect(entries).toHaveLength(3);
    expect(entries[0]).toMatchObject({ outcome: "approve" });
    expect(entries[1]).toMatchObject({
      file: bad,
      error: {
        code: "invalid-application",
        problems: [{ code: "unknown-matter", pointer: "/matter" }],
      },
    });
    expect(entries[2]).toMatchObject({ outcome: "incomplete" });
  });
});

describe("smart-approval validate", () => {
  it("exits 0 on the bundled rules", async () => {
    const { code, stdout } = await cli("validate");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^0 errors/m);
  });

  it("exits 2 with located issues in each format", async () => {
    const rule = JSON.parse(
      (await import("node:fs")).readFileSync(
        join(ROOT, "rules/matters/individual-business.establishment/1.0.0.json"),
        "utf8",
      ),
    );
    rule.standards[0].require.operator = "approximately";
    const file = scratchFile("1.0.0.json", JSON.stringify(rule, null, 2));
    const text = await cli("validate", file);
    expect(text.code).toBe(2);
    expect(text.stdout).toMatch(
      /1\.0\.0\.json:\d+:\d+: error: unknown operator.*\[unknown-operator\]/,
    );
    const json = await cli("validate", file, "--format", "json");
    expect(JSON.parse(json.stdout)[0]).toMatchObject({
      code: "unknown-operator",
      pointer: "/standards/0/require/operator",
    });
    const github = await cli("validate", file, "--format", "github");
    expect(github.stdout).toMatch(
      /^::error file=.*1\.0\.0\.json,line=\d+,col=\d+,title=unknown-operator::/,
    );
  });
});

describe("smart-approval due", () => {
  it("prints the due date counted on the official calendar (TC-A18)", async () => {
    expect(await cli("due", "2025-01-24", "3")).toMatchObject({ code: 0, stdout: "2025-02-05\n" });
    expect(await cli("due", "2025-01-24", "3", "--extension", "3")).toMatchObject({
      code: 0,
      stdout: "2025-02-08\n",
    });
  });

  it("prints start, days, due, provisional, bounds and the calendar revision in JSON", async () => {
    const { stdout } = await cli("due", "2025-01-24", "3", "--extension", "3", "--format", "json");
    expect(JSON.parse(stdout)).toEqual({
      start: "2025-01-24",
      days: 6,
      due: "2025-02-08",
      provisional: false,
      earliest: "2025-02-08",
      latest: "2025-02-08",
      calendar: { revision: expect.stringMatching(/^\d{4}-\d{2}-\d{2}/) },
    });
  });

  it("counts into 2027 before its notice: exact where certain, else 暂定 with both dates", async () => {
    // Past 元旦's window every legal arrangement gives the same day (SPEC-2 §1.2).
    expect(await cli("due", "2026-12-20", "20")).toMatchObject({ code: 0, stdout: "2027-01-18\n" });
    const json = JSON.parse((await cli("due", "2027-01-28", "5", "--format", "json")).stdout);
    expect(json).toMatchObject({
      start: "2027-01-28",
      days: 5,
      provisional: true,
      earliest: "2027-02-03",
      latest: "2027-02-14",
    });
    expect(json).not.toHaveProperty("due");
    const text = await cli("due", "2027-01-28", "5");
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^暂定 \/ provisional: 2027-02-03 … 2027-02-14/);
  });

  it("refuses a date outside the calendar with one clear message", async () => {
    const { code, stderr } = await cli("due", "2031-03-02", "3");
    expect(code).toBe(1);
    expect(stderr).toContain("outside the calendar");
  });
});
