// Issue 7.4: faults inside a decision — an evidence provider or a derived fact that throws or
// never answers — refer the case with the cause and still report every other check; many
// overlapping decisions equal the same decisions made one after another.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BUNDLED_RULES_DIR } from "../../src/entries/authoring.js";
import { DERIVED_FUNCTIONS } from "../../src/evaluate/derived/registry.js";
import {
  EVIDENCE_PROVIDER_FAILED,
  type EvidenceProvider,
} from "../../src/evaluate/evidence-provider.js";
import { type Decision, type RuleSet, RuleSet as Rules } from "../../src/index.js";
import { bundledRules } from "../helpers.js";
import {
  approvedSeeds,
  attempt,
  deleteAt,
  fixtureCases,
  type Json,
  paths,
  runs,
  type Seed,
  timeout,
  withoutClock,
} from "../properties/support.js";

afterEach(() => vi.restoreAllMocks());

const rules = await bundledRules();
const seeds = await approvedSeeds();
/** One approved seed per matter. */
const perMatter = [...new Map(seeds.map((s) => [s.matter, s])).values()];

/** The seed's application without the evidence item `name`, for a provider to supply. */
function lacking(seed: Seed, name: string): Json {
  const app = structuredClone(seed.application);
  delete app.evidence[name];
  return app;
}

/** An evidence item of the seed that its approval reads (its removal refers the case). */
function readItem(seed: Seed): string {
  const names = Object.keys(seed.application.evidence ?? {});
  const item =
    names.find((n) => n === "screening") ?? names.find((n) => n === "realName") ?? names[0];
  if (item === undefined) throw new Error(`${seed.file} has no evidence`);
  return item;
}

/** Checks that do not read `name` kept the status they had in the approval. */
function otherChecksReported(seed: Seed, decision: Decision, name: string): void {
  expect(decision.checks.map((c) => c.id)).toEqual(seed.decision.checks.map((c) => c.id));
  for (const check of decision.checks) {
    const reads = Object.keys(check.values).some((key) => key.startsWith(`evidence.${name}`));
    if (reads) continue;
    const before = seed.decision.checks.find((c) => c.id === check.id);
    expect(check.status, check.id).toBe(before?.status);
  }
}

describe("an evidence provider that fails", () => {
  const FAILURES: Array<[string, EvidenceProvider, RegExp]> = [
    [
      "throws",
      () => {
        throw new Error("registry down");
      },
      /failed: registry down/,
    ],
    ["rejects", async () => Promise.reject(new Error("HTTP 503")), /failed: HTTP 503/],
    ["rejects with a non-error", async () => Promise.reject("teapot"), /failed: teapot/],
    ["never answers", () => new Promise(() => {}), /no answer within 50 ms/],
    [
      "answers with a prototype key",
      () => JSON.parse('{"__proto__": {"passed": true}}'),
      /unsafe answer/,
    ],
    ["answers with a 10 MB string", () => "x".repeat(10 * 1024 * 1024), /unsafe answer/],
  ];

  it.each(FAILURES)(
    "that %s: refer with the cause, every other check still reported",
    async (_, provider, cause) => {
      for (const seed of perMatter) {
        const name = readItem(seed);
        const start = performance.now();
        const decision = await rules.decide(lacking(seed, name), {
          replay: true,
          evidence: (asked, request) => (asked === name ? provider(asked, request) : undefined),
          evidenceTimeoutMs: 50,
          locale: "en",
        });
        expect(performance.now() - start, "bounded by the time limit").toBeLessThan(2_000);
        expect(decision.outcome).toBe("refer");
        const failure = decision.referrals.find((r) => r.code === EVIDENCE_PROVIDER_FAILED);
        expect(failure?.message).toContain(`"${name}"`);
        expect(failure?.message).toMatch(cause);
        otherChecksReported(seed, decision, name);
      }
    },
  );

  it("a provider that times out is told so through its abort signal", async () => {
    const seed = perMatter[0] as Seed;
    const name = readItem(seed);
    let signal: AbortSignal | undefined;
    await rules.decide(lacking(seed, name), {
      replay: true,
      evidence: (asked, request) => {
        if (asked === name) signal = request.signal;
        return asked === name ? new Promise(() => {}) : undefined;
      },
      evidenceTimeoutMs: 20,
    });
    expect(signal?.aborted).toBe(true);
  });

  it("a provider with nothing to say leaves the item missing: referred as unavailable evidence", async () => {
    for (const seed of perMatter) {
      const name = readItem(seed);
      const decision = await rules.decide(lacking(seed, name), {
        replay: true,
        evidence: () => undefined,
      });
      const without = await rules.decide(lacking(seed, name), { replay: true });
      expect(withoutClock(decision)).toBe(withoutClock(without));
      expect(decision.outcome).toBe("refer");
    }
  });
});

