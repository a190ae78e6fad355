// 告知承诺 guardrails (issue 11, class 7): the mechanism, on variants of the bundled 个体工商户
// rule file — settings a locality may choose (matter-wide exclusion, its own 核查 period), the
// located issues a defective setting gives, and the follow-up's note when the calendar cannot
// count its due date. The law's cases on the bundled settings are golden fixtures
// (fixtures/*/commitment-*.json).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createCalendar } from "../../src/entries/calendar.js";
import { RuleSet } from "../../src/index.js";
import { summary } from "../helpers.js";

const RULES = fileURLToPath(new URL("../../rules/", import.meta.url));
const GT = "matters/individual-business.establishment/1.0.0.json";
const FIXTURE = new URL(
  "../../fixtures/individual-business.establishment/premises-proof-by-commitment-approve.json",
  import.meta.url,
);

// biome-ignore lint/suspicious/noExplicitAny: tests reach into rule files and applications freely
type Json = any;

const sources = (edit?: (matter: Json) => void) =>
  readdirSync(RULES, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => {
      const text = readFileSync(join(RULES, file), "utf8");
      if (file !== GT || edit === undefined) return { file, text };
      const matter = JSON.parse(text);
      edit(matter);
      return { file, text: JSON.stringify(matter, null, 2) };
    });

/** The fixture's applicant: clean credit, premises proof by commitment, otherwise approvable. */
const application = (): Json => JSON.parse(readFileSync(FIXTURE, "utf8")).application;

const issuesOf = async (edit: (matter: Json) => void) =>
  (await RuleSet.validate(sources(edit))).issues
    .filter((i) => i.file.endsWith("1.0.0.json") && i.file.includes("individual-business"))
    .map((i) => ({ code: i.code, pointer: i.pointer }));

describe("a commitment relied on", () => {
  it("carries its 核查 follow-up: what, how, within how many working days, the consequences, all cited", async () => {
    const rules = await RuleSet.fromSources(sources());
    const decision = await rules.decide(application(), { replay: true });
    expect(decision.outcome).toBe("approve");
    const [followUp, ...others] = decision.followUps;
    expect(others).toEqual([]);
    expect(followUp).toMatchObject({
      kind: "verify-commitment",
      material: "GT-M03",
      workingDays: 60,
      due: "2025-09-22",
    });
    expect(followUp?.method).toContain("核查");
    expect(followUp?.basis?.map((c) => c.ref)).toContain("commitment-system-opinion");
    const consequences = followUp?.consequences ?? [];
    expect(consequences.some((c) => c.message.includes("撤销登记"))).toBe(true);
    expect(consequences.some((c) => c.message.includes("信用记录"))).toBe(true);
    for (const c of consequences) expect(c.basis.length).toBeGreaterThan(0);
  });

  it("counts the material's own follow-up period when it sets one, instead of the matter's", async () => {
    const rules = await RuleSet.fromSources(
      sources((m) => {
        m.materials.find((x: Json) => x.id === "GT-M03").followUp.workingDays = 20;
      }),
    );
    const decision = await rules.decide(application(), { replay: true });
    // 20 working days after Mon 2025-06-30: July 1–4, 7–11, 14–18, 21–25, 28 → Mon 2025-07-28.
    expect(decision.followUps[0]).toMatchObject({ workingDays: 20, due: "2025-07-28" });
  });

  it("has no due date but a note when the calendar does not cover the day it falls on", async () => {
    const bundled = JSON.parse(readFileSync(join(RULES, "calendars/cn-mainland.json"), "utf8"));
    const calendar = createCalendar({
      ...bundled,
      covers: { from: "2024-01-01", until: "2025-12-31" },
      years: bundled.years.filter((y: Json) => y.year <= 2025),
    });
    const rules = await RuleSet.fromSources(sources(), { calendar });
    const app = { ...application(), appliedOn: "2025-11-03" };
    const decision = await rules.decide(app, { replay: true });
    expect(decision.outcome).toBe("approve");
    expect(decision.followUps[0]?.due).toBeUndefined();
    expect(decision.followUps[0]?.note).toContain("2025-12-31");
    expect(decision.followUps[0]?.note).toContain("60");
    const en = await rules.decide(app, { locale: "en", replay: true });
    expect(en.followUps[0]?.note).toMatch(/outside the working-day calendar/);
  });
});

