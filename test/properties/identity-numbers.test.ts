// Issue 11, class 3: identity numbers are compared as numbers, not as the text typed. A
// 居民身份证 number's check character X may be typed x (GB 11643; the validator accepts it),
// and 居民身份证法 art 3 makes the number one person's for life: so the case of a final x
// never changes a decision, and two numbers equal up to that case are one person (公司法 art
// 76 among others). Seeds: every fixture the bundled rules approve, of every matter.
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { residentIdCheckCharacter } from "../../src/checks/resident-id.js";
import type { Decision } from "../../src/index.js";
import { bundledRules } from "../helpers.js";
import {
  approvedSeeds,
  getAt,
  type Json,
  type Path,
  paths,
  runs,
  type Seed,
  schemaAt,
  setAt,
  timeout,
} from "./support.js";

const rules = await bundledRules();
const seeds = await approvedSeeds();

/** The data paths of 居民身份证 / 居住证 numbers, as the input schema marks them. */
function identityPaths(seed: Seed): Path[] {
  const data = seed.application.data;
  return paths(data).filter((path) => {
    if (schemaAt(seed.matterFile.input.data, path)?.["x-identity-number"] !== true) return false;
    const type = getAt(data, [...path.slice(0, -1), "type"]);
    return (
      (type === "resident-id" || type === "hmt-residence-permit") &&
      /^\d{17}[\dX]$/i.test(String(getAt(data, path)))
    );
  });
}

/**
 * Another valid number of a person with the same address code, birth date and sex (the
 * sequence code changed) whose check character is X: all the law reads in the number is kept.
 */
function withFinalX(number: string, pick: number): string {
  const prefix = number.slice(0, 14);
  const parity = Number(number[16]) % 2;
  const candidates: string[] = [];
  for (let sequence = 0; sequence < 1000; sequence++) {
    if (sequence % 2 !== parity) continue;
    const body = `${prefix}${String(sequence).padStart(3, "0")}`;
    if (residentIdCheckCharacter(body) === "X") candidates.push(`${body}X`);
  }
  return candidates[pick % candidates.length] as string;
}

/** What a decision says, without the record (its input hash differs by construction). */
function said(decision: Decision | undefined) {
  return (
    decision && {
      outcome: decision.outcome,
      missing: decision.missing.map((m) => `${m.kind}:${m.id}`).sort(),
      referrals: decision.referrals.map((r) => r.code).sort(),
      checks: decision.checks.map((c) => `${c.id}:${c.status}`),
      materials: decision.materials.map((m) => `${m.id}:${m.status}`),
    }
  );
}

/** Gives every person (every distinct number) of the seed a number ending in X. */
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function allEndingInX(seed: Seed, pick: number): { app: Json; ids: Path[] } {
  const app = structuredClone(seed.application);
  const ids = identityPaths(seed);
  const replaced = new Map<string, string>();
  for (const path of ids) {
    const number = String(getAt(app.data, path)).toUpperCase();
    if (!replaced.has(number)) replaced.set(number, withFinalX(number, pick + replaced.size));
    setAt(app.data, path, replaced.get(number));
  }
  // Real-name results name whom they verified: they verified the same people, now numbered so.
  for (const result of Object.values((app.evidence?.realName ?? {}) as Record<string, Json>)) {
    const verified = typeof result?.idNumber === "string" ? result.idNumber.toUpperCase() : "";
    const renumbered = replaced.get(verified);
    if (renumbered !== undefined) result.idNumber = renumbered;
    for (const [before, after] of replaced) {
      if (result?.idNumberSha256 === sha256(before)) result.idNumberSha256 = sha256(after);
    }
  }
  return { app, ids };
}

const withIds = seeds.filter((seed) => identityPaths(seed).length > 0);

describe("identity numbers are compared as numbers, whatever the case of a final x", () => {
  it("has approving seeds with identity numbers in every matter", () => {
    const matters = new Set(withIds.map((seed) => seed.matter));
    expect([...matters].sort()).toEqual([
      "individual-business.establishment",
      "prepackaged-food-sales.filing",
      "single-shareholder-company.establishment",
      "sole-proprietorship.establishment",
    ]);
  });

  it(
    "an approving application still approves, with the same decision, when any final X is typed x",
    async () => {
      const arbitrary = fc.constantFrom(...withIds).chain((seed) =>
        fc.record({
          seed: fc.constant(seed),
          pick: fc.nat(1000),
          lower: fc.subarray(identityPaths(seed), { minLength: 1 }),
        }),
      );
      await fc.assert(
        fc.asyncProperty(arbitrary, async ({ seed, pick, lower }) => {
          const { app } = allEndingInX(seed, pick);
          const upper = await rules.decide(structuredClone(app), { replay: true });
          // Same address code, birth date and sex: what the law reads in the number is unchanged.
          expect(upper.outcome, `${seed.matter}/${seed.file}`).toBe("approve");
          for (const path of lower) {
            setAt(app.data, path, String(getAt(app.data, path)).toLowerCase());
          }
          expect(said(await rules.decide(app, { replay: true }))).toEqual(said(upper));
        }),
        runs(80),
      );
    },
    timeout(120_000),
  );

  it(
    "two people's numbers equal up to the case of x are treated exactly as equal numbers",
    async () => {
      const arbitrary = fc
        .constantFrom(...withIds.filter((seed) => identityPaths(seed).length > 1))
        .chain((seed) => {
          const ids = identityPaths(seed);
          return fc.record({
            seed: fc.constant(seed),
            pick: fc.nat(1000),
            pair: fc
              .tuple(fc.nat(ids.length - 1), fc.nat(ids.length - 2))
              .map(([a, b]) => [ids[a], ids[b >= a ? b + 1 : b]] as [Path, Path]),
          });
        });
      await fc.assert(
        fc.asyncProperty(arbitrary, async ({ seed, pick, pair: [first, second] }) => {
          const { app } = allEndingInX(seed, pick);
          const number = String(getAt(app.data, first));
          setAt(app.data, second, number);
          const exact = await rules.decide(structuredClone(app), { replay: true });
          setAt(app.data, second, number.toLowerCase());
          const upToCase = await rules.decide(structuredClone(app), { replay: true });
          expect(said(upToCase)).toEqual(said(exact));
          setAt(app.data, first, number.toLowerCase());
          setAt(app.data, second, number);
          expect(said(await rules.decide(app, { replay: true }))).toEqual(said(exact));
        }),
        runs(80),
      );
    },
    timeout(120_000),
  );

  it("a supervisor who is the director up to the case of x is corrected under 公司法 art 76", async () => {
    const seed = withIds.find(
      (s) => s.matter.startsWith("single-shareholder") && getAt(s.application.data, ["supervisor"]),
    );
    expect(seed).toBeDefined();
    const { app } = allEndingInX(seed as Seed, 0);
    const director = String(getAt(app.data, ["director", "document", "number"]));
    setAt(app.data, ["supervisor", "document", "number"], director.toLowerCase());
    // The real-name check verified that same person (whom it verified is compared normalised).
    if (app.evidence?.realName?.supervisor) {
      app.evidence.realName.supervisor = { passed: true, idNumber: director };
    }
    const decision = await rules.decide(app, { replay: true });
    expect(decision.outcome).toBe("incomplete");
    expect(decision.missing.map((m) => m.id)).toContain("YX-C07-supervisor-not-officer");
  });
});
