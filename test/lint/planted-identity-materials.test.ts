// Issue 11, classes 3 and 8: planted defects that the lint must find, located in the file.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateRules } from "../../src/entries/authoring.js";
import { loadRules, RuleFileError } from "../../src/index.js";
import { indexOf, lineOf, type MatterJson, pristine, writeRules } from "./planted.js";

const COMPANY = new URL(
  "../../rules/matters/single-shareholder-company.establishment/1.0.0.json",
  import.meta.url,
);

function planted(m: MatterJson) {
  const { files, root } = writeRules(m);
  const [{ path, text }] = files as [{ path: string; text: string }];
  const issues = validateRules([path]);
  return {
    root,
    path,
    text,
    issues,
    only: (code: string) => issues.filter((i) => i.code === code),
  };
}

describe("lint: a material read without the channels it accepts (class 8)", () => {
  const m = pristine();
  const standard = (id: string) => m.standards[indexOf(m.standards, id)];
  // The defect of 1.0.0 before the fix: a pre-approval "present" by any channel, commitment too.
  standard("GT-C11-preapproval-valid").when.all[1] = {
    fact: "materials",
    path: "GT-M05",
    operator: "present",
  };
  // A list naming a channel the letter of authorisation does not accept.
  standard("GT-C04-agent-real-name").when.all[1].any[0] = {
    fact: "materials",
    path: "GT-M04",
    operator: "in",
    value: ["e-sign", "commitment"],
  };
  // A negative written as "notEqual" instead of `not` around an `in`.
  standard("GT-C08-address-given").when = {
    fact: "materials",
    path: "GT-M08",
    operator: "notEqual",
    value: "shared",
  };
  const { path, text, issues, only } = planted(m);

  it("finds a material read as present, at its operator, and says which channels to name", () => {
    const found = only("unrestricted-material-channel");
    const at = lineOf(text, '"present"', '"GT-C11-preapproval-valid"');
    const issue = found.find((i) => i.line === at);
    expect(issue).toMatchObject({
      severity: "error",
      file: path,
      pointer: expect.stringMatching(/^\/standards\/\d+\/when\/all\/1\/operator$/),
    });
    expect(issue?.message).toContain('reads material GT-M05 with "present"');
    expect(issue?.message).toContain('"value": ["upload","shared"]');
    expect(found.map((i) => i.line)).toContain(
      lineOf(text, '"notEqual"', '"GT-C08-address-given"'),
    );
  });

  it("finds a channel the material does not accept, at that channel", () => {
    const found = only("unaccepted-material-channel");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: "error",
      line: lineOf(text, '"commitment"', '"GT-C04-agent-real-name"'),
      pointer: expect.stringMatching(/\/when\/all\/1\/any\/0\/value\/1$/),
    });
    expect(found[0]?.message).toContain("GT-M04 does not accept (it accepts upload, e-sign)");
  });

  it("locates every finding with a line and a column", () => {
    for (const issue of issues) {
      expect(issue.line).toBeGreaterThan(0);
      expect(issue.column).toBeGreaterThan(0);
    }
  });

  it("accepts the bundled conditions, which name the accepted channels", () => {
    const clean = planted(pristine());
    expect(clean.only("unrestricted-material-channel")).toEqual([]);
    expect(clean.only("unaccepted-material-channel")).toEqual([]);
  });
});

describe("lint: an identity number compared as typed (class 3)", () => {
  it("finds the raw comparison 公司法 art 76 was checked with, on both sides", async () => {
    const m: MatterJson = JSON.parse(readFileSync(COMPANY, "utf8"));
    // The defect of 1.0.0 before the fix: "…x" and "…X" compared as different people.
    m.standards[indexOf(m.standards, "YX-C07-supervisor-not-officer")].require.all[0] = {
      fact: "data",
      path: "supervisor.document.number",
      operator: "notEqual",
      value: { fact: "data", path: "director.document.number" },
    };
    const { root, text, only } = planted(m);
    const found = only("raw-identity-number");
    expect(found.map((i) => i.pointer)).toEqual([
      expect.stringMatching(/^\/standards\/\d+\/require\/all\/0\/path$/),
      expect.stringMatching(/^\/standards\/\d+\/require\/all\/0\/value\/path$/),
    ]);
    expect(found[0]).toMatchObject({
      severity: "error",
      line: lineOf(text, '"supervisor.document.number"', '"YX-C07-supervisor-not-officer"'),
    });
    expect(found[0]?.message).toContain("compare derived.supervisorIdentity.normalizedNumber");
    expect(found[1]?.message).toContain("compare derived.directorIdentity.normalizedNumber");
    const error = await loadRules(root).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuleFileError);
  });

  it("knows an identity number by the schema's annotation, or by the derived fact reading it", () => {
    const m = pristine();
    // The annotation removed: the operator's number is still read by operatorIdentity.
    delete m.input.data.properties.operator.properties.document.properties.number[
      "x-identity-number"
    ];
    // A field no derived fact reads, marked only by the annotation.
    m.input.data.properties.agent.properties.backupNumber = {
      type: "string",
      maxLength: 32,
      "x-identity-number": true,
    };
    const standard = (id: string) => m.standards[indexOf(m.standards, id)];
    standard("GT-C04-agent-document-valid").require = {
      all: [
        { fact: "derived", path: "agentIdentity.valid", operator: "equal", value: true },
        {
          fact: "data",
          path: "agent.document.number",
          operator: "notEqual",
          value: { fact: "data", path: "operator.document.number" },
        },
        { fact: "data", path: "agent.backupNumber", operator: "startsWith", value: "44" },
        { fact: "data", path: "familyMembers.0.document.number", operator: "matches", value: "^4" },
      ],
    };
    const { text, only } = planted(m);
    const lines = only("raw-identity-number").map((i) => i.line);
    const after = '"GT-C04-agent-document-valid"';
    expect(lines).toContain(lineOf(text, '"agent.document.number"', after));
    expect(lines).toContain(lineOf(text, '"operator.document.number"', after));
    expect(lines).toContain(lineOf(text, '"agent.backupNumber"', after));
    expect(lines).toContain(lineOf(text, '"familyMembers.0.document.number"', after));
    const backup = only("raw-identity-number").find((i) => i.message.includes("backupNumber"));
    expect(backup?.message).toContain("declare an identity-document derived fact");
    const family = only("raw-identity-number").find((i) => i.message.includes("familyMembers"));
    expect(family?.message).toContain("derived.familyIdentity.normalizedNumbers");
  });

  it("lets present/absent read a raw number, and normalised numbers be compared", () => {
    const m = pristine();
    m.standards[indexOf(m.standards, "GT-C04-agent-document-valid")].require = {
      all: [
        { fact: "data", path: "agent.document.number", operator: "present" },
        {
          fact: "derived",
          path: "agentIdentity.normalizedNumber",
          operator: "notEqual",
          value: { fact: "derived", path: "operatorIdentity.normalizedNumber" },
        },
      ],
    };
    expect(planted(m).only("raw-identity-number")).toEqual([]);
  });
});
