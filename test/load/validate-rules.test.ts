import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateRules } from "../../src/entries/authoring.js";
import { loadRules, RuleFileError } from "../../src/index.js";

const MATTER_FILE = new URL(
  "../../rules/matters/individual-business.establishment/1.0.0.json",
  import.meta.url,
);
const pristine = () => JSON.parse(readFileSync(MATTER_FILE, "utf8"));

/** Writes a matter file into a scratch rules tree (with no catalogs: the bundled ones apply). */
function writeMatter(text: string, name = "1.0.0.json"): string {
  const root = mkdtempSync(join(tmpdir(), "sa-rules-"));
  const dir = join(root, "matters", "individual-business.establishment");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}

/** 1-based line of the first occurrence of `needle` in `text`. */
const lineOf = (text: string, needle: string) =>
  text.slice(0, text.indexOf(needle)).split("\n").length;

describe("validateRules", () => {
  it("finds no error in the bundled rules", () => {
    expect(validateRules().filter((i) => i.severity === "error")).toEqual([]);
  });

  it("locates names of enum values that name no value, and values left without a name", () => {
    const m = pristine();
    const organization = m.input.data.properties.organization;
    organization["x-enumTitles"].famliy = organization["x-enumTitles"].family;
    delete organization["x-enumTitles"].family;
    organization["x-enumTitles"].individual = 7;
    const text = JSON.stringify(m, null, 2);
    const issues = validateRules([writeMatter(text)]);
    expect(issues.filter((i) => i.code === "invalid-enum-titles")).toEqual([
      expect.objectContaining({
        severity: "error",
        pointer: "/input/data/properties/organization/x-enumTitles/individual",
        line: lineOf(text, '"individual": 7'),
      }),
      expect.objectContaining({
        severity: "error",
        pointer: "/input/data/properties/organization/x-enumTitles/famliy",
        line: lineOf(text, '"famliy"'),
      }),
    ]);
    expect(issues.filter((i) => i.code === "missing-locale")).toContainEqual(
      expect.objectContaining({
        severity: "warning",
        message: expect.stringContaining('"family"'),
      }),
    );
  });

  it("reports a JSON syntax error with its line and column", () => {
    const text = JSON.stringify(pristine(), null, 2).replace(
      '"version": "1.0.0",',
      '"version": "1.0.0",,',
    );
    const [issue] = validateRules([writeMatter(text)]);
    expect(issue).toMatchObject({
      code: "json-syntax",
      severity: "error",
      line: lineOf(text, ",,"),
    });
  });

  it("finds every planted defect in one file, each at its line", () => {
    const m = pristine();
    m.standards[0].require.path = "operatorIdentity.vaild";
    m.standards[4].require = {
      fact: "data",
      path: "operator.documnet.number",
      operator: "present",
    };
    m.standards[6].require.operator = "approximately";
    m.standards[7].when = {
      fact: "derived",
      path: "guardianIdentity.valid",
      operator: "equal",
      value: true,
    };
    m.standards[8].id = m.standards[9].id;
    m.standards[10].basis = [];
    delete m.materials[1].basis;
    m.materials[2].basis[0].ref = "no-such-law";
    const refer = m.standards.findIndex(
      (s: { onFail: { outcome: string } }, i: number) => i > 12 && s.onFail.outcome === "refer",
    );
    m.standards[refer].onFail.code = "R-UNDECLARED";
    m.standards[12].colour = "red";
    const text = JSON.stringify(m, null, 2);
    const issues = validateRules([writeMatter(text)]);
    const found = (code: string) => issues.filter((i) => i.code === code);

    expect(found("unknown-path").map((i) => i.line)).toEqual(
      expect.arrayContaining([
        lineOf(text, '"operatorIdentity.vaild"'),
        lineOf(text, '"operator.documnet.number"'),
      ]),
    );
    expect(found("unknown-operator")[0]?.line).toBe(lineOf(text, '"approximately"'));
    expect(found("unknown-derived-fact")[0]?.line).toBe(lineOf(text, '"guardianIdentity.valid"'));
    expect(found("duplicate-id")).toHaveLength(1);
    expect(
      found("missing-basis")
        .map((i) => i.pointer)
        .sort(),
    ).toEqual(["/materials/1/basis", "/standards/10/basis"]);
    expect(found("unknown-law")[0]).toMatchObject({
      pointer: "/materials/2/basis/0/ref",
      line: lineOf(text, '"no-such-law"'),
    });
    expect(found("unknown-referral-code")[0]?.line).toBe(lineOf(text, '"R-UNDECLARED"'));
    expect(found("unknown-key")[0]).toMatchObject({
      pointer: "/standards/12/colour",
      line: lineOf(text, '"colour"'),
    });
    for (const issue of issues) expect(issue.file).toMatch(/1\.0\.0\.json$/);
  });

  it("refuses prototype keys in rule files, wherever they are", () => {
    const text = JSON.stringify(pristine(), null, 2).replace(
      '"derived": {',
      '"derived": {\n "__proto__": { "polluted": true },',
    );
    const issues = validateRules([writeMatter(text)]);
    expect(issues.find((i) => i.code === "forbidden-key")).toMatchObject({
      line: lineOf(text, "__proto__"),
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("reports overlapping effective windows of one matter", () => {
    const first = pristine();
    const second = { ...pristine(), version: "1.1.0", effective: { from: "2025-01-01" } };
    const file = writeMatter(JSON.stringify(first, null, 2));
    const other = join(file, "..", "1.1.0.json");
    writeFileSync(other, JSON.stringify(second, null, 2));
    const issues = validateRules([file, other]);
    expect(issues.find((i) => i.code === "overlapping-versions")).toMatchObject({
      pointer: "/effective",
    });
  });

  it("reports a matter file in a folder or file name that disagrees with it", () => {
    const issues = validateRules([writeMatter(JSON.stringify(pristine(), null, 2), "2.0.0.json")]);
    expect(issues.find((i) => i.code === "misplaced-file")).toMatchObject({ pointer: "/version" });
  });

  it("reports an unreadable path as an issue, not an exception", () => {
    expect(validateRules(["/no/such/rules.json"])[0]).toMatchObject({
      code: "io-error",
      severity: "error",
    });
  });
});

describe("loadRules", () => {
  it("throws RuleFileError carrying every issue when a rule file has errors", async () => {
    const m = pristine();
    m.standards[0].require.operator = "approximately";
    m.materials[0].basis = [];
    const file = writeMatter(JSON.stringify(m, null, 2));
    const error = await loadRules(join(file, "..", "..", "..")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuleFileError);
    expect((error as RuleFileError).issues.map((i) => i.code).sort()).toEqual([
      "missing-basis",
      "unknown-operator",
    ]);
  });

  it("selects the version in force on the application date", async () => {
    const first = { ...pristine(), effective: { from: "2022-11-01", until: "2025-06-30" } };
    const second = { ...pristine(), version: "1.1.0", effective: { from: "2025-07-01" } };
    const file = writeMatter(JSON.stringify(first, null, 2));
    writeFileSync(join(file, "..", "1.1.0.json"), JSON.stringify(second, null, 2));
    const rules = await loadRules(join(file, "..", "..", ".."));
    const id = "individual-business.establishment";
    expect(rules.versionInForce(id, "2025-06-30")?.file.version).toBe("1.0.0");
    expect(rules.versionInForce(id, "2025-07-01")?.file.version).toBe("1.1.0");
    expect(rules.versionInForce(id, "2022-10-31")).toBeUndefined();
  });
});

describe("notes for rule authors", () => {
  it("are accepted on the matter, its standards, materials, referrals and derived facts, and no decision reads them", async () => {
    const m = pristine();
    const note = "[U] unverified: for reviewers only";
    m.note = note;
    m.standards[0].note = note;
    m.materials[0].note = note;
    m.referrals[0].note = note;
    const [firstDerived] = Object.keys(m.derived);
    m.derived[firstDerived as string].note = note;
    const file = writeMatter(JSON.stringify(m, null, 2));
    expect(validateRules([file])).toEqual([]);
    const now = new Date("2025-07-01T00:00:00Z");
    const application = JSON.parse(
      readFileSync(new URL("../../examples/3-refer-minor-operator.json", import.meta.url), "utf8"),
    );
    const withNotes = await (await loadRules(join(file, "..", "..", ".."))).decide(application, {
      replay: true,
      now,
    });
    const without = await (await loadRules()).decide(application, { replay: true, now });
    // The notes are part of the version's content, so its hash differs; nothing else does.
    const { rulesSha256: a, ...recordWith } = withNotes.record;
    const { rulesSha256: b, ...recordWithout } = without.record;
    expect(a).not.toBe(b);
    expect(withNotes.matter.sha256).not.toBe(without.matter.sha256);
    const unhashed = (d: typeof without, record: object) => ({
      ...d,
      record,
      matter: { ...d.matter, sha256: "" },
    });
    expect(unhashed(withNotes, recordWith)).toEqual(unhashed(without, recordWithout));
    m.standards[1].note = "";
    expect(validateRules([writeMatter(JSON.stringify(m, null, 2))])).toMatchObject([
      { pointer: "/standards/1/note", severity: "error" },
    ]);
  });
});
