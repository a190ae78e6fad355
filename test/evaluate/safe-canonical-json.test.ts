// safeCanonicalJson checks an input's bounds and makes its canonical text in one pass; these
// tests hold it to inputProblems (no problem exactly when it gives a text) and canonicalJson
// (the same text).

import { fc, test as propertyTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { INPUT_LIMITS, inputProblems } from "../../src/evaluate/input-limits.js";
import { safeCanonicalJson } from "../../src/evaluate/safe-canonical-json.js";
import { canonicalJson } from "../../src/json/canonical-json.js";

function expected(value: unknown): string | undefined {
  return inputProblems(value).length === 0 ? canonicalJson(value) : undefined;
}

const L = INPUT_LIMITS;

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { k: value };
  return value;
}

describe("safeCanonicalJson", () => {
  it("agrees with inputProblems and canonicalJson at every bound", () => {
    const cases: unknown[] = [
      { b: 1, a: [true, null, undefined, 'x\u0000"y'], c: undefined, d: -0 },
      undefined,
      null,
      "text",
      nested(L.maxDepth),
      nested(L.maxDepth + 1),
      { s: "a".repeat(L.maxStringLength) },
      { s: "a".repeat(L.maxStringLength + 1) },
      { ["k".repeat(L.maxKeyLength)]: 1 },
      { ["k".repeat(L.maxKeyLength + 1)]: 1 },
      { a: new Array(L.maxArrayLength).fill(0) },
      { a: new Array(L.maxArrayLength + 1).fill(0) },
      // biome-ignore lint/suspicious/noSparseArray: a hole reads as undefined
      { a: [1, , 3] },
      Object.fromEntries(Array.from({ length: L.maxObjectKeys }, (_, i) => [`k${i}`, i])),
      Object.fromEntries(Array.from({ length: L.maxObjectKeys + 1 }, (_, i) => [`k${i}`, i])),
      Array.from({ length: 50 }, () => "a".repeat(L.maxStringLength)),
      Array.from({ length: 51 }, () => "a".repeat(L.maxStringLength)),
      Array.from({ length: 120 }, () => new Array(L.maxArrayLength - 1).fill(null)),
      { n: Number.NaN },
      { n: Number.POSITIVE_INFINITY },
      { f: () => 1 },
      { s: Symbol("s") },
      { b: 1n },
      { d: new Date(0) },
      JSON.parse('{"__proto__": {}}'),
      { constructor: 1 },
      { prototype: 1 },
      { "\ud800": 1 },
      { s: "\udc00" },
      { s: "\ud83d\ude00" },
      Object.assign(Object.create(null), { z: 1, a: { y: 2 } }),
      Object.defineProperty({}, "x", {
        enumerable: true,
        get() {
          throw new Error("no");
        },
      }),
    ];
    for (const value of cases) expect(safeCanonicalJson(value)).toBe(expected(value));
  });

  propertyTest.prop([
    fc.anything({
      withNullPrototype: true,
      withBigInt: true,
      withDate: true,
      withSparseArray: true,
      withObjectString: true,
      withBoxedValues: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withUnicodeString: true,
      maxDepth: 6,
    }),
  ])("agrees on any value", (value) => {
    expect(safeCanonicalJson(value)).toBe(expected(value));
  });

  propertyTest.prop([
    fc.dictionary(
      fc.constantFrom("__proto__", "constructor", "prototype", "a", "b", "\ud800"),
      fc.jsonValue(),
    ),
  ])("agrees on objects with unusual keys", (value) => {
    expect(safeCanonicalJson(value)).toBe(expected(value));
  });
});
