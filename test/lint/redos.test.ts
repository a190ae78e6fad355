import { describe, expect, it } from "vitest";
import { analyseRegex } from "../../src/lint/regex/redos.js";

/** Classic catastrophic-backtracking patterns (OWASP, safe-regex, the ReDoS literature). */
const UNSAFE = [
  "^(a+)+$",
  "(a+)+b",
  "(a|aa)+",
  "(a|a?)+",
  "(.*a){12}",
  "(.*a){40}",
  "([a-zA-Z]+)*",
  "(\\w|\\d)+$",
  "^(\\w+\\s?)*$",
  "(a*)*b",
  "(x+x+)+y",
  "(a+ba+)+c",
  "(a{1,2})+$",
  "^(([a-z])+.)+[A-Z]([a-z])+$",
  "^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$",
  ".*a.*b.*c",
  "\\d+\\.?\\d*x",
  "^(?=(a+)+$)",
  "(a)\\1",
  // Counted repetitions that multiply the ways of matching (unrolled, they have no loop).
  "^(?:a|a){1,30}$",
  "^(?:a|a){30}$",
  "^(?:a{1,20}){1,20}$",
  "^(?:(?: {1,4}){1,4}){1,4}$",
  "\\s(?:a|(?:a| {1,3}){1,3}){1,3}a",
  "^(?:a?){30}$",
  "^(?:a?){2,}$",
  "^(?:\\d{1,3}\\d{1,3}){5}x",
];

/** Patterns rule authors write for Chinese registration data, and other linear ones. */
const SAFE = [
  "^\\d{6}$",
  "^1[3-9]\\d{9}$",
  "^\\d{17}[\\dX]$",
  "^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$",
  "^[\\u4e00-\\u9fa5]{2,50}$",
  "^\\p{Script=Han}+$",
  "^([a-z]+\\.)+[a-z]{2,}$",
  "^\\d+(\\.\\d+)?$",
  "^\\d+\\.?\\d*$",
  "^\\s*\\w+\\s*=\\s*\\w+\\s*$",
  "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$",
  "^(?:[01]\\d|2[0-3]):[0-5]\\d$",
  "(ab|ac)+",
  "(a{2}){3}",
  "^[HM]\\d{8}(\\d{2})?$",
  "^\\p{Script=Han}{2,}$",
  "^(?:[01]\\d){3}$",
  "^(?:ab?){1,5}$",
  "^(?:a?)+$",
  "^(?:\\d{1,3}\\.){3}\\d{1,3}$",
  "^(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$",
  "^[\\w.-]{1,64}@[\\w-]{1,63}(?:\\.[\\w-]{1,63}){1,5}$",
  "^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$",
];

describe("analyseRegex: the ReDoS guard", () => {
  it.each(UNSAFE)("refuses %s", (pattern) => {
    expect(analyseRegex(pattern)).toMatchObject({ ok: false, code: "unsafe-regex" });
  });

  it.each(SAFE)("accepts %s", (pattern) => {
    expect(analyseRegex(pattern)).toEqual({ ok: true });
  });

  it("says why: exponential, polynomial, backreference", () => {
    expect(analyseRegex("^(a+)+$")).toMatchObject({
      reason: expect.stringContaining("exponential"),
    });
    expect(analyseRegex("(.*a){12}")).toMatchObject({
      reason: expect.stringContaining("to the power 13"),
    });
    expect(analyseRegex("(a)\\1")).toMatchObject({
      reason: expect.stringContaining("backreference"),
    });
    expect(analyseRegex("^(?:a|a){1,30}$")).toMatchObject({
      reason: expect.stringContaining("counted repetition"),
    });
  });

  it("reports a pattern that does not compile as invalid", () => {
    expect(analyseRegex("([unclosed")).toMatchObject({ ok: false, code: "invalid-regex" });
    expect(analyseRegex("a{2,1}")).toMatchObject({ ok: false, code: "invalid-regex" });
  });

  it("accepts only patterns that match adversarial 10 000-character inputs quickly", () => {
    const attacks = ["a", "1", " ", "a.", "@a", "aaaaaaaaaa!", "1.1"].map(
      (unit) => `${unit.repeat(Math.ceil(10_000 / unit.length)).slice(0, 10_000)}!`,
    );
    for (const pattern of SAFE) {
      const regex = new RegExp(pattern, "u");
      const started = performance.now();
      for (const input of attacks) regex.test(input);
      expect(performance.now() - started, pattern).toBeLessThan(1_000);
    }
  });

  it("confirms the danger on a small input: a refused pattern really backtracks", () => {
    const started = performance.now();
    /^(a+)+$/u.test(`${"a".repeat(22)}!`);
    expect(performance.now() - started).toBeGreaterThan(20);
  });
});
