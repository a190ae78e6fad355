import { describe, expect, it } from "vitest";
import {
  isProvincePrefix,
  parseRegionCode,
  provinceCodes,
} from "../../src/validators/region-code.js";

describe("provinceCodes", () => {
  it("lists the 34 GB/T 2260 province prefixes of SPEC §7.5", () => {
    expect(Object.keys(provinceCodes).join(" ")).toBe(
      "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82",
    );
    expect(provinceCodes["44"]).toBe("广东省");
  });

  it("knows a province prefix from other digits", () => {
    expect(isProvincePrefix("44")).toBe(true);
    expect(isProvincePrefix("71")).toBe(true);
    expect(isProvincePrefix("83")).toBe(false);
    expect(isProvincePrefix("toString")).toBe(false);
  });
});

describe("parseRegionCode", () => {
  it("splits a county code into its levels", () => {
    expect(parseRegionCode("440305")).toEqual({
      valid: true,
      code: "440305",
      level: "county",
      province: "44",
      prefecture: "4403",
      county: "440305",
    });
  });

  it("recognises prefecture and province codes by their trailing zeros", () => {
    expect(parseRegionCode("440300")).toEqual({
      valid: true,
      code: "440300",
      level: "prefecture",
      province: "44",
      prefecture: "4403",
    });
    expect(parseRegionCode("440000")).toEqual({
      valid: true,
      code: "440000",
      level: "province",
      province: "44",
    });
  });

  it("does not reject a county missing from the current table", () => {
    expect(parseRegionCode("370799")).toMatchObject({ valid: true, level: "county" });
  });

  it("rejects an unknown province prefix", () => {
    expect(parseRegionCode("990000")).toMatchObject({
      valid: false,
      problems: [{ code: "province" }],
    });
  });

  it("rejects anything but six digits", () => {
    for (const value of ["44030", "4403050", "44O305", ""]) {
      expect(parseRegionCode(value), value).toMatchObject({
        valid: false,
        problems: [{ code: "format" }],
      });
    }
  });
});
