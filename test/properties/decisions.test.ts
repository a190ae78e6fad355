// Issue 7.1: any JSON value is decided or refused with a typed error; decisions are
// deterministic and independent of the order of lists; the missing list is complete.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ApplicationError, DecisionSchema, loadRules } from "../../src/index.js";
import { SUBMISSION_CHANNELS } from "../../src/model/application.js";
import { bundledRules } from "../helpers.js";
import {
  approvedSeeds,
  attempt,
  corruptionsOf,
  deleteAt,
  dotted,
  emptyOf,
  fixtureCases,
  getAt,
  type Json,
  matterOf,
  type Path,
  paths,
  printable,
  requiredMaterials,
  runs,
  type Seed,
  setAt,
  shuffled,
  timeout,
  withoutClock,
} from "./support.js";

const rules = await bundledRules();
const seeds = await approvedSeeds();
const cases = fixtureCases();
const matterIds = rules.matters().map((m) => m.id);
const dates = [...new Set(cases.map((c) => String(c.application.appliedOn)))];
const materialIds = [
  ...new Set(cases.flatMap((c) => (c.application.materials ?? []).map((m: Json) => m.id))),
];
const PROBLEM_CODES = new Set([
  "invalid-envelope",
  "unknown-matter",
  "no-version-in-force",
  "applied-on-in-future",
  "applied-on-too-old",
  "accepted-before-applied",
]);

/** A decision that validates against the decision schema, or a well-formed refusal. */
function expectWellFormed(result: Awaited<ReturnType<typeof attempt>>): void {
  if (result.decision) {
    expect(DecisionSchema.safeParse(result.decision).error).toBeUndefined();
    return;
  }
  const error = result.refusal as ApplicationError;
  expect(error).toBeInstanceOf(ApplicationError);
  expect(error.problems.length).toBeGreaterThan(0);
  for (const p of error.problems) {
    expect(PROBLEM_CODES).toContain(p.code);
    expect(p.message.length).toBeGreaterThan(0);
    expect(p.pointer).toMatch(/^(\/.*)?$/s);
  }
}

const anyFixture = fc.constantFrom(...cases);

