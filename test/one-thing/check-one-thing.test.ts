import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkOneThingSources } from "../../src/load/check-one-thing.js";
import { type MatterFile, MatterFileSchema } from "../../src/model/matter.js";
import { nodeSha256, readSources, ruleFiles } from "../../src/node/rule-files.js";
import { validateRules } from "../../src/node/validate-rules.js";
import { RuleSet } from "../../src/rule-set/rule-set.js";
import { ROOT } from "./support.js";

const FILE = "rules/one-things/individual-business-with-food-filing/1.0.0.json";
const original = () => JSON.parse(readFileSync(new URL(FILE, ROOT), "utf8"));
const matters: MatterFile[] = [
  "individual-business.establishment",
  "sole-proprietorship.establishment",
  "prepackaged-food-sales.filing",
].map((m) =>
  MatterFileSchema.parse(
    JSON.parse(readFileSync(new URL(`rules/matters/${m}/1.0.0.json`, ROOT), "utf8")),
  ),
);
const laws = new Set(
  (
    JSON.parse(readFileSync(new URL("rules/catalogs/laws.json", ROOT), "utf8")) as {
      entries: { id: string }[];
    }
  ).entries.map((e) => e.id),
);

// biome-ignore lint/suspicious/noExplicitAny: planting defects reaches into the file freely
function issuesOf(change: (file: any) => void, file = FILE) {
  const value = original();
  change(value);
  return checkOneThingSources([{ file, text: JSON.stringify(value, null, 2) }], matters, laws)
    .issues;
}

function codes(issues: { code: string; pointer: string }[]) {
  return issues.map((i) => `${i.code} ${i.pointer}`);
}

