import { describe, expect, it } from "vitest";
import { RuleSet } from "../../src/index.js";
import { summary } from "../helpers.js";

const laws = {
  catalog: "laws",
  title: { "zh-CN": "法律", en: "Laws" },
  entries: [{ id: "reg", title: { "zh-CN": "某条例", en: "A regulation" } }],
};
const basis = [{ ref: "reg", articles: ["1"] }];
const text = (zh: string) => ({ "zh-CN": zh, en: zh });

/** A one-standard matter whose only material is needed when evidence says so. */
const matter = {
  matter: "test.matter",
  version: "1.0.0",
  effective: { from: "2025-01-01" },
  title: text("测试事项"),
  basis,
  dataBasis: basis,
  timeLimit: { statutory: { onTheSpot: true, workingDays: 3 }, basis },
  fee: { amount: 0, currency: "CNY", basis },
  input: {
    data: { type: "object", properties: { name: { type: "string" } }, required: ["name"] },
    evidence: {
      type: "object",
      properties: { registry: { type: "object", properties: { found: { type: "boolean" } } } },
    },
  },
  referrals: [{ code: "R-DATA", title: text("数据不可用"), basis }],
  unknownEvidenceReferral: "R-DATA",
  standards: [
    {
      id: "S-1",
      title: text("有名称"),
      basis,
      require: { fact: "data", path: "name", operator: "present" },
      onFail: { outcome: "correct", field: "name" },
      message: text("请填写名称"),
    },
  ],
  materials: [
    {
      id: "M-1",
      title: text("证明"),
      basis,
      requiredWhen: { fact: "evidence", path: "registry.found", operator: "equal", value: false },
      satisfiedBy: ["upload"],
    },
  ],
};

const rules = RuleSet.fromSources([
  { file: "catalogs/laws.json", text: JSON.stringify(laws) },
  { file: "matters/test.matter/1.0.0.json", text: JSON.stringify(matter) },
]);
const decide = async (evidence: object, materials: object[]) =>
  summary(
    await (await rules).decide(
      {
        matter: "test.matter",
        appliedOn: "2025-06-30",
        data: { name: "x" },
        evidence,
        materials,
      },
      { replay: true },
    ),
  );

describe("a material required only when evidence says so", () => {
  it("is required when the evidence says so, and not otherwise", async () => {
    expect(await decide({ registry: { found: false } }, [])).toEqual({
      outcome: "incomplete",
      missing: ["M-1"],
      referrals: [],
    });
    expect(await decide({ registry: { found: true } }, [])).toEqual({
      outcome: "approve",
      missing: [],
      referrals: [],
    });
  });

  it("refers when the evidence is missing and the material was not supplied", async () => {
    expect(await decide({}, [])).toEqual({ outcome: "refer", missing: [], referrals: ["R-DATA"] });
  });

  it("needs no referral when the evidence is missing but the material was supplied anyway", async () => {
    expect(await decide({}, [{ id: "M-1", via: "upload" }])).toEqual({
      outcome: "approve",
      missing: [],
      referrals: [],
    });
  });
});
