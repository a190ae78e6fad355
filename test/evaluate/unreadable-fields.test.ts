// A field that failed its input schema is removed before the conditions run (input-facts.ts):
// it is not known to be absent, it is unknown — for every operator, `present` and `absent`
// included. Read as absent, a malformed field gets its correction now and, once corrected, a
// second notice for what depends on its presence (a material, a standard): that breaks
// 一次性告知 (行政许可法第三十二条第一款第四项：一次告知申请人需要补正的全部内容;
// 市场主体登记管理条例第十九条).

import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EVALUATOR_KINDS, type EvaluatorKind } from "../../src/evaluate/condition-evaluator.js";
import { type Decision, loadRules, type RuleSet } from "../../src/index.js";
import { approvable, summary } from "../helpers.js";

const ruleSets = new Map<EvaluatorKind, Promise<RuleSet>>();
function rules(engine: EvaluatorKind): Promise<RuleSet> {
  let loaded = ruleSets.get(engine);
  if (loaded === undefined) {
    loaded = loadRules(undefined, { evaluator: engine });
    ruleSets.set(engine, loaded);
  }
  return loaded;
}

/** A valid agent for the sample application (委托代理人), verified and authorised. */
const AGENT = { name: "王小明", document: { type: "resident-id", number: "440305199003070014" } };

describe.each(EVALUATOR_KINDS)("a field that failed its schema, with %s", (engine) => {
  it("is unknown to `present`: what depends on its presence is asked for now, if applicable", async () => {
    const app = approvable();
    app.data.agent = "王小明"; // not an object: malformed
    const first = await (await rules(engine)).decide(app, { replay: true });
    // The agent's letter of authorisation (GT-M04, requiredWhen `agent present`) is in the same
    // notice as the malformed field, marked "if applicable": not "not required".
    expect(first.materials.find((m) => m.id === "GT-M04")?.status).toBe("missing");
    expect(first.missing.find((m) => m.id === "GT-M04")).toMatchObject({ conditional: true });
    expect(first.missing.find((m) => m.id === "agent")?.conditional).toBeUndefined();
    expect(first.outcome).toBe("incomplete");

    // The applicant corrects the field: nothing new is asked of them (一次性告知).
    app.data.agent = AGENT;
    const second = await (await rules(engine)).decide(app, { replay: true });
    const asked = new Set(first.missing.map((m) => m.id));
    expect(second.missing.map((m) => m.id).filter((id) => !asked.has(id))).toEqual([]);
    expect(summary(second).missing).toContain("GT-M04");
  });

  it("is unknown to `absent` too: a standard that requires its absence does not pass", async () => {
    const app = approvable();
    app.data.otherPremises = "另有一处"; // malformed (an array is expected)
    const decision = await (await rules(engine)).decide(app, { replay: true });
    // GT-C09-single-premises requires `otherPremises absent`: neither pass nor fail on a value
    // that could not be read; the field itself is what the notice asks to correct.
    expect(decision.checks.find((c) => c.id === "GT-C09-single-premises")?.status).toBe("unknown");
    expect(summary(decision)).toEqual({
      outcome: "incomplete",
      missing: ["otherPremises"],
      referrals: [],
    });
  });

  it("is unknown below it as well: a path read inside a removed value", async () => {
    const app = approvable();
    app.data.premises = "南山大道1号"; // malformed: premises.address and premises.platform with it
    const decision = await (await rules(engine)).decide(app, { replay: true });
    // GT-C08-address-given requires `premises.address present`.
    expect(decision.checks.find((c) => c.id === "GT-C08-address-given")?.status).toBe("unknown");
    expect(decision.missing.map((m) => m.id)).toContain("premises");
    expect(decision.missing.map((m) => m.id)).not.toContain("GT-C08-address-given");
  });

  it("in evidence, is unknown to `present` and `absent`: a person decides, never 'absent'", async () => {
    const app = approvable();
    app.data.familyMembers = [
      {
        name: "李明",
        document: { type: "resident-id", number: "440305198001010013" },
        relationship: "spouse",
      },
    ];
    app.data.organization = "family";
    app.materials = app.materials.filter((m: { id: string }) => m.id !== "GT-M06");
    // The calling system's answer on the family relationship is malformed (a string).
    app.evidence.family = { relationshipVerified: "yes" };
    const decision = await (await rules(engine)).decide(app, { replay: true });
    // GT-M06 is required when the relationship is not verified (`absent` or false): the answer
    // could not be read, so it is neither "not required" nor certainly required (the applicant
    // would be asked for a material the shared data may already prove): a person decides.
    expect(decision.materials.find((m) => m.id === "GT-M06")?.status).toBe("undetermined");
    expect(decision.missing.map((m) => m.id)).not.toContain("GT-M06");
    expect(decision.outcome).toBe("refer");
  });
});

