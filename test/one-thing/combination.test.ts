import { describe, expect, it } from "vitest";
import { ApplicationError } from "../../src/evaluate/application-error.js";
import { type CombinedDecision, CombinedDecisionSchema } from "../../src/model/one-thing.js";
import { decideOneThing, oneThingsOf } from "../../src/one-thing/decide-one-thing.js";
import { formPaths } from "../../src/one-thing/map-application.js";
import type { RuleSet } from "../../src/rule-set/rule-set.js";
import { bundledRules } from "../helpers.js";
import { oneThingFixtures, readJson } from "./support.js";

const REPLAY = { now: new Date(0), replay: true } as const;

// biome-ignore lint/suspicious/noExplicitAny: tests reach into applications freely to mutate them
type Json = any;

const baselines = oneThingFixtures
  .filter((c) => c.file === "baseline-approve.json")
  .map((c) => (readJson(c.url) as { application: Json }).application);

/** A small deterministic PRNG (mulberry32), so a failing case can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every leaf path of a JSON value (objects only; arrays are leaves). */
function leaves(value: Json, prefix = ""): string[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [prefix];
  return Object.keys(value).flatMap((k) => leaves(value[k], prefix ? `${prefix}.${k}` : k));
}

function removeAt(root: Json, path: string): void {
  const parts = path.split(".");
  let node = root;
  for (const p of parts.slice(0, -1)) node = node[p];
  delete node[parts.at(-1) as string];
}

function setAt(root: Json, path: string, value: unknown): void {
  const parts = path.split(".");
  let node = root;
  for (const p of parts.slice(0, -1)) node = node[p];
  node[parts.at(-1) as string] = value;
}

/** Applications made from the baselines by dropping, flipping and replacing parts of them. */
function mutants(count: number, seed: number): Json[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const out: Json[] = [];
  for (let i = 0; i < count; i++) {
    const app = structuredClone(pick(baselines));
    const changes = 1 + Math.floor(next() * 3);
    for (let c = 0; c < changes; c++) {
      const part = pick(["data", "evidence", "materials"] as const);
      if (part === "materials") {
        app.materials = app.materials.filter(() => next() < 0.6);
        if (next() < 0.3)
          app.materials.push({ id: pick(["OT-M01", "OT-M02", "FD-M01"]), via: "upload" });
        continue;
      }
      const paths = leaves(app[part]).filter((p) => p !== "");
      if (paths.length === 0) continue;
      const path = pick(paths);
      const value = path.split(".").reduce((n: Json, k) => n?.[k], app[part]);
      if (typeof value === "boolean" && next() < 0.7) setAt(app[part], path, !value);
      else if (next() < 0.5) removeAt(app[part], path);
      else setAt(app[part], path, pick(["", "X", 7, [], "440304", "bulk-food"]));
    }
    out.push(app);
  }
  return out;
}

async function decide(rules: RuleSet, application: Json): Promise<CombinedDecision | undefined> {
  try {
    return await decideOneThing(rules, application, REPLAY);
  } catch (error) {
    if (error instanceof ApplicationError) return undefined;
    throw error;
  }
}

/** The invariants every combined decision keeps, whatever the application. */
function checkInvariants(rules: RuleSet, decision: CombinedDecision): void {
  expect(CombinedDecisionSchema.safeParse(decision).success).toBe(true);
  const rulesMembers = decision.members.filter((m) => m.decidedBy === "rules");
  // Never approved when a member must not be.
  if (decision.outcome === "approve" || decision.outcome === "pending") {
    for (const m of rulesMembers) {
      expect(m.outcome).toBe("approve");
      expect(m.decision?.outcome).toBe("approve");
    }
    expect(decision.missing).toEqual([]);
    expect(decision.referrals).toEqual([]);
  }
  // Any member referring refers the whole, naming the member.
  for (const m of rulesMembers) {
    if (m.outcome === "refer") {
      expect(decision.outcome).toBe("refer");
      for (const r of m.decision?.referrals ?? []) {
        expect(decision.referrals).toContainEqual(
          expect.objectContaining({ member: m.key, code: r.code, message: r.message }),
        );
      }
    }
    if (m.outcome === "incomplete") expect(["incomplete", "refer"]).toContain(decision.outcome);
  }
  // One notice: nothing asked twice — no id twice, no field asked beside a whole that holds it.
  const ids = decision.missing.map((m) => m.id);
  expect(new Set(ids).size).toBe(ids.length);
  const fields = decision.missing.filter((m) => m.kind === "field" && m.conditional !== true);
  for (const item of decision.missing) {
    if (item.kind === "material") continue;
    expect(fields.some((f) => f !== item && item.id.startsWith(`${f.id}.`))).toBe(false);
  }
  // …and nothing a member asks is lost: each member item is in the one notice, or (a field
  // the form does not collect) a referral naming the member.
  const file = oneThingsOf(rules).versionInForce(decision.oneThing.id, decision.appliedOn)?.file;
  for (const m of rulesMembers) {
    for (const item of m.decision?.missing ?? []) {
      if (item.kind === "material") {
        const shared = file?.materials.find((s) =>
          s.serves.some((x) => x.member === m.key && x.material === item.id),
        );
        expect(ids).toContain(shared?.id ?? item.id);
        continue;
      }
      const forms = file ? formPaths(file, m.key, item.field ?? item.id) : [];
      if (forms.length === 0) {
        expect(decision.referrals.some((r) => r.member === m.key)).toBe(true);
        continue;
      }
      for (const form of forms) {
        expect(decision.missing.some((n) => n.id === form || form.startsWith(`${n.id}.`))).toBe(
          true,
        );
      }
    }
  }
}

