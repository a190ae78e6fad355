import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/run.js";
import type { Issue } from "../../src/index.js";
import { formatIssues } from "../../src/report/issues.js";
import { plantedMatter, pristine } from "../lint/planted.js";

async function cli(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: tmpdir(),
  });
  return { code, stdout, stderr };
}

/** A rule file outside the repository, in a folder whose name needs escaping in annotations. */
function scratchMatter(matter: object, folder = "rules, draft: 2"): string {
  const dir = join(mkdtempSync(join(tmpdir(), "sa-validate-")), folder);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "1.0.0.json");
  writeFileSync(file, JSON.stringify(matter, null, 2));
  return file;
}

const LINT_CODES = [
  "unreachable-standard",
  "always-true-when",
  "impossible-requirement",
  "contradictory-conditions",
  "material-never-required",
  "dead-condition",
  "invalid-operand",
  "unsupported-regex",
  "invalid-regex",
  "unknown-catalog-field",
  "unknown-law",
  "missing-locale",
];

describe("smart-approval validate on planted defects", () => {
  const file = scratchMatter(plantedMatter());

  it("prints file:line:col: severity: message [code], in file order, with a summary (text)", async () => {
    const { code, stdout } = await cli("validate", file);
    expect(code).toBe(2);
    const lines = stdout.trimEnd().split("\n");
    const summary = lines.pop();
    expect(summary).toMatch(/^\d+ errors, \d+ warnings$/);
    for (const line of lines) {
      expect(line).toMatch(/^.+1\.0\.0\.json:\d+:\d+: (error|warning): .+ \[[a-z-]+\]$/);
    }
    const positions = lines.map((l) => Number(/json:(\d+):/.exec(l)?.[1]));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    for (const lintCode of LINT_CODES) expect(stdout).toContain(`[${lintCode}]`);
  });

  it("prints the issue records (json)", async () => {
    const { code, stdout } = await cli("validate", file, "--format", "json");
    expect(code).toBe(2);
    const issues = JSON.parse(stdout) as Array<Record<string, unknown>>;
    for (const lintCode of LINT_CODES) expect(issues.map((i) => i.code)).toContain(lintCode);
    for (const issue of issues) {
      expect(Object.keys(issue).sort()).toEqual(
        ["code", "column", "file", "line", "message", "pointer", "severity"].sort(),
      );
    }
  });

  it("prints workflow annotations with the file name and message escaped (github)", async () => {
    const { code, stdout } = await cli("validate", file, "--format", "github");
    expect(code).toBe(2);
    const lines = stdout.trimEnd().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(LINT_CODES.length);
    for (const line of lines) {
      expect(line).toMatch(
        /^::(error|warning) file=[^,:]*rules%2C draft%3A 2\/1\.0\.0\.json,line=\d+,col=\d+,title=[a-z-]+::[^\r\n]+$/,
      );
    }
    const unsupported = lines.find((l) => l.includes('"^(?!0)[0-9]+$"'));
    expect(unsupported).toMatch(
      /,title=unsupported-regex::the pattern "\^\(\?!0\)\[0-9\]\+\$" cannot be matched in linear time/,
    );
  });

  it("escapes % in annotation messages", async () => {
    const m = pristine();
    m.standards[0].require = {
      fact: "data",
      path: "operator.name",
      operator: "matches",
      value: "(?=a) 100%",
    };
    const { stdout } = await cli("validate", scratchMatter(m, "plain"), "--format", "github");
    const line = stdout.split("\n").find((l) => l.includes("title=unsupported-regex"));
    expect(line).toContain('::the pattern "(?=a) 100%25" cannot be matched in linear time');
  });
});

describe("formatIssues (github)", () => {
  it("escapes %, CR and LF in messages, and also : and , in properties", () => {
    const issue: Issue = {
      code: "x:y,z",
      severity: "warning",
      message: "line one\r\nline two: 50%, done",
      file: "a,b:c.json",
      pointer: "/p",
      line: 3,
      column: 7,
    };
    expect(formatIssues([issue], "github")).toBe(
      "::warning file=a%2Cb%3Ac.json,line=3,col=7,title=x%3Ay%2Cz::line one%0D%0Aline two: 50%25, done (/p)\n",
    );
  });
});

describe("smart-approval validate --fail-on", () => {
  const m = pristine();
  delete m.title.en;
  const file = scratchMatter(m, "warnings-only");

  it("exits 0 on warnings by default and 2 with --fail-on warning", async () => {
    const byDefault = await cli("validate", file);
    expect(byDefault.stdout).toMatch(/^0 errors, [1-9]\d* warnings?$/m);
    expect(byDefault.code).toBe(0);
    expect((await cli("validate", file, "--fail-on", "warning")).code).toBe(2);
    expect((await cli("validate", file, "--fail-on", "error")).code).toBe(0);
  });

  it("refuses an unknown --fail-on level (exit 1)", async () => {
    const result = await cli("validate", file, "--fail-on", "notice");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("--fail-on must be one of error, warning");
  });
});
