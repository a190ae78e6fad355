import { describe, expect, it } from "vitest";
import { validateRules } from "../../src/entries/authoring.js";
import { type Issue, loadRules, RuleFileError } from "../../src/index.js";
import { LINT_CODES, type LintCode } from "../../src/lint/codes.js";
import { indexOf, lineOf, plantedMatter, pristine, writeRules } from "./planted.js";

describe("lint: a rule file with a planted defect of each kind", () => {
  const { files } = writeRules(plantedMatter());
  const [{ path, text }] = files as [{ path: string; text: string }];
  const issues = validateRules([path]);
  const only = (code: string) => issues.filter((i) => i.code === code);
  const at = (code: string, needle: string, after?: string) =>
    expect(
      only(code).map((i) => i.line),
      code,
    ).toContain(lineOf(text, needle, after));

  it("finds a standard whose when can never hold, at the comparison to blame", () => {
    at("unreachable-standard", '"company"');
    expect(only("unreachable-standard")[0]).toMatchObject({
      severity: "error",
      pointer: expect.stringMatching(/^\/standards\/\d+\/when\/value$/),
    });
    expect(only("unreachable-standard")[0]?.message).toBe(
      'standard GT-C07-family-members can never apply: data.organization equal "company" can never hold (data.organization is "individual" or "family" in input.data)',
    );
  });

  it("warns of a when that can never be false", () => {
    expect(only("always-true-when")).toHaveLength(1);
    expect(only("always-true-when")[0]).toMatchObject({ severity: "warning" });
    at("always-true-when", '"when"', '"GT-C09-single-premises"');
  });

  it("finds a require that can never hold, and contradictions within one standard", () => {
    at("impossible-requirement", '"yes"');
    expect(only("impossible-requirement")[0]?.message).toContain(
      "derived.operatorIdentity.valid is true or false in derived identity-document",
    );
    // age ≥ 18 and age < 16.5 inside one require, located at the require (their `all`)
    at("contradictory-conditions", '"require"', '"GT-C02-at-least-16"');
    // premises.online false (when) and true (require)
    at("contradictory-conditions", '"require"', '"GT-C08-address-given"');
    expect(only("contradictory-conditions").every((i) => i.severity === "error")).toBe(true);
  });

  it("finds a material no condition can require", () => {
    at("material-never-required", '"no"');
    expect(only("material-never-required")[0]?.message).toMatch(
      /^material GT-M03 is never required/,
    );
  });

  it("warns of a dead branch inside a condition that can still hold", () => {
    at("dead-condition", '"by-pigeon"');
    expect(only("dead-condition")[0]).toMatchObject({ severity: "warning" });
  });

  it("finds an operand the operator cannot use", () => {
    at("invalid-operand", '"individual"', '"GT-C06-organization"');
  });

  it("rejects regular expressions RE2 cannot run in linear time, and invalid ones", () => {
    at("unsupported-regex", '"^(\\\\d)\\\\1+$"');
    at("unsupported-regex", '"^(?!0)[0-9]+$"');
    at("invalid-regex", '"([unclosed"');
    expect(only("unsupported-regex").map((i) => i.pointer)).toContain(
      "/input/data/properties/liaison/properties/phone/pattern",
    );
    // Catastrophic for a backtracking matcher, linear on RE2: accepted.
    expect(issues.filter((i) => i.message.includes('"^(a+)+$"'))).toEqual([]);
  });

  it("finds a catalog field, a law and a locale that do not exist", () => {
    at("unknown-catalog-field", '"scope.anyTrue.preApprovl"');
    expect(only("unknown-catalog-field")[0]?.message).toContain(
      'no entry of catalog "business-scope" has a boolean "preApprovl"',
    );
    at("unknown-law", '"no-such-law"');
    expect(only("missing-locale").map((i) => i.pointer)).toContain(
      `/standards/${indexOf(plantedMatter().standards, "GT-C14-no-risk")}/message`,
    );
  });

  it("locates every issue in the file, with line and column, under a documented code", () => {
    for (const issue of issues.filter((i) => !["unknown-law", "missing-locale"].includes(i.code))) {
      expect(LINT_CODES[issue.code as LintCode]?.severity, issue.code).toBe(issue.severity);
    }
    for (const issue of issues) {
      expect(issue.file).toBe(path);
      expect(issue.line).toBeGreaterThan(0);
      expect(issue.column).toBeGreaterThan(0);
    }
  });

  it("refuses to load the file, so a pattern RE2 cannot run never loads", async () => {
    const { root } = writeRules(plantedMatter());
    const error = await loadRules(root).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuleFileError);
    expect((error as RuleFileError).issues.map((i: Issue) => i.code)).toContain(
      "unsupported-regex",
    );
  });
});

describe("lint: versions of one matter", () => {
  it("finds version numbers that do not rise with effective dates, and warns of gaps", () => {
    const first = { ...pristine(), effective: { from: "2022-11-01", until: "2024-12-31" } };
    const later = { ...pristine(), version: "0.9.0", effective: { from: "2025-03-01" } };
    const { files } = writeRules(first, later);
    const issues = validateRules(files.map((f) => f.path));
    const laterFile = files[1] as { path: string; text: string };
    expect(issues.find((i) => i.code === "version-order")).toMatchObject({
      severity: "error",
      file: laterFile.path,
      pointer: "/version",
      line: lineOf(laterFile.text, '"version"'),
    });
    const gap = issues.find((i) => i.code === "effective-gap");
    expect(gap).toMatchObject({ severity: "warning", pointer: "/effective/from" });
    expect(gap?.message).toMatch(/^no version is in force from 2025-01-01 to 2025-02-28/);
  });

  it("accepts versions that rise and follow each other day by day", () => {
    const first = { ...pristine(), effective: { from: "2022-11-01", until: "2024-12-31" } };
    const next = { ...pristine(), version: "1.1.0", effective: { from: "2025-01-01" } };
    const { files } = writeRules(first, next);
    const codes = validateRules(files.map((f) => f.path)).map((i) => i.code);
    expect(codes).not.toContain("version-order");
    expect(codes).not.toContain("effective-gap");
  });
});

describe("lint: the bundled rules", () => {
  it("raises no lint error on the bundled rule files", () => {
    const lintCodes = new Set([
      "unreachable-standard",
      "impossible-requirement",
      "contradictory-conditions",
      "material-never-required",
      "invalid-operand",
      "unsupported-regex",
      "invalid-regex",
      "unknown-catalog-field",
      "version-order",
      "lint-failure",
    ]);
    expect(validateRules().filter((i) => lintCodes.has(i.code))).toEqual([]);
  });
});