describe("any JSON value as an application: a decision or a typed refusal, never a crash", () => {
  it(
    "arbitrary JSON values",
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (value) => {
          const result = await attempt(rules, value);
          expectWellFormed(result);
          expect(result.decision?.outcome).not.toBe("approve");
        }),
        runs(300),
      );
    },
    timeout(60_000),
  );

  it(
    "envelopes of real matters and dates with arbitrary data, evidence and materials",
    async () => {
      const envelope = fc.record(
        {
          matter: fc.oneof(fc.constantFrom(...matterIds), fc.string()),
          appliedOn: fc.oneof(fc.constantFrom(...dates), fc.string()),
          data: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 4 })), fc.jsonValue()),
          evidence: fc.oneof(
            fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 4 })),
            fc.jsonValue(),
          ),
          materials: fc.array(
            fc.record({
              id: fc.oneof(fc.constantFrom(...materialIds), fc.string()),
              via: fc.oneof(fc.constantFrom(...SUBMISSION_CHANNELS), fc.string()),
            }),
            { maxLength: 12 },
          ),
        },
        { requiredKeys: ["matter", "appliedOn"] },
      );
      await fc.assert(
        fc.asyncProperty(envelope, async (value) => {
          const result = await attempt(rules, value);
          expectWellFormed(result);
          expect(result.decision?.outcome).not.toBe("approve");
        }),
        runs(300),
      );
    },
    timeout(60_000),
  );

  it(
    "fixtures with any part replaced by arbitrary JSON, including any Unicode text",
    async () => {
      const hostileJson = fc.oneof(
        fc.jsonValue({ maxDepth: 4 }),
        fc.string({ unit: "binary" }),
        fc.string({ unit: "grapheme", maxLength: 300 }),
        fc.constantFrom(-0, 1e308, -1e-308, Number.MAX_SAFE_INTEGER + 2, "", "0", "true", "null"),
      );
      const splice = anyFixture.chain((c) =>
        fc.record({
          application: fc.constant(c.application),
          at: fc.constantFrom(...paths(c.application)),
          value: fc.option(hostileJson, { nil: undefined }),
        }),
      );
      await fc.assert(
        fc.asyncProperty(splice, async ({ application, at, value }) => {
          const app = structuredClone(application);
          if (value === undefined) deleteAt(app, at);
          else setAt(app, at, value);
          expectWellFormed(await attempt(rules, app));
        }),
        runs(400),
      );
    },
    timeout(60_000),
  );

  it(
    "a malformed envelope is refused with every problem listed, each at its pointer",
    async () => {
      const DEFECTS: Record<string, { pointer: string; apply: (app: Json) => void }> = {
        matter: { pointer: "/matter", apply: (a) => (a.matter = 7) },
        appliedOn: { pointer: "/appliedOn", apply: (a) => (a.appliedOn = "2025-02-30") },
        acceptedOn: { pointer: "/acceptedOn", apply: (a) => (a.acceptedOn = "30/06/2025") },
        data: { pointer: "/data", apply: (a) => (a.data = []) },
        evidence: { pointer: "/evidence", apply: (a) => (a.evidence = "none") },
        id: { pointer: "/id", apply: (a) => (a.id = 12) },
        via: {
          pointer: "/materials/0/via",
          apply: (a) => (a.materials = [{ id: "X-1", via: "fax" }, ...a.materials.slice(1)]),
        },
        materialId: {
          pointer: "/materials/1/id",
          apply: (a) => {
            a.materials = [
              a.materials[0] ?? { id: "X-1", via: "upload" },
              { id: "1 bad", via: "upload" },
            ];
          },
        },
      };
      await fc.assert(
        fc.asyncProperty(
          anyFixture,
          fc.subarray(Object.keys(DEFECTS), { minLength: 1 }),
          async (c, chosen) => {
            const app = structuredClone(c.application);
            // `via` and `materialId` both rewrite the list: apply the one that keeps the other.
            for (const key of chosen.sort((a, b) => (a === "via" ? 1 : b === "via" ? -1 : 0))) {
              DEFECTS[key]?.apply(app);
            }
            const { refusal } = await attempt(rules, app);
            expect(refusal).toBeInstanceOf(ApplicationError);
            const pointers = new Set(refusal?.problems.map((p) => p.pointer));
            for (const key of chosen) expect(pointers).toContain(DEFECTS[key]?.pointer);
          },
        ),
        runs(200),
      );
    },
    timeout(60_000),
  );
});

describe("the same input gives byte-identical decisions, apart from decidedAt", () => {
  it(
    "twice on one rule set, and on a rule set loaded again, at different times",
    async () => {
      const again = await loadRules();
      await fc.assert(
        fc.asyncProperty(
          anyFixture,
          fc.option(fc.nat(), { nil: undefined }),
          fc.constantFrom("zh-CN" as const, "en" as const),
          async (c, cut, locale) => {
            const app = structuredClone(c.application);
            const all = paths(app.data ?? {});
            if (cut !== undefined && all.length > 0)
              deleteAt(app.data, all[cut % all.length] as Path);
            const a = await attempt(rules, structuredClone(app), { locale, now: new Date(0) });
            const b = await attempt(rules, structuredClone(app), { locale, now: new Date() });
            const c2 = await attempt(again, structuredClone(app), { locale });
            if (a.refusal) {
              expect(b.refusal?.message).toBe(a.refusal.message);
              expect(c2.refusal?.message).toBe(a.refusal.message);
              return;
            }
            const text = withoutClock(a.decision as never);
            expect(withoutClock(b.decision as never)).toBe(text);
            expect(withoutClock(c2.decision as never)).toBe(text);
          },
        ),
        runs(200),
      );
    },
    timeout(60_000),
  );
});

