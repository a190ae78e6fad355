// Issue 7.3: hostile applications are decided or refused in bounded time, with a clear message
// naming where the problem is. The limits are INPUT_LIMITS (src/evaluate/input-limits.ts).
import { describe, expect, it } from "vitest";
import { EVIDENCE_TIMEOUT } from "../../src/evaluate/evidence-provider.js";
import { INPUT_LIMITS } from "../../src/evaluate/input-limits.js";
import { ApplicationError } from "../../src/index.js";
import { RULE_FILE_LIMITS } from "../../src/json/json-document.js";
import { bundledRules } from "../helpers.js";
import {
  approvedSeeds,
  attempt,
  dotted,
  getAt,
  type Json,
  paths,
  reliedTargets,
  schemaAt,
  schemaTypes,
  setAt,
} from "../properties/support.js";

const rules = await bundledRules();
const seeds = await approvedSeeds();
// An approved 个体工商户 application (any approved seed would do; this one has a liaison).
const seed = (seeds.find((s) => s.matter === "individual-business.establishment") ??
  seeds[0]) as (typeof seeds)[number];

/** Generous for a 2-core CI machine: a refusal takes microseconds, a decision about 0.1 ms. */
const BOUND_MS = 2_000;

function application(change: (app: Json) => void = () => {}): Json {
  const app = structuredClone(seed.application);
  change(app);
  return app;
}

/** Decides, within BOUND_MS; returns the decision or the refusal. */
async function timed(input: unknown) {
  const start = performance.now();
  const result = await attempt(rules, input);
  const ms = performance.now() - start;
  expect(ms, "time to decide or refuse").toBeLessThan(BOUND_MS);
  return result;
}

async function refused(input: unknown): Promise<ApplicationError> {
  const { refusal, decision } = await timed(input);
  expect(decision?.outcome, "decided instead of refused").toBeUndefined();
  expect(refusal).toBeInstanceOf(ApplicationError);
  return refusal as ApplicationError;
}

function problemAt(error: ApplicationError, pointer: string, message: RegExp) {
  const problem = error.problems.find((p) => p.pointer === pointer);
  expect(problem, `a problem at ${pointer}; got ${error.message.slice(0, 300)}`).toBeDefined();
  expect(problem?.message).toMatch(message);
  expect(error.message).toContain(pointer);
}

const MB10 = "好".repeat(10 * 1024 * 1024);

describe("huge values are refused at once, naming where they are", () => {
  it("a 10 MB string in the data, the evidence, a material reference or the case id", async () => {
    for (const [pointer, change] of [
      ["/data/operator/name", (a: Json) => (a.data.operator = { ...a.data.operator, name: MB10 })],
      ["/evidence/realName", (a: Json) => (a.evidence.realName = MB10)],
      ["/materials/0/ref", (a: Json) => (a.materials[0].ref = MB10)],
      ["/id", (a: Json) => (a.id = MB10)],
    ] as const) {
      const error = await refused(application(change));
      problemAt(
        error,
        pointer,
        new RegExp(`${MB10.length} characters.*${INPUT_LIMITS.maxStringLength}`),
      );
    }
  });

  it("a 10 MB object key", async () => {
    const error = await refused(application((a) => (a.data[MB10] = 1)));
    problemAt(error, "/data", new RegExp(`key of ${MB10.length} characters`));
  });

  it("a string at the limit is not refused for its size (the matter's schema judges it)", async () => {
    const long = "路".repeat(INPUT_LIMITS.maxStringLength);
    const { decision } = await timed(application((a) => (a.data.liaison.name = long)));
    expect(decision?.outcome).toBe("incomplete");
    expect(decision?.missing.map((m) => m.id)).toContain("liaison.name");
  });

  it("100,000-element arrays anywhere, and 100,000-key objects", async () => {
    const big = Array.from({ length: 100_000 }, (_, i) => ({ code: `c${i}` }));
    for (const [pointer, change] of [
      ["/data/scope", (a: Json) => (a.data.scope = big)],
      ["/materials", (a: Json) => (a.materials = big)],
      ["/evidence/x", (a: Json) => (a.evidence.x = big)],
    ] as const) {
      const error = await refused(application(change));
      problemAt(error, pointer, /array of 100000 items; at most 1000/);
    }
    const keys = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
    problemAt(
      await refused(application((a) => (a.data.extra = keys))),
      "/data/extra",
      /100000 keys/,
    );
  });

  it("many values, or much text, each within its own limit", async () => {
    const rows = Array.from({ length: 200 }, () => Array.from({ length: 999 }, (_, i) => i));
    problemAt(
      await refused(application((a) => (a.data.rows = rows))),
      "",
      /more than 100000 values/,
    );
    const text = Array.from({ length: 200 }, () => "x".repeat(INPUT_LIMITS.maxStringLength - 1));
    const error = await refused(application((a) => (a.data.notes = text)));
    expect(error.problems.some((p) => /characters of text in all/.test(p.message))).toBe(true);
  });
});

