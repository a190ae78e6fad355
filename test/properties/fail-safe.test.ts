// Issue 7.1: an approved application that loses a required material or a field its approval
// relies on is never approved. Seeds: every fixture the bundled rules approve, of every matter.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SUBMISSION_CHANNELS } from "../../src/model/application.js";
import { bundledRules } from "../helpers.js";
import {
  ABSENCE_AWARE,
  approvedSeeds,
  attempt,
  corruptionsOf,
  decisiveLeaves,
  deleteAt,
  dotted,
  emptyOf,
  fixtureCases,
  getAt,
  type Json,
  jsonType,
  leavesOf,
  type Path,
  paths,
  printable,
  reliedTargets,
  requiredMaterials,
  runs,
  type Seed,
  schemaAt,
  schemaTypes,
  setAt,
  shuffled,
  timeout,
} from "./support.js";

const rules = await bundledRules();
const seeds = await approvedSeeds();

type Mutation = { label: string; apply: (app: Json) => void };

/** Reorders the materials (the decision must not depend on their order). */
const shuffleMaterials = (order: readonly number[]): Mutation => ({
  label: "shuffle",
  apply: (app) => {
    app.materials = shuffled(app.materials, order);
  },
});

/** Every way to take a required material away: remove it, offer it by a refused channel, defer it. */
function materialMutations(seed: Seed): Mutation[] {
  const out: Mutation[] = [];
  for (const id of requiredMaterials(seed)) {
    const material = seed.matterFile.materials.find((m) => m.id === id);
    if (material === undefined) continue;
    const without = (app: Json) => {
      app.materials = app.materials.filter((m: { id: string }) => m.id !== id);
    };
    out.push({ label: `remove ${id}`, apply: without });
    const refused = SUBMISSION_CHANNELS.filter(
      (via) => via !== "deferred" && !(material.satisfiedBy as readonly string[]).includes(via),
    );
    for (const via of refused) {
      out.push({
        label: `${id} via ${via} (not accepted)`,
        apply: (app) => {
          without(app);
          app.materials.push({ id, via });
        },
      });
    }
    out.push({
      label: `${id} deferred`,
      apply: (app) => {
        without(app);
        app.materials.push({ id, via: "deferred" });
      },
    });
  }
  return out.map((m) => printable(m, m.label));
}

/** Delete, empty, null and every type-changing corruption of one relied-on field. */
function fieldMutations(seed: Seed, target: Path): Mutation[] {
  const original = getAt(seed.application, target);
  const at = dotted(target);
  const out: Mutation[] = [
    { label: `delete ${at}`, apply: (app) => deleteAt(app, target) },
    { label: `empty ${at}`, apply: (app) => setAt(app, target, emptyOf(original)) },
  ];
  if (original !== null)
    out.push({ label: `null ${at}`, apply: (app) => setAt(app, target, null) });
  for (const bad of corruptionsOf(original, undefined)) {
    out.push({
      label: `${at} = ${JSON.stringify(bad)}`,
      apply: (app) => setAt(app, target, structuredClone(bad)),
    });
  }
  return out.map((m) => printable(m, m.label));
}

async function outcomeAfter(seed: Seed, mutations: Mutation[]) {
  const app = structuredClone(seed.application);
  for (const m of mutations) m.apply(app);
  const { decision, refusal } = await attempt(rules, app);
  return decision?.outcome ?? `refused: ${refusal?.message}`;
}

describe("the properties cover every bundled matter", () => {
  it("every matter loaded has fixtures, and at least one the rules approve (a seed)", () => {
    const withFixtures = new Set(fixtureCases().map((c) => c.matter));
    const seeded = new Set(seeds.map((s) => s.matter));
    for (const { id } of rules.matters()) {
      expect(withFixtures, `fixtures/${id}/`).toContain(id);
      expect(seeded, `an approved fixture of ${id}`).toContain(id);
    }
  });

  it("each seed has required materials and relied-on fields to take away", () => {
    for (const seed of seeds) {
      expect(requiredMaterials(seed).length, seed.file).toBeGreaterThan(0);
      expect(reliedTargets(seed).length, seed.file).toBeGreaterThan(0);
    }
  });
});

describe("removing a required material never approves", () => {
  it(
    "every required material of every approved fixture: removed, refused channel, deferred",
    async () => {
      const approved: string[] = [];
      let tried = 0;
      for (const seed of seeds) {
        for (const mutation of materialMutations(seed)) {
          tried++;
          const outcome = await outcomeAfter(seed, [mutation]);
          if (outcome === "approve")
            approved.push(`${seed.matter}/${seed.file}: ${mutation.label}`);
        }
      }
      expect(tried).toBeGreaterThan(seeds.length);
      expect(approved).toEqual([]);
    },
    timeout(60_000),
  );

  it(
    "any non-empty set of them, with the rest shuffled, never approves",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...seeds).chain((seed) =>
            fc.record({
              seed: fc.constant(seed),
              lost: fc.subarray(materialMutations(seed), { minLength: 1, maxLength: 3 }),
              order: fc.array(fc.nat(), { maxLength: 20 }),
            }),
          ),
          async ({ seed, lost, order }) => {
            const outcome = await outcomeAfter(seed, [...lost, shuffleMaterials(order)]);
            expect(outcome, lost.map((m) => m.label).join(", ")).not.toBe("approve");
          },
        ),
        runs(150),
      );
    },
    timeout(60_000),
  );
});

