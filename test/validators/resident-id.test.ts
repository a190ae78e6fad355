import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  parseResidentId,
  residentIdCheckCharacter,
  upgradeLegacyResidentId,
} from "../../src/validators/resident-id.js";

const codesOf = (value: string, today?: string) => {
  const result = parseResidentId(value, today === undefined ? {} : { today });
  return result.valid ? [] : result.problems.map((problem) => problem.code);
};

describe("parseResidentId: examples of GB 11643-1999 and SPEC §7.1–7.2", () => {
  it.each([
    ["11010519491231002X", "mainland", "110105", "1949-12-31", "female"],
    ["440524188001010014", "mainland", "440524", "1880-01-01", "male"],
    ["370784199001011239", "mainland", "370784", "1990-01-01", "male"],
    ["440305198503152222", "mainland", "440305", "1985-03-15", "female"],
    ["520102196008084411", "mainland", "520102", "1960-08-08", "male"],
    ["440305195201010014", "mainland", "440305", "1952-01-01", "male"],
    ["44030519450101002X", "mainland", "440305", "1945-01-01", "female"],
    ["370784200707010022", "mainland", "370784", "2007-07-01", "female"],
    ["370784200706300036", "mainland", "370784", "2007-06-30", "male"],
    ["810000198808080013", "hong-kong", "810000", "1988-08-08", "male"],
    ["820000199505050032", "macao", "820000", "1995-05-05", "male"],
    ["830000199001010020", "taiwan", "830000", "1990-01-01", "female"],
  ])("accepts %s (%s, born %s)", (number, kind, regionCode, birthDate, sex) => {
    expect(parseResidentId(number, { today: "2025-06-30" })).toEqual({
      valid: true,
      number,
      kind,
      regionCode,
      provinceCode: regionCode.slice(0, 2),
      birthDate,
      sex,
    });
  });

  it("computes the check characters of the two official examples", () => {
    expect(residentIdCheckCharacter("11010519491231002")).toBe("X");
    expect(residentIdCheckCharacter("44052418800101001")).toBe("4");
  });

  it("has no check character for anything but 17 digits", () => {
    expect(residentIdCheckCharacter("1101051949123100")).toBeUndefined();
    expect(residentIdCheckCharacter("1101051949123100A")).toBeUndefined();
  });

  it("accepts a lower-case x and writes it upper-case", () => {
    expect(parseResidentId("11010519491231002x")).toMatchObject({
      valid: true,
      number: "11010519491231002X",
    });
  });
});