describe("deep nesting is refused at the depth limit, without recursion", () => {
  const deep = (n: number, open: string, close: string, leaf = "1") =>
    JSON.parse(open.repeat(n) + leaf + close.repeat(n));

  it("10,000-deep objects and arrays (as JSON.parse gives them) and 1,000,000-deep arrays", async () => {
    for (const value of [
      deep(10_000, '{"a":', "}"),
      deep(10_000, "[", "]"),
      deep(1_000_000, "[", "]", ""),
    ]) {
      const error = await refused(application((a) => (a.data.nested = value)));
      const problem = error.problems[0];
      expect(problem?.message).toMatch(new RegExp(`deeper than ${INPUT_LIMITS.maxDepth} levels`));
      // The pointer names the first container past the limit.
      expect(problem?.pointer.split("/").length).toBe(INPUT_LIMITS.maxDepth + 1);
      expect(problem?.pointer.startsWith("/data/nested/")).toBe(true);
    }
  });

  it("a whole application nested 10,000 deep, and a cyclic object from a JavaScript caller", async () => {
    await refused(deep(10_000, '{"data":', "}"));
    const cyclic = application();
    cyclic.data.self = cyclic.data;
    const error = await refused(cyclic);
    expect(error.problems[0]?.message).toMatch(/deeper than/);
  });
});