describe("deleting, emptying or corrupting a field the approval relies on never approves", () => {
  it(
    "every relied-on data field and evidence item of every approved fixture, one at a time",
    async () => {
      const approved: string[] = [];
      let tried = 0;
      for (const seed of seeds) {
        for (const target of reliedTargets(seed)) {
          for (const mutation of fieldMutations(seed, target)) {
            tried++;
            const outcome = await outcomeAfter(seed, [mutation]);
            if (outcome === "approve")
              approved.push(`${seed.matter}/${seed.file}: ${mutation.label}`);
          }
        }
      }
      expect(tried).toBeGreaterThan(seeds.length * 10);
      expect(approved).toEqual([]);
    },
    timeout(120_000),
  );

  it(
    "several at once, with materials shuffled, never approves",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...seeds).chain((seed) =>
            fc.record({
              seed: fc.constant(seed),
              broken: fc
                .subarray(reliedTargets(seed), { minLength: 1, maxLength: 4 })
                .chain((targets) =>
                  fc.tuple(...targets.map((t) => fc.constantFrom(...fieldMutations(seed, t)))),
                ),
              order: fc.array(fc.nat(), { maxLength: 20 }),
            }),
          ),
          async ({ seed, broken, order }) => {
            // Parents first would delete what a child mutation then recreates; children first.
            const sorted = [...broken].sort((a, b) => b.label.length - a.label.length);
            const outcome = await outcomeAfter(seed, [...sorted, shuffleMaterials(order)]);
            expect(outcome, sorted.map((m) => m.label).join(", ")).not.toBe("approve");
          },
        ),
        runs(150),
      );
    },
    timeout(60_000),
  );

  it(
    "a field a passing check compared is deleted: that check is unknown, never fail or pass",
    async () => {
      // Three-valued logic (DESIGN §7.1): a missing value is unknown — the standard neither
      // fails (which would assert a fact nobody showed) nor passes.
      const wrong: string[] = [];
      let tried = 0;
      for (const seed of seeds) {
        const passed = new Set(
          seed.decision.checks.filter((c) => c.status === "pass").map((c) => c.id),
        );
        for (const standard of seed.matterFile.standards) {
          if (!passed.has(standard.id)) continue;
          const escapes = leavesOf(standard.when)
            .filter((l) => ABSENCE_AWARE.has(l.operator))
            .map((l) => `${l.fact}.${l.path}`);
          for (const { leaf } of decisiveLeaves(standard.require)) {
            if (
              ABSENCE_AWARE.has(leaf.operator) ||
              (leaf.fact !== "data" && leaf.fact !== "evidence")
            )
              continue;
            const at = `${leaf.fact}.${leaf.path}`;
            if (escapes.some((e) => e === at || e.startsWith(`${at}.`) || at.startsWith(`${e}.`)))
              continue;
            const target: Path = [leaf.fact, ...leaf.path.split(".")];
            if (getAt(seed.application, target) === undefined) continue;
            tried++;
            const app = structuredClone(seed.application);
            deleteAt(app, target);
            const { decision } = await attempt(rules, app);
            const status = decision?.checks.find((c) => c.id === standard.id)?.status;
            if (status !== "unknown")
              wrong.push(`${seed.file}: delete ${at} → ${standard.id} ${status}`);
          }
        }
      }
      expect(tried).toBeGreaterThan(seeds.length * 3);
      expect(wrong).toEqual([]);
    },
    timeout(60_000),
  );

  it(
    "any data value replaced by a value of a type its schema does not allow never approves",
    async () => {
      // Stronger than relied-on: a malformed declared field is always asked for again, even an
      // optional one, because data that fails the input schema is never silently dropped.
      const approved: string[] = [];
      let tried = 0;
      for (const seed of seeds) {
        for (const path of paths(seed.application.data)) {
          const allowed = schemaTypes(schemaAt(seed.matterFile.input.data, path));
          if (allowed === undefined) continue;
          const original = getAt(seed.application.data, path);
          for (const bad of corruptionsOf(original, allowed)) {
            tried++;
            const outcome = await outcomeAfter(seed, [
              { label: "", apply: (app) => setAt(app, ["data", ...path], bad) },
            ]);
            if (outcome === "approve") {
              approved.push(
                `${seed.matter}/${seed.file}: data.${dotted(path)} = ${JSON.stringify(bad)} (was ${jsonType(original)})`,
              );
            }
          }
        }
      }
      expect(tried).toBeGreaterThan(seeds.length * 10);
      expect(approved).toEqual([]);
    },
    timeout(120_000),
  );
});
