import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseJsonDocument } from "../../src/json/json-document.js";
import { cli } from "../helpers.js";

const scratch = mkdtempSync(join(tmpdir(), "sa-exit-"));

describe("validate's exit codes", () => {
  it("a path that does not exist is an I/O error (exit 1), not a rule issue at 0:0", async () => {
    const missing = join(scratch, "missing");
    const out = await cli("validate", missing);
    expect(out).toEqual({
      code: 1,
      stdout: "",
      stderr: `smart-approval: cannot read ${missing}: no such file or directory\n`,
    });
  });

  it("a directory holding no rule file fails (exit 1) instead of passing with 0 errors", async () => {
    const empty = join(scratch, "empty");
    mkdirSync(join(empty, "docs"), { recursive: true });
    writeFileSync(join(empty, "docs", "README.md"), "not rules");
    const out = await cli("validate", empty);
    expect(out.code).toBe(1);
    expect(out.stdout).toBe("");
    expect(out.stderr.split("\n")[0]).toBe(
      `smart-approval: no rule file (*.json) in ${empty}: nothing to validate`,
    );
    // The real rules still validate.
    expect((await cli("validate", "rules")).code).toBe(0);
  });
});

describe("truncated JSON is reported where the file ends", () => {
  it.each([
    ["{", 1, 2],
    ['{"matter":', 1, 11],
    ['{\n  "matter": "getihu",\n  "data": {\n    "name": "张', 4, 15],
    ['{\n  "a": [1, 2,\n', 2, 14],
  ])("%j", (text, line, column) => {
    const parsed = parseJsonDocument(text, "t.json");
    expect(parsed.ok).toBe(false);
    expect(parsed.issues[0]).toMatchObject({ code: "json-syntax", line, column });
    expect(parsed.issues[0]?.message).toContain("ends before its JSON does");
  });

  it("keeps the parser's position for a mistake that is not at the end", () => {
    const parsed = parseJsonDocument('{"a": 1 "b": 2', "t.json");
    expect(parsed.issues[0]).toMatchObject({ line: 1, column: 9 });
    expect(parsed.issues[0]?.message).not.toContain("ends before");
  });

  it("validate and evaluate both say so at the end", async () => {
    const file = join(scratch, "cut.json");
    writeFileSync(file, '{\n  "matter": "x",\n  "data": {');
    const validate = await cli("validate", file);
    expect(validate.code).toBe(2);
    expect(validate.stdout).toContain(`${file}:3:12: error: the file ends before its JSON does`);
    const evaluate = await cli("evaluate", file);
    expect(evaluate.code).toBe(1);
    expect(evaluate.stderr.split("\n")[0]).toContain(`${file}:3:12: the file ends before`);
  });
});