describe("parseResidentId: problems", () => {
  it("reports a wrong check digit", () => {
    expect(codesOf("110105194912310021")).toEqual(["check-digit"]);
    expect(codesOf("440524188001010015")).toEqual(["check-digit"]);
  });

  it("treats a last character that is neither digit nor X as a format problem (TC-A13)", () => {
    expect(codesOf("11010519491231002Y")).toEqual(["format"]);
  });

  it("never reveals the expected check character", () => {
    const result = parseResidentId("110105194912310021");
    expect(result.valid || result.problems.some((p) => p.message.includes("X"))).toBe(false);
  });

  it("reports a birth date that does not exist", () => {
    const body = "44030520250230002";
    expect(codesOf(`${body}${residentIdCheckCharacter(body)}`)).toEqual(["birth-date"]);
  });

  it("lists a bad birth date and a bad check digit together", () => {
    const body = "44030520250230002";
    const wrong = residentIdCheckCharacter(body) === "0" ? "1" : "0";
    expect(codesOf(`${body}${wrong}`)).toEqual(["birth-date", "check-digit"]);
  });

  it("lists every problem at once: province, birth date and check digit", () => {
    expect(codesOf("990000202502300020")).toEqual(["province", "birth-date", "check-digit"]);
  });

  it("reports a birth date after today only when today is given", () => {
    const body = "44030520250701002";
    const number = `${body}${residentIdCheckCharacter(body)}`;
    expect(codesOf(number, "2025-06-30")).toEqual(["birth-date"]);
    expect(codesOf(number, "2025-07-01")).toEqual([]);
    expect(codesOf(number)).toEqual([]);
  });

  it("cannot confirm the birth date against an invalid today", () => {
    expect(codesOf("440305198503152222", "2025-02-30")).toEqual(["birth-date"]);
  });

  it("rejects an unknown province but not an unknown county", () => {
    const unknownProvince = "99030519850315222";
    const unknownCounty = "44039919850315222";
    expect(codesOf(`${unknownProvince}${residentIdCheckCharacter(unknownProvince)}`)).toEqual([
      "province",
    ]);
    expect(codesOf(`${unknownCounty}${residentIdCheckCharacter(unknownCounty)}`)).toEqual([]);
  });

  it("accepts 81, 82 and 83 only as the residence-permit codes 810000, 820000 and 830000", () => {
    for (const region of ["810100", "820001", "830100"]) {
      const body = `${region}19880808001`;
      expect(codesOf(`${body}${residentIdCheckCharacter(body)}`), region).toEqual(["province"]);
    }
  });

  it("rejects Taiwan's GB/T 2260 code 71, which no card carries", () => {
    const body = "71000019880808001";
    expect(codesOf(`${body}${residentIdCheckCharacter(body)}`)).toEqual(["province"]);
  });

  it("reports a legacy 15-digit number as format and asks for the 18-digit one", () => {
    const result = parseResidentId("110105491231002");
    expect(result).toMatchObject({ valid: false, problems: [{ code: "format" }] });
    expect(result.valid ? "" : result.problems[0]?.message).toContain("18-digit");
  });

  it("rejects other shapes as format only", () => {
    for (const value of [
      "",
      "1101051949123100",
      "1101051949123100222",
      "11010519491231002 ",
      "A1010519491231002X",
    ]) {
      expect(codesOf(value), value).toEqual(["format"]);
    }
  });
});

describe("upgradeLegacyResidentId", () => {
  it("inserts the century 19 and appends the check character", () => {
    expect(upgradeLegacyResidentId("110105491231002")).toBe("11010519491231002X");
    expect(upgradeLegacyResidentId("440305850315222")).toBe("440305198503152222");
  });

  it("refuses anything but 15 digits with a real date", () => {
    expect(upgradeLegacyResidentId("11010549123100")).toBeUndefined();
    expect(upgradeLegacyResidentId("110105490230002")).toBeUndefined();
  });
});

const validIds = fc
  .record({
    region: fc.constantFrom("110105", "440305", "370784", "520102", "810000", "830000"),
    born: fc.date({
      min: new Date("1900-01-01"),
      max: new Date("2025-06-30"),
      noInvalidDate: true,
    }),
    sequence: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ region, born, sequence }) => {
    const body = `${region}${born.toISOString().slice(0, 10).replaceAll("-", "")}${String(sequence).padStart(3, "0")}`;
    return `${body}${residentIdCheckCharacter(body)}`;
  });

describe("parseResidentId: the check digit catches every single error", () => {
  test.prop([validIds])("accepts every generated valid number", (number) => {
    expect(parseResidentId(number, { today: "2025-06-30" }).valid).toBe(true);
  });

  test.prop([validIds, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 })])(
    "rejects a number with any one of its 17 body digits changed",
    (number, position, shift) => {
      const digit = (Number(number[position]) + shift) % 10;
      const mutated = `${number.slice(0, position)}${digit}${number.slice(position + 1)}`;
      expect(codesOf(mutated)).toContain("check-digit");
    },
  );

  test.prop([validIds, fc.integer({ min: 0, max: 15 })])(
    "rejects a number with two different adjacent body digits swapped",
    (number, position) => {
      const [a, b] = [number[position], number[position + 1]];
      fc.pre(a !== b);
      const swapped = `${number.slice(0, position)}${b}${a}${number.slice(position + 2)}`;
      expect(codesOf(swapped)).toContain("check-digit");
    },
  );
});
