import { afterEach, describe, expect, it, vi } from "vitest";
import { ConditionEvaluator } from "../../src/evaluate/condition-evaluator.js";
import { identityDocument } from "../../src/evaluate/derived/identity-document.js";
import { ApplicationError, type Decision } from "../../src/index.js";
import { approvable, bundledRules, summary } from "../helpers.js";

afterEach(() => vi.restoreAllMocks());

const withoutClock = (d: Decision) => ({ ...d, record: { ...d.record, decidedAt: "" } });

describe("decide", () => {
  it("approves an application that meets every standard with every material (TC-A02)", async () => {
    const decision = await (await bundledRules()).decide(approvable(), { replay: true });
    expect(summary(decision)).toEqual({ outcome: "approve", missing: [], referrals: [] });
    expect(decision.checks.every((c) => c.status === "pass" || c.status === "not-applicable")).toBe(
      true,
    );
    expect(decision.timeLimit).toEqual({
      acceptedOn: "2025-06-30",
      onTheSpot: true,
      statutoryDue: "2025-06-30",
      calendar: { id: "cn-mainland", revision: expect.any(String) },
    });
  });

  it("lists every missing material and field in one notice, never only the first", async () => {
    const app = approvable();
    app.materials = [{ id: "GT-M02", via: "shared" }];
    delete app.data.operator.residence;
    delete app.data.liaison;
    const decision = await (await bundledRules()).decide(app, { replay: true });
    expect(summary(decision)).toEqual({
      outcome: "incomplete",
      missing: ["GT-M01", "GT-M03", "liaison", "operator.residence"],
      referrals: [],
    });
    for (const item of decision.missing) expect(item.basis.length).toBeGreaterThan(0);
  });

  it("asks the applicant for data a standard needs, instead of treating it as false", async () => {
    const app = approvable();
    delete app.data.organization;
    const decision = await (await bundledRules()).decide(app, { replay: true });
    // Family members are asked for too, conditionally: they are needed if the form is 家庭经营.
    expect(summary(decision)).toEqual({
      outcome: "incomplete",
      missing: ["familyMembers", "organization"],
      referrals: [],
    });
    expect(decision.missing.find((m) => m.id === "familyMembers")).toMatchObject({
      conditional: true,
    });
    expect(decision.missing.find((m) => m.id === "organization")?.conditional).toBeUndefined();
    expect(decision.checks.find((c) => c.id === "GT-C06-organization")?.status).toBe("unknown");
  });

  it("lists, as conditional, what is needed if the missing data turns out to require it (一次性告知)", async () => {
    const app = approvable();
    delete app.data.premises.online;
    delete app.data.premises.address;
    app.materials = app.materials.filter((m: { id: string }) => m.id !== "GT-M03");
    const decision = await (await bundledRules()).decide(app, { replay: true });
    expect(summary(decision)).toEqual({
      outcome: "incomplete",
      missing: [
        "GT-C08-address-given",
        "GT-C09-online-platform-named",
        "GT-M03",
        "GT-M08",
        "premises.online",
      ],
      referrals: [],
    });
    const conditional = decision.missing
      .filter((m) => m.conditional)
      .map((m) => m.id)
      .sort();
    expect(conditional).toEqual([
      "GT-C08-address-given",
      "GT-C09-online-platform-named",
      "GT-M03",
      "GT-M08",
    ]);
    expect(decision.missing.find((m) => m.id === "GT-M03")?.message).toMatch(/^如适用：/);
  });

  it("refers to a person when evidence the calling system should supply is missing", async () => {
    const app = approvable();
    delete app.evidence.screening;
    const decision = await (await bundledRules()).decide(app, { replay: true });
    // Not R-BAN-3Y or R-RISK: nothing has shown those facts; the data is simply not there.
    expect(summary(decision)).toEqual({
      outcome: "refer",
      missing: [],
      referrals: ["R-DATA-UNAVAILABLE"],
    });
    expect(decision.referrals.map((r) => r.standard).sort()).toEqual([
      "GT-C05-not-prohibited",
      "GT-C13-no-false-registration-ban",
      "GT-C14-no-risk",
    ]);
  });

  it("treats a value of the wrong type as malformed, not as a value to compare", async () => {
    const app = approvable();
    app.data.premises.online = "no";
    const decision = await (await bundledRules()).decide(app, { replay: true });
    expect(decision.outcome).not.toBe("approve");
    expect(decision.missing.find((m) => m.id === "premises.online")?.message).toContain(
      "premises.online",
    );
  });

  it("keeps the complete missing list when it refers", async () => {
    const app = approvable();
    app.evidence.realName.operator.passed = false;
    app.materials = app.materials.filter((m: { id: string }) => m.id !== "GT-M01");
    const decision = await (await bundledRules()).decide(app, { replay: true });
    expect(summary(decision)).toEqual({
      outcome: "refer",
      missing: ["GT-M01"],
      referrals: ["R-ID-FAIL"],
    });
    expect(decision.timeLimit).toMatchObject({
      onTheSpot: false,
      statutoryDue: "2025-07-03",
      statutoryDueExtended: "2025-07-08",
    });
  });

  it("accepts a commitment in place of premises documents and leaves a follow-up check", async () => {
    const app = approvable();
    app.materials[2] = { id: "GT-M03", via: "commitment" };
    // 国办发〔2020〕42号: only an applicant whose verified credit allows it may rely on a commitment.
    const clean = { recorded: false };
    app.evidence.credit = {
      seriousDishonesty: clean,
      falseCommitment: clean,
      unfulfilledCommitment: clean,
    };
    const decision = await (await bundledRules()).decide(app, { replay: true });
    expect(decision.outcome).toBe("approve");
    expect(decision.materials.find((m) => m.id === "GT-M03")).toEqual({
      id: "GT-M03",
      status: "committed",
      via: "commitment",
    });
    expect(decision.followUps).toMatchObject([
      { kind: "verify-commitment", material: "GT-M03", workingDays: 60, due: "2025-09-22" },
    ]);
  });

  it("does not rely on a commitment when the applicant's credit status is not known", async () => {
    const app = approvable();
    app.materials[2] = { id: "GT-M03", via: "commitment" };
    const decision = await (await bundledRules()).decide(app, { replay: true });
    expect(summary(decision)).toEqual({
      outcome: "incomplete",
      missing: ["GT-M03"],
      referrals: [],
    });
    expect(decision.followUps).toEqual([]);
  });

  it("accepts a deferred material but does not approve the case before it arrives", async () => {
    const app = approvable();
    app.materials[2] = { id: "GT-M03", via: "deferred" };
    const decision = await (await bundledRules()).decide(app, { replay: true });
    expect(summary(decision)).toEqual({
      outcome: "refer",
      missing: [],
      referrals: ["material-deferred"],
    });
    expect(decision.followUps).toMatchObject([
      { kind: "receive-deferred-material", material: "GT-M03" },
    ]);
  });

  it("does not accept a material through a channel the rule file does not allow", async () => {
    const app = approvable();
    app.materials[0] = { id: "GT-M01", via: "commitment" };
    const decision = await (await bundledRules()).decide(app, { replay: true });
    expect(summary(decision)).toEqual({
      outcome: "incomplete",
      missing: ["GT-M01"],
      referrals: [],
    });
  });

  it("writes messages and citations in English when asked", async () => {
    const app = approvable();
    app.materials = [];
    const decision = await (await bundledRules()).decide(app, { replay: true, locale: "en" });
    expect(decision.locale).toBe("en");
    expect(decision.missing[0]?.message).toMatch(/^Please submit: /);
    expect(decision.missing[0]?.basis[0]?.law).toBe(
      "Regulation on the Registration of Market Entities",
    );
  });

  it("gives byte-identical decisions for the same input, apart from decidedAt", async () => {
    const rules = await bundledRules();
    const a = await rules.decide(approvable(), {
      replay: true,
      now: new Date("2025-06-30T01:00:00Z"),
    });
    const b = await rules.decide(approvable(), {
      replay: true,
      now: new Date("2025-06-30T02:00:00Z"),
    });
    expect(JSON.stringify(withoutClock(a))).toBe(JSON.stringify(withoutClock(b)));
  });

  it("records the hash of the canonical input, whatever the order of its keys", async () => {
    const rules = await bundledRules();
    const app = approvable();
    const reordered = Object.fromEntries(Object.entries(app).reverse());
    const a = await rules.decide(app, { replay: true });
    const b = await rules.decide(reordered, { replay: true });
    expect(a.record.inputSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(b.record.inputSha256).toBe(a.record.inputSha256);
    expect(a.record.rulesSha256).toBe(a.matter.sha256);
    app.data.operator.name = "李丽";
    expect((await rules.decide(app, { replay: true })).record.inputSha256).not.toBe(
      a.record.inputSha256,
    );
  });

  it("gives 64 overlapping decisions exactly the results of 64 sequential ones", async () => {
    const rules = await bundledRules();
    const variants = Array.from({ length: 64 }, (_, i) => {
      const app = approvable();
      if (i % 4 === 1) app.materials = app.materials.slice(1);
      if (i % 4 === 2) app.data.operator.document.number = "370784200707010022";
      if (i % 4 === 3) app.evidence.premises.countyCode = "440304";
      if (i % 8 === 5) app.data.name = "中国丽华便利店";
      return app;
    });
    const sequential: unknown[] = [];
    for (const app of variants)
      sequential.push(withoutClock(await rules.decide(app, { replay: true })));
    const overlapping = (
      await Promise.all(variants.map((app) => rules.decide(app, { replay: true })))
    ).map(withoutClock);
    expect(overlapping).toEqual(sequential);
    expect(new Set(overlapping.map((d) => (d as Decision).outcome))).toEqual(
      new Set(["approve", "incomplete", "refer"]),
    );
  });

  it("refers with internal-error when a derived fact throws, and still reports the other checks", async () => {
    vi.spyOn(identityDocument, "compute").mockImplementation(() => {
      throw new Error("validator crashed");
    });
    const decision = await (await bundledRules()).decide(approvable(), { replay: true });
    expect(decision.outcome).toBe("refer");
    expect(decision.referrals.map((r) => r.code)).toContain("internal-error");
    expect(decision.checks.find((c) => c.id === "GT-C04-real-name")?.status).toBe("pass");
  });

  it("refers with internal-error when the rule engine fails, never approves", async () => {
    vi.spyOn(ConditionEvaluator.prototype, "run").mockRejectedValue(new Error("engine down"));
    const decision = await (await bundledRules()).decide(approvable(), { replay: true });
    expect(decision.outcome).toBe("refer");
    expect(decision.referrals.map((r) => r.code)).toEqual(["internal-error"]);
    expect(decision.checks.every((c) => c.status === "unknown")).toBe(true);
  });
});

describe("decide on applications it cannot decide", () => {
  it("lists every problem of a malformed envelope", async () => {
    const error = await (await bundledRules())
      .decide({ matter: 7, appliedOn: "2025-02-30", data: [] }, { replay: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationError);
    expect((error as ApplicationError).problems.map((p) => p.pointer).sort()).toEqual([
      "/appliedOn",
      "/data",
      "/matter",
    ]);
  });

  it("names the loaded matters when the matter is unknown", async () => {
    const error = await (await bundledRules())
      .decide({ ...approvable(), matter: "no-such.matter" }, { replay: true })
      .catch((e: unknown) => e);
    expect((error as ApplicationError).message).toContain("individual-business.establishment");
  });

  it("names the versions when the application predates them all", async () => {
    const error = await (await bundledRules())
      .decide({ ...approvable(), appliedOn: "2022-10-31" }, { replay: true })
      .catch((e: unknown) => e);
    expect((error as ApplicationError).problems[0]).toMatchObject({ code: "no-version-in-force" });
    expect((error as ApplicationError).message).toContain("1.0.0 (2022-11-01");
  });

  it("refuses prototype keys in an application, naming where they are, without polluting anything", async () => {
    const app = JSON.parse(
      JSON.stringify(approvable()).replace('"data":{', '"data":{"__proto__":{"isAdmin":true},'),
    );
    const error = await (await bundledRules())
      .decide(app, { replay: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationError);
    expect((error as ApplicationError).problems).toEqual([
      {
        code: "invalid-envelope",
        message: 'the key "__proto__" is not allowed',
        pointer: "/data/__proto__",
      },
    ]);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});