describe("prototype keys are refused wherever they are, and pollute nothing", () => {
  const KEYS = ["__proto__", "constructor", "prototype"];

  it("at the top, in data, evidence, materials and deep inside, all listed at once", async () => {
    const text = JSON.stringify(seed.application)
      .replace("{", '{"__proto__":{"polluted":1},')
      .replace('"data":{', '"data":{"constructor":{"prototype":{"polluted":1}},')
      .replace('"evidence":{', '"evidence":{"prototype":{"polluted":1},')
      .replace('"materials":[{', '"materials":[{"__proto__":{"via":"upload"},');
    const input = JSON.parse(text); // JSON.parse makes __proto__ an own key
    const error = await refused(input);
    expect(error.problems.map((p) => p.pointer).sort()).toEqual(
      ["/__proto__", "/data/constructor", "/evidence/prototype", "/materials/0/__proto__"].sort(),
    );
    for (const p of error.problems) expect(p.message).toMatch(/is not allowed/);
    expect(({} as Json).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  it("as values they are ordinary text", async () => {
    for (const key of KEYS) {
      const { decision } = await timed(application((a) => (a.data.liaison.name = key)));
      expect(decision?.outcome).toBe("approve");
    }
  });
});

describe("text that is not well-formed Unicode is refused; any real character is decided", () => {
  it("lone surrogates in values and keys", async () => {
    for (const [pointer, change] of [
      ["/data/operator/name", (a: Json) => (a.data.operator.name = "李\uD800华")],
      ["/evidence/note", (a: Json) => (a.evidence.note = "\uDC00")],
      ["/materials/0/ref", (a: Json) => (a.materials[0].ref = "x\uDBFF")],
    ] as const) {
      problemAt(await refused(application(change)), pointer, /lone surrogate/);
    }
    const error = await refused(application((a) => (a.data["k\uD800"] = 1)));
    problemAt(error, "/data", /lone surrogate/);
    expect(/\p{Surrogate}/u.test(error.message), "the message is well-formed text").toBe(false);
  });

  it("surrogate pairs, rare CJK, emoji, combining marks and controls are decided", async () => {
    for (const name of ["𠀀𪚥", "李😀华", "é", "李\u0000华", "\u202E华李"]) {
      const { decision } = await timed(application((a) => (a.data.liaison.name = name)));
      expect(decision?.outcome).toBe("approve");
    }
  });
});

describe("numbers as strings and strings as numbers are asked for again, by name", () => {
  /** Each typed data field of the seed, with its value turned into the other kind. */
  function swapped(): Array<{ path: (string | number)[]; value: unknown }> {
    const out: Array<{ path: (string | number)[]; value: unknown }> = [];
    for (const path of paths(seed.application.data)) {
      const original = getAt(seed.application.data, path);
      const types = schemaTypes(schemaAt(seed.matterFile.input.data, path));
      if (types === undefined) continue;
      if (typeof original === "number" || typeof original === "boolean") {
        if (!types.has("string")) out.push({ path, value: String(original) });
      } else if (typeof original === "string" && !types.has("number")) {
        const n = Number(original);
        out.push({
          path,
          value: Number.isFinite(n) && original.trim() !== "" ? n : original.length,
        });
      }
    }
    return out;
  }

  it("every typed field of an approved application: incomplete, naming the field", async () => {
    const swaps = swapped();
    expect(swaps.length).toBeGreaterThan(5);
    for (const { path, value } of swaps) {
      const { decision } = await timed(application((a) => setAt(a.data, path, value)));
      const field = dotted(path);
      expect(decision?.outcome, field).toBe("incomplete");
      const item = decision?.missing.find((m) => m.id === field || field.startsWith(`${m.id}.`));
      expect(item, `a missing item for ${field}`).toBeDefined();
      expect(item?.message).toContain(item?.id);
    }
  });

  it("evidence booleans as strings are not evidence: refer, never approve", async () => {
    // The evidence the approval relies on (see reliedOn in test/properties/support.ts).
    let tried = 0;
    for (const target of reliedTargets(seed)) {
      const original = getAt(seed.application, target);
      if (target[0] !== "evidence" || typeof original !== "boolean") continue;
      tried++;
      const { decision } = await timed(application((a) => setAt(a, target, String(original))));
      expect(decision?.outcome, `${dotted(target)} = "${original}"`).toBe("refer");
    }
    expect(tried).toBeGreaterThan(3);
  });

  it("envelope fields of the wrong kind are refused with their pointers", async () => {
    const error = await refused(
      application((a) => {
        a.appliedOn = 20250630;
        a.matter = 1;
        a.materials[0].via = 3;
      }),
    );
    for (const pointer of ["/appliedOn", "/matter", "/materials/0/via"]) {
      expect(error.problems.map((p) => p.pointer)).toContain(pointer);
    }
  });
});

describe("values JSON cannot hold (from JavaScript callers) are refused, never thrown", () => {
  it("NaN, Infinity, functions, symbols, bigints, Dates, Maps and class instances", async () => {
    class Custom {}
    for (const [value, message] of [
      [Number.NaN, /not a JSON number/],
      [Number.POSITIVE_INFINITY, /not a JSON number/],
      [() => 1, /function is not JSON/],
      [Symbol("s"), /symbol is not JSON/],
      [10n, /bigint is not JSON/],
      [new Date(0), /not a plain JSON object/],
      [new Map([["a", 1]]), /not a plain JSON object/],
      [new Custom(), /not a plain JSON object/],
    ] as const) {
      const error = await refused(application((a) => (a.data.funds = value)));
      problemAt(error, "/data/funds", message);
    }
  });

  it("a getter that throws, or a proxy that throws, is a refusal", async () => {
    const getter = application();
    Object.defineProperty(getter.data, "trap", {
      enumerable: true,
      get() {
        throw new Error("boom");
      },
    });
    expect((await refused(getter)).message).toMatch(/could not be read: boom/);
    const proxied = application();
    proxied.data = new Proxy(proxied.data, {
      ownKeys() {
        throw new Error("no keys");
      },
    });
    expect((await refused(proxied)).message).toMatch(/could not be read: no keys/);
  });
});

describe("limits are documented where they are enforced", () => {
  it("SECURITY.md states every limit with its value", async () => {
    const { readFileSync } = await import("node:fs");
    const text = readFileSync(new URL("../../SECURITY.md", import.meta.url), "utf8");
    for (const limits of [INPUT_LIMITS, RULE_FILE_LIMITS, EVIDENCE_TIMEOUT]) {
      for (const [name, value] of Object.entries(limits)) {
        const rows = text.split("\n").filter((line) => line.includes(`\`${name}\``));
        const value_ = value.toLocaleString("en-US");
        expect(
          rows.some((row) => row.includes(value_)),
          `${name} = ${value_}`,
        ).toBe(true);
      }
    }
  });
});