/** A value of another type than the schema's: certain to fail it. */
function malformed(schema: { type?: unknown } | undefined): unknown {
  const type = Array.isArray(schema?.type) ? schema?.type[0] : schema?.type;
  if (type === "object" || type === "array") return "malformed";
  if (type === "string") return 12345;
  return { malformed: true };
}

/** Whether a condition reads `field` of data (or a derived fact computed from it). */
function reads(condition: unknown, field: string, derivedFrom: ReadonlySet<string>): boolean {
  const text = JSON.stringify(condition);
  const under = (path: string) => path === field || path.startsWith(`${field}.`);
  const paths = [...text.matchAll(/"fact":"(data|derived)","path":"([^"]*)"/g)];
  return paths.some(([, fact, path = ""]) =>
    fact === "data" ? under(path) : derivedFrom.has(path.split(".")[0] as string),
  );
}

describe("一次性告知 on every fixture: making one field malformed", () => {
  it("asks now for everything the correct value would ask for, but what judges that value", async () => {
    const rules = await loadRules();
    const root = new URL("../../fixtures/", import.meta.url);
    let compared = 0;
    const misses: string[] = [];
    for (const matterDir of readdirSync(root)) {
      for (const file of readdirSync(new URL(`${matterDir}/`, root))) {
        if (!file.endsWith(".json")) continue;
        const { application } = JSON.parse(
          readFileSync(new URL(`${matterDir}/${file}`, root), "utf8"),
        );
        let good: Decision;
        try {
          good = await rules.decide(application, { replay: true });
        } catch {
          continue; // an envelope refused: no notice to compare
        }
        const matter = rules.versionInForce(application.matter, application.appliedOn);
        if (matter === undefined) continue;
        const schemas = (matter.file.input.data as { properties?: Record<string, object> })
          .properties;
        for (const field of Object.keys(application.data ?? {})) {
          const app = structuredClone(application);
          app.data[field] = malformed(schemas?.[field]);
          const bad = await rules.decide(app, { replay: true });
          if (!bad.missing.some((m) => m.id === field && m.kind === "field")) continue;
          compared++;
          // The derived facts computed from the field: by their input or a further input (`with`).
          const derivedFrom = new Set<string>();
          for (let grew = true; grew; ) {
            grew = false;
            for (const [id, d] of Object.entries(matter.file.derived)) {
              const inputs = [d.input, ...Object.values(d.with ?? {})];
              if (!derivedFrom.has(id) && reads(inputs, field, derivedFrom)) {
                derivedFrom.add(id);
                grew = true;
              }
            }
          }
          const judges = new Set(
            matter.file.standards
              .filter((s) => reads(s.require, field, derivedFrom))
              .map((s) => s.id),
          );
          const asked = new Set(bad.missing.map((m) => m.id));
          for (const item of good.missing) {
            if (asked.has(item.id) || judges.has(item.id)) continue;
            if (item.id === field || item.id.startsWith(`${field}.`)) continue;
            misses.push(`${matterDir}/${file}: ${field} malformed, then ${item.id}`);
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
    expect(misses).toEqual([]);
  }, 300_000);
});
