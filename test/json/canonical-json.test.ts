import canonicalize from "canonicalize";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../src/json/canonical-json.js";

// The rules' and the applications' SHA-256 are of their canonical JSON, which an auditor must be
// able to reproduce in any language: it is RFC 8785 (JSON Canonicalization Scheme). Held here to
// `canonicalize`, the RFC's reference implementation for JavaScript by one of its authors, on
// random JSON values: keys sorted by UTF-16 code units at every level (including keys outside the
// Basic Multilingual Plane), numbers as ECMAScript writes them (exponents, -0), strings escaped
// as JSON.stringify escapes them.
describe("canonicalJson is RFC 8785", () => {
  it("matches the reference implementation on 40,000 random JSON values", () => {
    const text = fc.string({ unit: "binary", maxLength: 12 });
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: "small" },
        fc.constant(null),
        fc.boolean(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer(),
        text,
        fc.array(tie("value"), { maxLength: 5 }),
        fc.dictionary(text, tie("value"), { maxKeys: 5 }),
      ),
    })).value;
    fc.assert(
      fc.property(json, (value) => {
        expect(canonicalJson(value)).toBe(canonicalize(value));
      }),
      { numRuns: 40_000 },
    );
  }, 180_000);

  it("writes the cases the RFC singles out as it does", () => {
    const value = { "\u20ac": "Euro", "\r": "CR", "1": 1e30, "\ud83d\ude00": -0, "\u00e9": 4.5e-7 };
    expect(canonicalJson(value)).toBe(canonicalize(value));
    expect(canonicalJson(value)).toBe('{"\\r":"CR","1":1e+30,"é":4.5e-7,"€":"Euro","😀":0}');
  });
});