describe("combined decisions (一件事)", () => {
  it("keeps its invariants on every fixture's application", async () => {
    const rules = await bundledRules();
    let decided = 0;
    for (const { url } of oneThingFixtures) {
      const decision = await decide(rules, (readJson(url) as { application: Json }).application);
      if (decision === undefined) continue;
      checkInvariants(rules, decision);
      decided++;
    }
    expect(decided).toBeGreaterThan(40);
  });

  it("keeps its invariants on 300 applications mutated from the baselines", async () => {
    const rules = await bundledRules();
    const outcomes = new Map<string, number>();
    for (const application of mutants(300, 20261205)) {
      const decision = await decide(rules, application);
      if (decision === undefined) continue;
      checkInvariants(rules, decision);
      outcomes.set(decision.outcome, (outcomes.get(decision.outcome) ?? 0) + 1);
    }
    // The corpus reaches every outcome, so that the invariants were tested on each.
    expect([...outcomes.keys()].sort()).toEqual(["approve", "incomplete", "refer"]);
  });

  it("asks the one form once although both members need it, naming both", async () => {
    const rules = await bundledRules();
    const application = structuredClone(baselines[0]);
    application.materials = [];
    delete application.data.liaison;
    const decision = (await decide(rules, application)) as CombinedDecision;
    expect(decision.outcome).toBe("incomplete");
    const form = decision.missing.filter((m) => m.id === "OT-M01");
    expect(form).toHaveLength(1);
    expect(form[0]?.members).toEqual(["registration", "food-filing"]);
    const liaison = decision.missing.filter((m) => m.id === "liaison");
    expect(liaison).toHaveLength(1);
    expect(liaison[0]?.members).toEqual(["registration", "food-filing"]);
    // Both members' own decisions ask it: the combination is what dedupes.
    for (const m of decision.members) {
      if (m.decidedBy === "rules")
        expect(m.decision?.missing.some((x) => x.id === "liaison")).toBe(true);
    }
  });

  it("takes the longest member time limit", async () => {
    const rules = await bundledRules();
    const application = structuredClone(baselines[0]);
    application.evidence.screening.prohibitedPerson = true;
    const decision = (await decide(rules, application)) as CombinedDecision;
    expect(decision.outcome).toBe("refer");
    const dues = decision.members.flatMap((m) =>
      m.decidedBy === "rules" && m.decision?.timeLimit?.statutoryDue
        ? [m.decision.timeLimit.statutoryDue]
        : [],
    );
    expect(decision.timeLimit?.due).toBe(dues.sort().at(-1));
    expect(decision.timeLimit?.member).toBe("registration");
  });

  it("records the hashes of the input, the 一件事 file and each member's decision", async () => {
    const rules = await bundledRules();
    const a = (await decide(rules, baselines[0])) as CombinedDecision;
    const b = (await decide(rules, structuredClone(baselines[0]))) as CombinedDecision;
    expect(a.record.inputSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(a.record.rulesSha256).toBe(a.oneThing.sha256);
    expect(a.record.members.map((m) => m.member)).toEqual(["registration", "food-filing"]);
    for (const m of a.record.members) expect(m.inputSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toEqual(a);
    const other = structuredClone(baselines[0]);
    other.data.liaison.phone = "13900000000";
    const c = (await decide(rules, other)) as CombinedDecision;
    expect(c.record.inputSha256).not.toBe(a.record.inputSha256);
  });

  it("refuses an unknown 一件事 and an envelope it cannot read, as decide does", async () => {
    const rules = await bundledRules();
    await expect(
      decideOneThing(rules, { ...baselines[0], oneThing: "no-such-thing" }, REPLAY),
    ).rejects.toBeInstanceOf(ApplicationError);
    await expect(
      decideOneThing(rules, { ...baselines[0], data: 7 }, REPLAY),
    ).rejects.toBeInstanceOf(ApplicationError);
  });
});
