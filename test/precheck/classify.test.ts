import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { localize, MESSAGES } from "../../src/evaluate/messages.js";
import type { Decision } from "../../src/model/decision.js";
import type { MatterFile } from "../../src/model/matter.js";
import { classify } from "../../src/precheck/page/classify.js";
import { approvable, bundledRules, ROOT } from "../helpers.js";

// The page decides with no evidence (its provider has nothing to say on any item): what only the
// receiving system can verify must show as "to be verified on submission", anything else that
// refers as a reason for a clerk — never as "ready to submit".

const NO_EVIDENCE = (): undefined => undefined;

async function decideOnPage(
  application: Record<string, unknown>,
  locale: "zh-CN" | "en" = "zh-CN",
) {
  const rules = await bundledRules();
  const { evidence: _dropped, ...withoutEvidence } = application;
  const decision = await rules.decide(withoutEvidence, {
    locale,
    evidence: NO_EVIDENCE,
    replay: true,
  });
  const matter = rules.versionInForce(decision.matter.id, decision.appliedOn);
  if (matter === undefined) throw new Error("no version in force");
  return { decision, matter: matter.file };
}

describe("the pre-check page's reading of a decision without evidence", () => {
  it("an approvable application is ready to submit, its evidence checks to be verified on submission", async () => {
    for (const locale of ["zh-CN", "en"] as const) {
      const { decision, matter } = await decideOnPage(approvable(), locale);
      // Without evidence the library refers (it never approves what it could not verify)…
      expect(decision.outcome).toBe("refer");
      const view = classify(decision, matter, locale);
      // …and every one of those referrals is evidence the page cannot have.
      expect(view.status).toBe("ready");
      expect(view.clerk).toEqual([]);
      expect(view.missing).toEqual([]);
      const titles = view.pending.map((p) => p.title);
      // The operator's real-name check (GT-C04, 市场主体登记管理条例实施细则 art 16).
      const realName = matter.standards.find((s) => s.id === "GT-C04-real-name");
      expect(titles).toContain(localize(realName?.title ?? { "zh-CN": "?" }, locale));
      for (const referral of decision.referrals) {
        expect(referral.code).toBe(
          matter.standards.find((s) => s.id === referral.standard)?.onUnknownEvidence ??
            matter.unknownEvidenceReferral,
        );
      }
    }
  });

  it("a referral on the applicant's own data is a clerk's, never ready (a foreign passport, R-FOREIGN)", async () => {
    const application = approvable();
    application.data.operator.document = { type: "foreign-passport", number: "E12345678" };
    const { decision, matter } = await decideOnPage(application);
    const view = classify(decision, matter, "zh-CN");
    expect(view.status).toBe("clerk");
    expect(view.clerk.map((r) => r.code)).toContain("R-FOREIGN");
  });

  it("the unknown-evidence code with any other message (data the library could not decide on) is a clerk's", async () => {
    const { decision, matter } = await decideOnPage(approvable());
    const first = decision.referrals[0];
    if (first === undefined || first.standard === undefined) throw new Error("expected a referral");
    const standard = matter.standards.find((s) => s.id === first.standard);
    const undetermined: Decision = {
      ...decision,
      referrals: [
        {
          ...first,
          message: localize(
            MESSAGES.undetermined({ title: localize(standard?.title ?? { "zh-CN": "" }, "zh-CN") }),
            "zh-CN",
          ),
        },
        ...decision.referrals.slice(1),
      ],
    };
    const view = classify(undetermined, matter, "zh-CN");
    expect(view.status).toBe("clerk");
    expect(view.clerk).toHaveLength(1);
  });

  it("a referral with the evidence message but for a check that did not come out unknown is a clerk's", async () => {
    const { decision, matter } = await decideOnPage(approvable());
    const first = decision.referrals[0];
    if (first === undefined) throw new Error("expected a referral");
    const passed: Decision = {
      ...decision,
      checks: decision.checks.map((c) =>
        c.id === first.standard ? { ...c, status: "fail" as const } : c,
      ),
    };
    expect(classify(passed, matter, "zh-CN").status).toBe("clerk");
  });

  it("an internal error is a clerk's", async () => {
    const { decision, matter } = await decideOnPage(approvable());
    const broken: Decision = {
      ...decision,
      referrals: [...decision.referrals, { code: "internal-error", message: "boom", basis: [] }],
    };
    expect(classify(broken, matter, "zh-CN").status).toBe("clerk");
  });

  it("a missing signed application form is listed, not ready (GT-M01)", async () => {
    const application = approvable();
    application.materials = application.materials.filter((m: { id: string }) => m.id !== "GT-M01");
    const { decision, matter } = await decideOnPage(application);
    const view = classify(decision, matter, "zh-CN");
    expect(view.status).toBe("incomplete");
    expect(view.missing.map((m) => m.id)).toEqual(["GT-M01"]);
  });
});