describe("an evidence provider that answers", () => {
  it(
    "is asked for every item, and where it agrees the decision equals the completed application's",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...seeds).chain((seed) =>
            fc.record({
              seed: fc.constant(seed),
              taken: fc.subarray(Object.keys(seed.application.evidence ?? {})),
              latencies: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1 }),
            }),
          ),
          async ({ seed, taken, latencies }) => {
            const app = structuredClone(seed.application);
            for (const name of taken) delete app.evidence[name];
            const asked: string[] = [];
            const decision = await rules.decide(app, {
              replay: true,
              evidence: async (name) => {
                asked.push(name);
                await new Promise((r) => setTimeout(r, latencies[asked.length % latencies.length]));
                return structuredClone(seed.application.evidence[name]);
              },
            });
            // Asked for what the envelope carries too: where it answers, its answer decides.
            for (const name of Object.keys(seed.application.evidence))
              expect(asked).toContain(name);
            // Replayable: the record hashes the evidence used, and the same input decides alike.
            expect(withoutClock(decision)).toBe(withoutClock(seed.decision));
          },
        ),
        runs(60),
      );
    },
    timeout(60_000),
  );
});

describe("a derived fact that throws", () => {
  it("refers with internal-error naming it, and still reports every check", async () => {
    let tried = 0;
    for (const seed of perMatter) {
      const used = Object.entries(seed.matterFile.derived);
      for (const [id, spec] of used) {
        const fn = DERIVED_FUNCTIONS.get(spec.function);
        if (fn === undefined) continue;
        const spy = vi.spyOn(fn, "compute").mockImplementation(() => {
          throw new Error(`${spec.function} crashed`);
        });
        const decision = await rules.decide(structuredClone(seed.application), {
          replay: true,
          locale: "en",
        });
        spy.mockRestore();
        // Only when the fact is computed for this application (its input is there).
        const computed = seed.decision.checks.some((c) =>
          Object.keys(c.values).some((k) => k.startsWith(`derived.${id}`) && c.values[k] !== null),
        );
        if (!computed) continue;
        tried++;
        expect(decision.outcome, id).toBe("refer");
        const messages = decision.referrals.filter((r) => r.code === "internal-error");
        expect(messages.map((r) => r.message).join("\n")).toContain(
          `${id}: ${spec.function} crashed`,
        );
        expect(decision.checks.map((c) => c.id)).toEqual(seed.decision.checks.map((c) => c.id));
        // A check that reads no derived fact keeps its status.
        for (const check of decision.checks) {
          if (Object.keys(check.values).some((k) => k.startsWith("derived."))) continue;
          expect(check.status).toBe(seed.decision.checks.find((c) => c.id === check.id)?.status);
        }
      }
    }
    expect(tried).toBeGreaterThan(perMatter.length);
  });
});

describe("1,000 overlapping decisions equal the same decisions made one at a time", () => {
  /** 1,000 applications: every fixture, and the rest fixtures with one part deleted. */
  const variants = (() => {
    const cases = fixtureCases();
    const cuts = fc.sample(fc.tuple(fc.nat(), fc.nat()), { numRuns: 1_000, seed: 7 });
    return cuts.map(([which, cut], i) => {
      const app = structuredClone(
        cases[(i < cases.length ? i : which) % cases.length]?.application,
      );
      const all = paths(app);
      if (i >= cases.length && all.length > 0) deleteAt(app, all[cut % all.length] as never);
      return app;
    });
  })();

  /**
   * A provider with deterministic answers that comes back after a varying number of turns of
   * the event loop, so that overlapping decisions interleave as with a real registry. It
   * agrees with the evidence the application carries (a provider's answer decides) and makes
   * up the rest.
   */
  const provider: EvidenceProvider = async (name, { application }) => {
    const turns = (name.length + Number(application.appliedOn.slice(-2))) % 4;
    for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
    if (name === "screening") return undefined;
    return structuredClone(application.evidence[name]) ?? { passed: true };
  };

  async function compare(ruleSet: RuleSet, options: Parameters<RuleSet["decide"]>[1] = {}) {
    const one = async (app: Json) => {
      const { decision, refusal } = await attempt(ruleSet, app, options);
      return decision ? withoutClock(decision) : `refused: ${refusal?.message}`;
    };
    const sequential: string[] = [];
    for (const app of variants) sequential.push(await one(structuredClone(app)));
    const overlapping = await Promise.all(variants.map((app) => one(structuredClone(app))));
    expect(overlapping).toEqual(sequential);
    const outcomes = new Set(
      sequential.map((d) => (d.startsWith("{") ? JSON.parse(d).outcome : "refused")),
    );
    expect(outcomes).toEqual(new Set(["approve", "incomplete", "refer", "refused"]));
  }

  it("with the default evaluator", async () => compare(rules), timeout(60_000));

  it(
    "with an asynchronous evidence provider",
    async () => compare(rules, { evidence: provider }),
    timeout(60_000),
  );

  it(
    "with json-rules-engine, the engine of record (its run state is engine-wide, issue #303)",
    async () => {
      const sources = walk(BUNDLED_RULES_DIR).map((file) => ({
        file: relative(process.cwd(), file),
        text: readFileSync(file, "utf8"),
      }));
      const engineOfRecord = await Rules.fromSources(sources, { evaluator: "json-rules-engine" });
      await compare(engineOfRecord, { evidence: provider });
    },
    timeout(120_000),
  );
});

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? walk(join(dir, entry.name))
      : entry.name.endsWith(".json")
        ? [join(dir, entry.name)]
        : [],
  );
}
