// Issue 11 class 6: whose evidence wins. With an evidence provider, the provider is asked for
// every item, its answer decides, and a disagreement with the envelope refers
// (evidence-disagrees). Real-name evidence must say whom it verified (the number or its
// SHA-256): another number refers (R-ID-MISMATCH), none refers as unverified evidence.
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { identityNumber } from "../../src/evaluate/derived/identity-number.js";
import {
  EVIDENCE_DISAGREES,
  EVIDENCE_PROVIDER_FAILED,
  type EvidenceProvider,
} from "../../src/index.js";
import { sha256Sync } from "../../src/validators/sha256.js";
import { approvable, bundledRules } from "../helpers.js";
import {
  approvedSeeds,
  attempt,
  type Json,
  runs,
  timeout,
  withoutClock,
} from "../properties/support.js";

const rules = await bundledRules();
const seeds = await approvedSeeds();
const replay = { replay: true } as const;

/** A provider that answers every item as `answers` says, and has nothing to say otherwise. */
function provider(answers: Record<string, unknown>): EvidenceProvider {
  return (name) => structuredClone(answers[name]);
}

function codes(decision: { referrals: { code: string }[] }): string[] {
  return [...new Set(decision.referrals.map((r) => r.code))].sort();
}

describe("a provider's answer decides over the envelope's evidence", () => {
  it("an envelope saying passed: true does not approve when the provider says false", async () => {
    const app = approvable();
    const answer = { ...app.evidence.realName, operator: { ...app.evidence.realName.operator } };
    answer.operator.passed = false;
    const decision = await rules.decide(app, {
      ...replay,
      evidence: provider({ realName: answer }),
    });
    expect(decision.outcome).toBe("refer");
    expect(codes(decision)).toEqual(["R-ID-FAIL", EVIDENCE_DISAGREES]);
    // The provider's answer is what the check read.
    expect(decision.checks.find((c) => c.id === "GT-C04-real-name")?.status).toBe("fail");
    expect(decision.referrals.find((r) => r.code === EVIDENCE_DISAGREES)?.message).toContain(
      "“realName”",
    );
  });

  it("a provider that agrees, or has nothing to say, changes nothing", async () => {
    const app = approvable();
    const without = await rules.decide(app, replay);
    const agreeing = await rules.decide(app, {
      ...replay,
      evidence: provider(structuredClone(app.evidence)),
    });
    const silent = await rules.decide(app, { ...replay, evidence: () => undefined });
    expect(without.outcome).toBe("approve");
    expect(withoutClock(agreeing)).toBe(withoutClock(without));
    expect(withoutClock(silent)).toBe(withoutClock(without));
  });

  it("the same evidence in another key order is agreement, not disagreement", async () => {
    const app = approvable();
    const reordered = Object.fromEntries(
      Object.entries(structuredClone(app.evidence) as Json).map(([k, v]) => [
        k,
        typeof v === "object" ? Object.fromEntries(Object.entries(v as Json).reverse()) : v,
      ]),
    );
    const decision = await rules.decide(app, { ...replay, evidence: provider(reordered) });
    expect(decision.outcome).toBe("approve");
  });

  it("a provider that fails on an item the envelope carries refers: the envelope is not taken on trust", async () => {
    const app = approvable();
    const decision = await rules.decide(app, {
      ...replay,
      evidence: (name) => {
        if (name === "screening") throw new Error("registry down");
        return structuredClone(app.evidence[name]);
      },
    });
    expect(decision.outcome).toBe("refer");
    expect(codes(decision)).toEqual([EVIDENCE_PROVIDER_FAILED]);
  });

  it(
    "property: any approving fixture with a provider that disagrees on any one item never approves",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...seeds).chain((seed) =>
            fc.record({
              seed: fc.constant(seed),
              name: fc.constantFrom(...Object.keys(seed.application.evidence)),
              change: fc.nat(),
            }),
          ),
          async ({ seed, name, change }) => {
            const app = structuredClone(seed.application);
            const answers: Json = structuredClone(app.evidence);
            answers[name] = disagreeing(answers[name], change);
            const { decision } = await attempt(rules, app, {
              evidence: provider(answers),
            });
            expect(decision?.outcome, `${seed.file}: ${name}`).not.toBe("approve");
            expect(decision && codes(decision)).toContain(EVIDENCE_DISAGREES);
          },
        ),
        runs(120),
      );
    },
    timeout(60_000),
  );
});

/**
 * A value that differs from `value`: one of its boolean or string leaves changed (picked by
 * `change`), or, when it has none, an empty object.
 */
function disagreeing(value: unknown, change: number): unknown {
  const copy = structuredClone(value) as Json;
  const leaves: Array<[Json, string]> = [];
  const walk = (node: unknown) => {
    if (typeof node !== "object" || node === null) return;
    for (const [key, child] of Object.entries(node)) {
      if (typeof child === "boolean" || typeof child === "string") leaves.push([node as Json, key]);
      else walk(child);
    }
  };
  walk(copy);
  if (leaves.length === 0) return {};
  const [node, key] = leaves[change % leaves.length] as [Json, string];
  node[key] = typeof node[key] === "boolean" ? !node[key] : `${node[key]}-other`;
  return copy;
}

describe("real-name evidence says whom it verified", () => {
  it("the identity-number fact compares upper case and hashes the upper-case number", () => {
    const out = identityNumber.compute("44030519850315106x", {
      appliedOn: "2025-06-30",
      options: {},
      catalogs: new Map(),
    });
    expect(out).toEqual({
      normalized: "44030519850315106X",
      sha256: createHash("sha256").update("44030519850315106X").digest("hex"),
    });
    expect(sha256Sync("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  it("a hash in upper-case hex is not the form asked for: the result is not relied on", async () => {
    const app = approvable();
    const operator = app.evidence.realName.operator;
    delete operator.idNumber;
    operator.idNumberSha256 = sha256Sync(app.data.operator.document.number).toUpperCase();
    const decision = await rules.decide(app, replay);
    expect(decision.outcome).toBe("refer");
  });

  it(
    "property: in any approving fixture, a real-name result naming another number, or nobody, never approves",
    async () => {
      const withRealName = seeds.filter(
        (s) => Object.keys(s.application.evidence.realName ?? {}).length,
      );
      expect(withRealName.length).toBeGreaterThan(10);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...withRealName).chain((seed) =>
            fc.record({
              seed: fc.constant(seed),
              person: fc.constantFrom(...Object.keys(seed.application.evidence.realName)),
              how: fc.constantFrom("other-number", "other-hash", "nobody"),
              other: fc.stringMatching(/^[0-9]{17}[0-9X]$/),
            }),
          ),
          async ({ seed, person, how, other }) => {
            const app = structuredClone(seed.application);
            const item = app.evidence.realName[person];
            const own = String(item.idNumber).toUpperCase();
            fc.pre(other !== own);
            delete item.idNumber;
            delete item.idNumberSha256;
            if (how === "other-number") item.idNumber = other;
            if (how === "other-hash") item.idNumberSha256 = sha256Sync(other);
            const { decision } = await attempt(rules, app);
            expect(decision?.outcome, `${seed.file}: ${person} ${how}`).toBe("refer");
            expect(decision && codes(decision)).toContain(
              how === "nobody" ? "R-DATA-UNAVAILABLE" : "R-ID-MISMATCH",
            );
          },
        ),
        runs(150),
      );
    },
    timeout(60_000),
  );
});