type Fixture = {
  name: string;
  application: Record<string, unknown>;
  expected: { outcome: string };
};

/** Every golden fixture of every matter (reasoned from the law, fixtures/<matter>/*.json). */
function fixtures(): Fixture[] {
  const root = join(ROOT, "fixtures");
  return readdirSync(root).flatMap((matter) =>
    readdirSync(join(root, matter))
      .filter((f) => f.endsWith(".json"))
      .map((f) => ({
        name: `${matter}/${f}`,
        ...JSON.parse(readFileSync(join(root, matter, f), "utf8")),
      })),
  );
}

/** The facts a condition reads, derived facts traced to their inputs. */
function factsRead(condition: unknown, matter: MatterFile, into = new Set<string>()): Set<string> {
  if (Array.isArray(condition)) {
    for (const c of condition) factsRead(c, matter, into);
  } else if (condition !== null && typeof condition === "object") {
    const node = condition as Record<string, unknown>;
    if (typeof node.fact === "string" && typeof node.path === "string") {
      if (node.fact !== "derived") into.add(node.fact);
      else {
        const spec = matter.derived[node.path.split(".")[0] ?? ""];
        if (spec === undefined) into.add("derived");
        else factsRead([spec.input, ...Object.values(spec.with ?? {})], matter, into);
      }
    } else {
      for (const value of Object.values(node)) factsRead(value, matter, into);
    }
  }
  return into;
}

describe("the page on every golden fixture, without its evidence", () => {
  it("never sends an approvable application to a clerk; it is ready unless a material's need turns on evidence", async () => {
    let ready = 0;
    for (const fixture of fixtures().filter((f) => f.expected.outcome === "approve")) {
      const { decision, matter } = await decideOnPage(fixture.application);
      const view = classify(decision, matter, "zh-CN");
      expect(view.clerk, fixture.name).toEqual([]);
      if (view.status === "ready") ready++;
      for (const item of view.missing) {
        // GT-M06: the family relationship proof is needed unless shared data verified it.
        const material = matter.materials.find((m) => m.id === item.id);
        expect(item.kind, fixture.name).toBe("material");
        expect(factsRead(material?.requiredWhen, matter).has("evidence"), fixture.name).toBe(true);
      }
    }
    expect(ready).toBeGreaterThan(30);
  });

  it("sends every referral on the applicant's own data to a clerk, never ready", async () => {
    const rules = await bundledRules();
    let seen = 0;
    for (const fixture of fixtures().filter((f) => f.expected.outcome === "refer")) {
      let full: Decision;
      try {
        full = await rules.decide(fixture.application, { replay: true });
      } catch {
        continue; // refused outright (its dates): no decision to compare
      }
      const matter = rules.versionInForce(full.matter.id, full.appliedOn)?.file;
      if (matter === undefined) continue;
      // Referrals of standards that read the applicant's data only: evidence cannot change them.
      const onData = full.referrals.filter((r) => {
        const standard = matter.standards.find((s) => s.id === r.standard);
        if (standard === undefined) return false;
        const facts = factsRead([standard.when, standard.require], matter);
        return facts.size > 0 && [...facts].every((f) => f === "data");
      });
      if (onData.length === 0) continue;
      seen++;
      const { decision } = await decideOnPage(fixture.application);
      const view = classify(decision, matter, "zh-CN");
      expect(view.status, fixture.name).toBe("clerk");
      for (const r of onData) {
        expect(
          view.clerk.some((c) => c.code === r.code && c.standard === r.standard),
          `${fixture.name}: ${r.code}`,
        ).toBe(true);
      }
    }
    // R-FOREIGN, R-HMT, the age referrals… of the three matters.
    expect(seen).toBeGreaterThan(10);
  });
});