describe("the order of materials and of every list in the data never changes the decision", () => {
  /** Lists the rules read as sets: those not under an index any condition path names. */
  const listPaths = (application: Json): Path[] =>
    paths(application.data ?? {}).filter(
      (p) => Array.isArray(getAt(application.data, p)) && p.every((s) => typeof s === "string"),
    );

  /**
   * A decision with list positions mapped back through the permutations, and what is ordered by
   * those positions (the missing list, lists echoed in checks' values) sorted.
   */
  function comparable(decision: Json, perms: Map<string, number[]>): string {
    let text = JSON.stringify({
      ...decision,
      record: { ...decision.record, decidedAt: "", inputSha256: "" },
    });
    for (const [list, perm] of perms) {
      const escaped = list.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      text = text.replace(
        new RegExp(`(?<![\\w-])${escaped}\\.(\\d+)(?!\\d)`, "g"),
        (_m, i: string) => `${list}.${perm[Number(i)] ?? i}`,
      );
    }
    const d = JSON.parse(text);
    const sortDeep = (v: Json): Json =>
      Array.isArray(v)
        ? v.map(sortDeep).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
        : v && typeof v === "object"
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, sortDeep(x)]))
          : v;
    d.missing = sortDeep(d.missing);
    for (const check of d.checks) check.values = sortDeep(check.values);
    return JSON.stringify(d);
  }

  async function reorderedIsSame(app: Json, order: number[]): Promise<void> {
    const before = await attempt(rules, structuredClone(app));
    const perms = new Map<string, number[]>();
    const reordered = structuredClone(app);
    reordered.materials = shuffled(reordered.materials ?? [], order);
    for (const list of listPaths(app)) {
      const items: Json[] = getAt(app.data, list);
      const perm = shuffled(
        items.map((_, i) => i),
        order,
      );
      setAt(
        reordered.data,
        list,
        perm.map((i) => structuredClone(items[i])),
      );
      perms.set(dotted(list), perm);
    }
    const after = await attempt(rules, reordered);
    if (before.refusal) {
      expect(after.refusal).toBeInstanceOf(ApplicationError);
      return;
    }
    // Parsed back, so that a failure shows only the parts that differ.
    expect(JSON.parse(comparable(after.decision, perms))).toEqual(
      JSON.parse(comparable(before.decision, new Map())),
    );
  }

  it(
    "shuffling the materials and every list in the data gives the same decision",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          anyFixture,
          fc.array(fc.nat(), { minLength: 1, maxLength: 30 }),
          async (c, order) => reorderedIsSame(c.application, order),
        ),
        runs(300),
      );
    },
    timeout(60_000),
  );

  it(
    "a material given twice, by two channels, counts the same whichever comes first",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          anyFixture.filter((c) => (c.application.materials ?? []).length > 0),
          fc.array(fc.nat(), { minLength: 1, maxLength: 30 }),
          fc.nat(),
          fc.constantFrom(...SUBMISSION_CHANNELS),
          async (c, order, index, via) => {
            const app = structuredClone(c.application);
            const m = app.materials[index % app.materials.length];
            app.materials.push({ id: m.id, via });
            await reorderedIsSame(app, order);
          },
        ),
        runs(300),
      );
    },
    timeout(60_000),
  );
});