describe("checking a 一件事 file", () => {
  it("finds nothing wrong with the bundled 一件事 files", () => {
    const rules = new URL("rules", ROOT).pathname;
    const issues = validateRules([rules]).filter((i) => i.file.includes("one-things"));
    expect(issues).toEqual([]);
  });

  it("locates a mapping to a path no member's input schema has (file, pointer, line:column)", () => {
    const issues = issuesOf((f) => {
      f.mapping.data[1].to[1].path = "nmae";
    });
    expect(codes(issues)).toEqual(["unknown-path /mapping/data/1/to/1/path"]);
    expect(issues[0]).toMatchObject({ file: FILE, severity: "error" });
    expect(issues[0]?.line).toBeGreaterThan(1);
    expect(issues[0]?.column).toBeGreaterThan(1);
  });

  it("reports every defect at once, each at its place", () => {
    const issues = issuesOf((f) => {
      f.basis[0].ref = "no-such-law";
      f.mapping.data[0].to[0].member = "nobody";
      f.mapping.evidence[0].to[0].path = "realName.nobody";
      f.materials[0].serves[0].material = "GT-M99";
      f.members[1].matter = "no-such.matter";
    });
    expect(codes(issues).sort()).toEqual(
      [
        "unknown-law /basis/0/ref",
        "unknown-member /mapping/data/0/to/0/member",
        // The registration's operator, no longer mapped onto it, would be asked on every application.
        "unfilled-required /mapping/data",
        "unknown-path /mapping/evidence/0/to/0/path",
        "unknown-material /materials/0/serves/0/material",
        "unknown-matter /members/1/matter",
      ].sort(),
    );
  });

  it("refuses a mapping onto an item of a list (the whole list is mapped)", () => {
    const issues = issuesOf((f) => {
      f.mapping.data.push({ form: "firstScope", to: [{ member: "food-filing", path: "scope.0" }] });
    });
    expect(codes(issues)).toEqual([
      expect.stringMatching(/^array-item-mapped \/mapping\/data\/\d+\/to\/0\/path$/),
    ]);
  });

  it("refuses a field filled twice, and a required field nothing fills", () => {
    const issues = issuesOf((f) => {
      f.mapping.data.push({
        form: "contact",
        to: [{ member: "food-filing", path: "liaison.phone" }],
      });
      f.mapping.data = f.mapping.data.filter((e: { form?: string }) => e.form !== "foodItems");
    });
    expect(codes(issues)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^duplicate-target \/mapping\/data\/\d+\/to\/0\/path$/),
        "unfilled-required /mapping/data",
      ]),
    );
  });

  it("refuses mapping data or materials onto a member its department decides", () => {
    const issues = issuesOf((f) => {
      f.members.push({
        key: "licence",
        matter: "food-business.licence",
        decidedBy: "department",
        title: { "zh-CN": "食品经营许可" },
        department: { "zh-CN": "市场监管局" },
        timeLimit: {
          workingDays: 20,
          basis: [{ ref: "administrative-licensing-law", articles: ["42"] }],
        },
      });
      f.mapping.data[0].to.push({ member: "licence", path: "operator" });
    });
    expect(codes(issues)).toEqual(["department-member-mapped /mapping/data/0/to/2/member"]);
  });

  it("requires a deemed consent to cite its basis and time limit (schema)", () => {
    const value = original();
    value.members.push({
      key: "licence",
      matter: "food-business.licence",
      decidedBy: "department",
      title: { "zh-CN": "食品经营许可" },
      department: { "zh-CN": "市场监管局" },
      timeLimit: {
        workingDays: 20,
        basis: [{ ref: "administrative-licensing-law", articles: ["42"] }],
      },
      deemedConsent: { authority: "national-law", effect: { "zh-CN": "视为同意" } },
    });
    const { issues } = checkOneThingSources(
      [{ file: FILE, text: JSON.stringify(value, null, 2) }],
      matters,
      laws,
    );
    expect(codes(issues).sort()).toEqual(
      [
        "missing-basis /members/2/deemedConsent/basis",
        "schema-invalid-type /members/2/deemedConsent/workingDays",
        "schema-invalid-value /members/2/deemedConsent/authority",
      ].sort(),
    );
  });

  it("refuses a material id two members would both take as their own", () => {
    const issues = issuesOf((f) => {
      f.materials = f.materials.filter((m: { id: string }) => m.id !== "OT-M02");
      f.materials.push({
        id: "GT-M02",
        title: { "zh-CN": "身份证明" },
        basis: [{ ref: "market-entity-regulation", articles: ["16"] }],
        serves: [{ member: "food-filing", material: "FD-M03" }],
      });
    });
    expect(codes(issues)).toEqual(["ambiguous-material /materials"]);
  });

  it("checks where the file is kept, and that versions do not overlap", () => {
    const misplaced = issuesOf(() => {}, "rules/one-things/other/2.0.0.json");
    expect(codes(misplaced)).toEqual(["misplaced-file /oneThing", "misplaced-file /version"]);
    const one = original();
    const two = { ...original(), version: "1.1.0", effective: { from: "2025-01-01" } };
    const { issues } = checkOneThingSources(
      [
        { file: FILE, text: JSON.stringify(one) },
        { file: FILE.replace("1.0.0", "1.1.0"), text: JSON.stringify(two) },
      ],
      matters,
      laws,
    );
    expect(codes(issues)).toEqual(["overlapping-versions /effective"]);
  });

  it("stops loading on a defective 一件事 file, through the rule loader", async () => {
    const value = original();
    value.mapping.data[0].to[0].path = "operatr";
    const sources = readSources(ruleFiles(new URL("rules", ROOT).pathname)).filter(
      (s) => !s.file.endsWith(FILE),
    );
    const { issues, rules } = await RuleSet.validate(
      [...sources, { file: FILE, text: JSON.stringify(value, null, 2) }],
      { sha256: nodeSha256 },
    );
    expect(rules).toBeUndefined();
    expect(codes(issues.filter((i) => i.severity === "error"))).toEqual([
      "unknown-path /mapping/data/0/to/0/path",
      "unfilled-required /mapping/data",
    ]);
  });
});
