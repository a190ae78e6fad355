import { describe, expect, it } from "vitest";
import {
  parseHongKongMacaoTravelPermit,
  parseTaiwanTravelPermit,
} from "../../src/validators/travel-permit.js";

describe("parseHongKongMacaoTravelPermit", () => {
  it("reads a Hong Kong number with its renewal count", () => {
    expect(parseHongKongMacaoTravelPermit("H1234567801")).toEqual({
      valid: true,
      number: "H1234567801",
      region: "hong-kong",
      holderNumber: "H12345678",
      renewals: 1,
    });
  });

  it("reads a 9-character Macao number without a renewal count", () => {
    expect(parseHongKongMacaoTravelPermit("M87654321")).toEqual({
      valid: true,
      number: "M87654321",
      region: "macao",
      holderNumber: "M87654321",
    });
  });

  it("keeps the same holder number across renewals", () => {
    const first = parseHongKongMacaoTravelPermit("H1234567800");
    const renewed = parseHongKongMacaoTravelPermit("H1234567802");
    expect(first.valid && renewed.valid && first.holderNumber === renewed.holderNumber).toBe(true);
  });

  it("accepts a lower-case letter", () => {
    expect(parseHongKongMacaoTravelPermit("h1234567800")).toMatchObject({ number: "H1234567800" });
  });

  it("rejects other shapes", () => {
    for (const value of [
      "T1234567800",
      "H123456780",
      "H123456780012",
      "H12345678 01",
      "1234567800",
    ]) {
      expect(parseHongKongMacaoTravelPermit(value), value).toMatchObject({
        valid: false,
        problems: [{ code: "format" }],
      });
    }
  });
});

describe("parseTaiwanTravelPermit", () => {
  it("reads the 8-digit lifelong number, with or without 2 more digits", () => {
    expect(parseTaiwanTravelPermit("12345678")).toEqual({
      valid: true,
      number: "12345678",
      holderNumber: "12345678",
    });
    expect(parseTaiwanTravelPermit("1234567801")).toMatchObject({ holderNumber: "12345678" });
  });

  it("rejects other shapes", () => {
    for (const value of ["1234567", "123456789", "12345678012", "T12345678"]) {
      expect(parseTaiwanTravelPermit(value), value).toMatchObject({
        valid: false,
        problems: [{ code: "format" }],
      });
    }
  });
});