describe("a commitment that cannot be relied on", () => {
  it("falls back to a deferral the applicant also asked for (which never approves)", async () => {
    const rules = await RuleSet.fromSources(sources());
    const app = application();
    app.evidence.credit.seriousDishonesty = { recorded: true, repaired: false };
    app.materials.push({ id: "GT-M03", via: "deferred" });
    const decision = await rules.decide(app, { replay: true });
    expect(summary(decision)).toEqual({
      outcome: "refer",
      missing: [],
      referrals: ["material-deferred"],
    });
    expect(decision.followUps.map((f) => f.kind)).toEqual(["receive-deferred-material"]);
  });

  it("says why in the notice, and names the channels that remain, in the decision's locale", async () => {
    const rules = await RuleSet.fromSources(sources());
    const app = application();
    app.evidence.credit.falseCommitment = { recorded: true, repaired: false };
    const zh = await rules.decide(app, { replay: true });
    expect(zh.missing[0]?.message).toContain("信用修复前不适用告知承诺制");
    expect(zh.missing[0]?.message).toContain("上传");
    expect(zh.missing[0]?.basis.map((c) => c.ref)).toContain("commitment-system-opinion");
    const en = await rules.decide(app, { locale: "en", replay: true });
    expect(en.missing[0]?.message).toMatch(/commitment not available: .*credit repair.*upload/);
  });

  it("is refused for every material when the matter excludes commitment altogether", async () => {
    const rules = await RuleSet.fromSources(
      sources((m) => {
        m.commitment = {
          available: false,
          reason: { "zh-CN": "本地区本事项暂不实行告知承诺", en: "not offered here" },
          basis: [{ ref: "commitment-system-opinion", articles: ["第二部分"] }],
        };
      }),
    );
    const decision = await rules.decide(application(), { replay: true });
    expect(summary(decision)).toEqual({
      outcome: "incomplete",
      missing: ["GT-M03"],
      referrals: [],
    });
    expect(decision.missing[0]?.message).toContain("本地区本事项暂不实行告知承诺");
    expect(decision.missing[0]?.message).toContain("上传、共享数据调取");
    expect(decision.followUps).toEqual([]);
  });
});

describe("commitment settings in a rule file", () => {
  it("are required where a material accepts commitment", async () => {
    expect(await issuesOf((m) => delete m.commitment)).toContainEqual({
      code: "missing-commitment-settings",
      pointer: "/materials/2/satisfiedBy/2",
    });
  });

  it("require each committing material's 证明内容, and another channel beside commitment", async () => {
    const issues = await issuesOf((m) => {
      const material = m.materials.find((x: Json) => x.id === "GT-M03");
      delete material.commitment;
      material.satisfiedBy = ["commitment"];
    });
    expect(issues).toContainEqual({ code: "missing-commitment-content", pointer: "/materials/2" });
    expect(issues).toContainEqual({
      code: "commitment-only-channel",
      pointer: "/materials/2/satisfiedBy",
    });
  });

  it("refuse a credit guard that reads what the applicant declares", async () => {
    const issues = await issuesOf((m) => {
      m.commitment.eligibility.require.all[0] = {
        fact: "data",
        path: "operator.name",
        operator: "present",
      };
    });
    expect(issues).toContainEqual({
      code: "commitment-eligibility-not-evidence",
      pointer: "/commitment/eligibility/require/all/0/fact",
    });
  });

  it("refuse an undeclared referral code, an unknown evidence path and an unknown law", async () => {
    const issues = await issuesOf((m) => {
      m.commitment.eligibility.onUnknown = { outcome: "refer", code: "R-NOPE" };
      m.commitment.eligibility.require.all[1].any[0].path = "credit.falseCommitment.recordd";
      m.commitment.consequences[0].basis[0].ref = "no-such-law";
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        { code: "unknown-referral-code", pointer: "/commitment/eligibility/onUnknown/code" },
        { code: "unknown-path", pointer: "/commitment/eligibility/require/all/1/any/0/path" },
        { code: "unknown-law", pointer: "/commitment/consequences/0/basis/0/ref" },
      ]),
    );
  });

  it("refuse settings on a material that does not accept commitment", async () => {
    const issues = await issuesOf((m) => {
      m.materials[0].commitment = { content: { "zh-CN": "承诺", en: "commit" } };
    });
    expect(issues).toContainEqual({
      code: "commitment-not-accepted",
      pointer: "/materials/0/commitment",
    });
  });
});
