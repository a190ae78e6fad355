import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateApplications } from "../../bench/corpus.js";
import { ApplicationSchema, readApplication } from "../../src/model/application.js";

type Json = Record<string, unknown>;

/** JSON with every key in its order, and `undefined` shown: equal texts, equal objects. */
const exact = (value: unknown) =>
  JSON.stringify(value, (_key, v) => (v === undefined ? "<undefined>" : v));

/** readApplication either gives what the schema gives, or leaves the input to the schema. */
function agrees(input: unknown): "fast" | "schema" {
  const fast = readApplication(input);
  if (fast === undefined) return "schema";
  const parsed = ApplicationSchema.safeParse(input);
  expect(parsed.success).toBe(true);
  if (!parsed.success) return "fast";
  const slow = parsed.data;
  expect(exact(fast)).toBe(exact(slow));
  expect(Object.keys(fast)).toEqual(Object.keys(slow));
  expect(Object.keys(fast.data)).toEqual(Object.keys(slow.data));
  expect(Object.keys(fast.evidence)).toEqual(Object.keys(slow.evidence));
  expect(fast.materials.map((m) => Object.keys(m))).toEqual(
    slow.materials.map((m) => Object.keys(m)),
  );
  // Shallow copies, as the schema makes: new containers, the same values inside.
  const source = input as Json;
  expect(fast.data).not.toBe(source.data);
  for (const key of Object.keys(fast.data)) expect(fast.data[key]).toBe(slow.data[key]);
  if (source.evidence !== undefined) expect(fast.evidence).not.toBe(source.evidence);
  return "fast";
}

const corpus = generateApplications(600, 7);
const examples = readdirSync(new URL("../../examples", import.meta.url))
  .filter((name) => name.endsWith(".json"))
  .map((name) =>
    JSON.parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), "utf8")),
  );

/** Every envelope field set to values of every kind, valid and not. */
const VARIANTS: Record<string, unknown[]> = {
  $schema: ["x", 1, null, undefined],
  id: ["case-1", "", 7, null, undefined],
  matter: ["individual-business.establishment", "1abc", "a b", "", 3, undefined],
  appliedOn: ["2025-06-30", "2024-02-29", "2025-02-29", "2025-13-01", "2025-6-30", 20250630],
  acceptedOn: ["2025-07-01", "2025-02-30", "", null, undefined],
  data: [{}, { b: 1, a: 2, 10: 3, 2: 4 }, [], null, "x", Object.create(null), new Date(0)],
  evidence: [{}, { x: { y: 1 } }, [], null, undefined],
  materials: [
    [],
    [{ id: "M", via: "upload" }],
    [{ via: "e-sign", ref: "r", id: "M-2" }],
    [{ id: "M", via: "fax" }],
    [{ id: "M", via: "upload", ref: 1 }],
    [{ id: "M", via: "upload", extra: true }],
    [{ id: "M", via: "upload", ref: undefined }],
    [{ id: "1M", via: "upload" }],
    [null],
    {},
    undefined,
  ],
  extra: [1, undefined],
};

describe("readApplication (the envelope without zod)", () => {
  it("gives what ApplicationSchema gives on the benchmark corpus and the examples", () => {
    const paths = [...corpus, ...examples].map(agrees);
    // Valid envelopes take the fast path.
    expect(paths.filter((p) => p === "fast").length).toBe(paths.length);
  });

  it("gives what ApplicationSchema gives, or leaves it to the schema, on every variant", () => {
    const base = corpus[0] as Json;
    let fast = 0;
    for (const [key, values] of Object.entries(VARIANTS)) {
      for (const value of values) {
        const input: Json = { ...base, [key]: value };
        if (agrees(input) === "fast") fast++;
        const without: Json = { ...base };
        delete without[key];
        agrees(without);
      }
    }
    expect(fast).toBeGreaterThan(10);
    for (const input of [null, undefined, 1, "x", [], [base], Object.create(base)]) {
      expect(readApplication(input)).toBeUndefined();
    }
    // Keys the schema must judge: symbols, an own __proto__.
    const symbol = { ...base, data: { ...(base.data as Json), [Symbol("s")]: 1 } };
    const proto = { ...base, data: JSON.parse('{"__proto__": {"x": 1}}') };
    for (const input of [symbol, proto]) expect(readApplication(input)).toBeUndefined();
    // A hidden key is skipped, as the schema skips it.
    agrees({ ...base, data: Object.defineProperty({ a: 1 }, "h", { value: 1 }) });
  });
});
