import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { creditCodeCheckCharacter, parseCreditCode } from "../../src/validators/credit-code.js";

const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

const codesOf = (value: string) => {
  const result = parseCreditCode(value);
  return result.valid ? [] : result.problems.map((problem) => problem.code);
};

describe("parseCreditCode: examples of SPEC §7.4", () => {
  it.each([
    ["91110000600037341L", "110000", "enterprise"],
    ["91350100M000100Y43", "350100", "enterprise"],
    ["92440300MA5G12345H", "440300", "individual-business"],
    ["92370784MA3N0A1B29", "370784", "individual-business"],
    ["91440300MA5FAB1235", "440300", "enterprise"],
  ])("accepts %s (region %s, %s)", (code, regionCode, entityKind) => {
    expect(parseCreditCode(code)).toEqual({
      valid: true,
      code,
      department: code.slice(0, 1),
      category: code.slice(0, 2),
      regionCode,
      entityKind,
    });
  });

  it("computes the check character of the python-stdnum example", () => {
    expect(creditCodeCheckCharacter("91110000600037341")).toBe("L");
  });

  it("reads 93 as a farmers' cooperative and other categories as other", () => {
    const cooperative = `93440300MA5G12345`;
    const institution = `12100000000018032`;
    expect(parseCreditCode(`${cooperative}${creditCodeCheckCharacter(cooperative)}`)).toMatchObject(
      {
        entityKind: "farmers-cooperative",
      },
    );
    expect(parseCreditCode(`${institution}${creditCodeCheckCharacter(institution)}`)).toMatchObject(
      {
        entityKind: "other",
        department: "1",
      },
    );
  });

  it("accepts the central registration region 100000", () => {
    expect(codesOf("11100000000013338W")).toEqual([]);
  });

  it("accepts lower-case letters and writes them upper-case", () => {
    expect(parseCreditCode("91110000600037341l")).toMatchObject({ code: "91110000600037341L" });
  });
});

describe("parseCreditCode: problems", () => {
  it("reports a pilot code that fails the checksum (cited in SPEC §7.4)", () => {
    expect(codesOf("91350100M0001TGQXM")).toEqual(["check-character"]);
  });

  it("reports a wrong check character", () => {
    expect(codesOf("91110000600037341M")).toEqual(["check-character"]);
  });

  it("reports each excluded letter as a charset problem", () => {
    const result = parseCreditCode("92440300MA5G1234SO");
    expect(result).toMatchObject({ valid: false, problems: [{ code: "charset" }] });
    expect(result.valid ? "" : result.problems[0]?.message).toContain("S, O");
  });

  it("reports an unknown province prefix in the region code", () => {
    const body = "92990300MA5G12345";
    expect(codesOf(`${body}${creditCodeCheckCharacter(body)}`)).toEqual(["region"]);
  });

  it("lists every problem at once", () => {
    expect(codesOf("92990300MA5G12345A")).toEqual(["region", "check-character"]);
    expect(codesOf("92990300MA5GI2345H")).toEqual(["charset", "region"]);
  });

  it("rejects other shapes as format only", () => {
    for (const value of [
      "",
      "9244030MA5G12345H",
      "92440300MA5G12345HH",
      "92A40300MA5G12345H",
      "92440300MA5G1234-H",
    ]) {
      expect(codesOf(value), value).toEqual(["format"]);
    }
  });

  it("has no check character for text outside the 31-character alphabet", () => {
    expect(creditCodeCheckCharacter("9244030OMA5G12345")).toBeUndefined();
    expect(creditCodeCheckCharacter("92440300MA5G1234")).toBeUndefined();
  });
});

const validCodes = fc
  .record({
    category: fc.constantFrom("91", "92", "93", "11", "52"),
    region: fc.constantFrom("110000", "440300", "370784", "100000"),
    subject: fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 9, maxLength: 9 }),
  })
  .map(({ category, region, subject }) => {
    const body = `${category}${region}${subject}`;
    return `${body}${creditCodeCheckCharacter(body)}`;
  });

describe("parseCreditCode: the check character catches every single substitution", () => {
  test.prop([validCodes])("accepts every generated valid code", (code) => {
    expect(parseCreditCode(code).valid).toBe(true);
  });

  test.prop([validCodes, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 30 })])(
    "rejects a code with any one of its first 17 characters replaced",
    (code, position, shift) => {
      const value = ALPHABET.indexOf(code[position] ?? "");
      let replacement = ALPHABET[(value + shift) % 31] ?? "";
      if (position >= 2 && position < 8) replacement = String((value + (shift % 9) + 1) % 10);
      const mutated = `${code.slice(0, position)}${replacement}${code.slice(position + 1)}`;
      expect(codesOf(mutated)).toContain("check-character");
    },
  );
});