describe("the missing list is complete", () => {
  type Defect = { label: string; apply: (app: Json) => void };

  /** Ways to lose things an applicant supplies: materials, and declared data. */
  function defects(seed: Seed): Defect[] {
    const out: Defect[] = [];
    for (const id of requiredMaterials(seed)) {
      out.push({
        label: `remove ${id}`,
        apply: (app) => {
          app.materials = app.materials.filter((m: Json) => m.id !== id);
        },
      });
    }
    for (const path of paths(seed.application.data)) {
      const at = ["data", ...path];
      const original = getAt(seed.application, at);
      if (typeof path.at(-1) === "string") {
        out.push({ label: `delete ${dotted(at)}`, apply: (app) => deleteAt(app, at) });
      }
      out.push({ label: `empty ${dotted(at)}`, apply: (app) => setAt(app, at, emptyOf(original)) });
      for (const bad of corruptionsOf(original, undefined).slice(0, 2)) {
        out.push({
          label: `${dotted(at)} = ${JSON.stringify(bad)}`,
          apply: (app) => setAt(app, at, structuredClone(bad)),
        });
      }
    }
    return out.map((d) => printable(d, d.label));
  }

  /**
   * Supplies exactly what an `incomplete` decision lists, with the approved application's
   * values: each listed material as it was submitted there (or by its first accepted channel
   * if it was not), each listed field or correction's field with its approved value.
   * Returns false when a listed field has no approved value to supply.
   */
  function supply(seed: Seed, app: Json, missing: Json[]): boolean {
    const file = matterOf(rules, seed.application);
    for (const item of missing) {
      if (item.kind === "material") {
        const original = seed.application.materials.filter((m: Json) => m.id === item.id);
        const material = file.materials.find((m) => m.id === item.id);
        app.materials = [
          ...app.materials.filter((m: Json) => m.id !== item.id),
          ...(original.length > 0 ? original : [{ id: item.id, via: material?.satisfiedBy[0] }]),
        ];
        continue;
      }
      const field = String(item.field ?? item.id);
      const path: Path =
        field === "data" ? [] : field.split(".").map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      const value = getAt(seed.application.data, path);
      if (value === undefined) return false;
      if (path.length === 0) app.data = structuredClone(value);
      else setAt(app.data, path, structuredClone(value));
    }
    return true;
  }

  /** Decides with the defects, supplies what is listed, and says what came of it. */
  async function resupplied(seed: Seed, lost: readonly Defect[]) {
    const app = structuredClone(seed.application);
    for (const d of lost) d.apply(app);
    const first = await attempt(rules, app);
    // Only an incomplete decision promises that its list is all that is wrong.
    if (first.decision?.outcome !== "incomplete") return undefined;
    const missing = first.decision.missing;
    if (!supply(seed, app, missing)) return undefined;
    const second = await attempt(rules, app);
    return {
      listed: missing.map((m) => m.id),
      outcome: second.decision?.outcome ?? "refused",
      stillMissing: second.decision?.missing.map((m) => m.id) ?? [],
    };
  }

  it(
    "after any one loss: supplying exactly what the incomplete decision lists gives approve",
    async () => {
      const incompleteNotices: string[] = [];
      let checked = 0;
      for (const seed of seeds) {
        for (const defect of defects(seed)) {
          const result = await resupplied(seed, [defect]);
          if (result === undefined) continue;
          checked++;
          if (result.outcome !== "approve") {
            incompleteNotices.push(
              `${seed.matter}/${seed.file}: ${defect.label} → listed [${result.listed}], then ${result.outcome} [${result.stillMissing}]`,
            );
          }
        }
      }
      expect(checked).toBeGreaterThan(seeds.length * 10);
      expect(incompleteNotices).toEqual([]);
    },
    timeout(120_000),
  );

  it(
    "after several losses at once: supplying exactly what is listed gives approve",
    async () => {
      let checked = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...seeds).chain((seed) =>
            fc.record({
              seed: fc.constant(seed),
              lost: fc.subarray(defects(seed), { minLength: 2, maxLength: 3 }),
            }),
          ),
          async ({ seed, lost }) => {
            // Children before parents, so a parent's loss is not undone by a child's.
            const ordered = [...lost].sort((a, b) => b.label.length - a.label.length);
            const result = await resupplied(seed, ordered);
            fc.pre(result !== undefined);
            checked++;
            expect(result, `lost: ${ordered.map((d) => d.label).join(", ")}`).toMatchObject({
              outcome: "approve",
              stillMissing: [],
            });
          },
        ),
        runs(300),
      );
      expect(checked).toBeGreaterThan(0);
    },
    timeout(60_000),
  );
});
