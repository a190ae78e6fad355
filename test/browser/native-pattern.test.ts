import { fc, test } from "@fast-check/vitest";
import { RE2JS } from "re2js";
import { describe, expect, it } from "vitest";
import { nativePatternError, nativeRegExp } from "../../src/browser/native-pattern.js";
import { toRe2Syntax } from "../../src/evaluate/linear-pattern.js";

// The browser runs rule files' patterns on its own RegExp only where RE2 (the library's
// engine) means the same: held to re2js on random patterns of the subset and random texts.

/** Random patterns of the subset, in the syntax rule authors write (JavaScript's). */
const literal = fc.constantFrom("a", "b", "0", "9", "-", "_", "中", "国", "A", " ", "é", "😀");
const escaped = fc.constantFrom("\\d", "\\D", "\\.", "\\-", "\\n", "\\u4E2D", "\\u{1F600}", "\\/");
const classItem = fc.oneof(
  literal.filter((c) => c !== "-"),
  fc.constantFrom("a-z", "0-9", "\\u4E00-\\u9FFF", "\\d", "\\-", "A-Z"),
);
const characterClass = fc
  .tuple(fc.boolean(), fc.array(classItem, { minLength: 1, maxLength: 4 }))
  .map(([negated, items]) => `[${negated ? "^" : ""}${items.join("")}]`);
const quantifier = fc.constantFrom("", "", "*", "+", "?", "{2}", "{1,3}", "{0,}", "*?", "{6}");
const simpleAtom = fc.oneof(literal, escaped, characterClass);
const group = fc
  .tuple(fc.constantFrom("(", "(?:"), fc.array(simpleAtom, { minLength: 1, maxLength: 3 }))
  .map(([open, atoms]) => `${open}${atoms.join("")})`);
const alternation = fc
  .array(fc.array(simpleAtom, { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 3 })
  .map((branches) => `(?:${branches.map((b) => b.join("")).join("|")})`);
const piece = fc.oneof(
  fc.tuple(fc.oneof(simpleAtom, group), quantifier).map(([a, q]) => a + q),
  alternation,
);
const pattern = fc
  .tuple(fc.boolean(), fc.array(piece, { minLength: 1, maxLength: 5 }), fc.boolean())
  .map(([start, pieces, end]) => `${start ? "^" : ""}${pieces.join("")}${end ? "$" : ""}`);
const text = fc
  .array(
    fc.constantFrom(
      "a",
      "b",
      "0",
      "9",
      "5",
      "-",
      "_",
      "中",
      "国",
      "A",
      " ",
      "é",
      "😀",
      "\n",
      "\r",
      ".",
      "/",
    ),
    {
      maxLength: 12,
    },
  )
  .map((chars) => chars.join(""));

describe("patterns in the browser", () => {
  test.prop([pattern, fc.array(text, { minLength: 1, maxLength: 8 })], { numRuns: 400 })(
    "match exactly where RE2 matches",
    (source, texts) => {
      const re2Source = toRe2Syntax(source);
      expect(nativePatternError(re2Source)).toBeUndefined();
      const re2 = RE2JS.compile(re2Source);
      const native = nativeRegExp(re2Source);
      for (const t of texts) {
        expect([source, t, native.test(t)]).toEqual([source, t, re2.matcher(t).find()]);
      }
    },
  );

  it("accepts the patterns the bundled matters use", () => {
    for (const source of ["^[0-9a-f]{64}$", "^[0-9]{6}$"]) {
      expect(nativePatternError(toRe2Syntax(source))).toBeUndefined();
    }
  });

  it.each([
    [".", "the dot"],
    ["a\\sb", "\\s"],
    ["\\w+", "\\w"],
    ["\\bword", "\\b"],
    ["\\p{Script=Han}", "\\p"],
    ["(?i)abc", "flags"],
    ["[[:alpha:]]", "[ inside a class"],
    ["(a+)+$", "quantified group holding a quantifier"],
    ["(a|b)*", "quantified group holding a quantifier or an alternation"],
    ["a{1001}", "over 1000"],
    ["a{", "a {"],
    ["(a", "unterminated group"],
    ["a)", "closes nothing"],
    ["[]a]", "empty class"],
    ["\\1", "escape"],
    ["\\ud800", "surrogate"],
  ])(
    "refuses %s (%s): the engines read it differently, or it could backtrack long",
    (source, why) => {
      const error = nativePatternError(toRe2Syntax(source));
      expect(error).toBeDefined();
      expect(error).toContain(why);
    },
  );
});
