import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatIssues } from "../../src/report/issues.js";
import { printable } from "../../src/report/printable.js";
import { approvable, cli } from "../helpers.js";

const scratch = mkdtempSync(join(tmpdir(), "sa-ctl-"));
// Sets the terminal title, turns text red, returns the cursor to overwrite the line, and a
// one-character C1 CSI and a right-to-left override.
const HOSTILE = "A-1\u001b]0;owned\u0007\u001b[31m\rAPPROVED\u009b2J\u202e";
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe("control characters from input are escaped in text output", () => {
  it("printable writes each unsafe character as a visible escape, and leaves the rest", () => {
    expect(printable("A-1\u001b[31m\r\n\u009b\u202e")).toBe(
      "A-1\\u001b[31m\\u000d\\u000a\\u009b\\u202e",
    );
    expect(printable("李丽华 — 准予登记 tab\there")).toBe("李丽华 — 准予登记 tab\there");
  });

  it("an application id with terminal escapes, in evaluate's notice", async () => {
    const file = join(scratch, "id.json");
    writeFileSync(file, JSON.stringify({ ...approvable(), id: HOSTILE }));
    for (const locale of ["zh-CN", "en"]) {
      const { code, stdout } = await cli("evaluate", file, "--replay", "--locale", locale);
      expect(code).toBe(0);
      expect(stdout).not.toMatch(RAW);
      expect(stdout).toContain(
        "(A-1\\u001b]0;owned\\u0007\\u001b[31m\\u000dAPPROVED\\u009b2J\\u202e)",
      );
    }
    // JSON output is JSON: the id round-trips exactly.
    const json = await cli("evaluate", file, "--replay", "--format", "json");
    expect(JSON.parse(json.stdout).applicationId).toBe(HOSTILE);
  });

  it("a file name with terminal escapes, in evaluate's header and error lines", async () => {
    const name = join(scratch, "a\u001b[2Jb.json");
    writeFileSync(name, JSON.stringify(approvable()));
    const two = await cli("evaluate", name, name, "--replay");
    expect(two.stdout).not.toMatch(RAW);
    expect(two.stdout).toContain("== ");
    expect(two.stdout).toContain("a\\u001b[2Jb.json");
    const missing = await cli("evaluate", join(scratch, "x\u001b[2J.json"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).not.toMatch(RAW);
    expect(missing.stderr).toContain("x\\u001b[2J.json: no such file or directory");
  });

  it("rule-file issues in text and github formats", () => {
    const issue = {
      code: "unknown-path",
      severity: "error",
      message: `no field "\u001b[8m"`,
      file: "m\u001b]0;x\u0007.json",
      pointer: "/a",
      line: 3,
      column: 7,
    } as const;
    const text = formatIssues([issue], "text");
    expect(text).not.toMatch(RAW);
    expect(text).toContain('m\\u001b]0;x\\u0007.json:3:7: error: no field "\\u001b[8m"');
    const github = formatIssues([{ ...issue, message: "a\nb\u001b" }], "github");
    expect(github.slice(0, -1)).not.toMatch(RAW);
    expect(github).toContain("::a%0Ab\\u001b (/a)\n");
  });
});
