// A field that failed its input schema is removed before the conditions run (input-facts.ts):
// it is not known to be absent, it is unknown — for every operator, `present` and `absent`
// included. Read as absent, a malformed field gets its correction now and, once corrected, a
// second notice for what depends on its presence (a material, a standard): that breaks
// 一次性告知 (《优化营商环境条例》第三十五条：一次性告知需要补正的全部内容).

import { describe, expect, it } from "vitest";
import { ENGINE_KINDS, type EngineKind } from "../../src/evaluate/rule-engine.js";
import { loadRules, type RuleSet } from "../../src/index.js";
import { approvable, summary } from "../helpers.js";

const ruleSets = new Map<EngineKind, Promise<RuleSet>>();
function rules(engine: EngineKind): Promise<RuleSet> {
  let loaded = ruleSets.get(engine);
  if (loaded === undefined) {
    loaded = loadRules(undefined, { engine });
    ruleSets.set(engine, loaded);
  }
  return loaded;
}

/** A valid agent for the sample application (委托代理人), verified and authorised. */
const AGENT = { name: "王小明", document: { type: "resident-id", number: "440305199003070014" } };

describe.each(ENGINE_KINDS)("a field that failed its schema, with %s", (engine) => {
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
