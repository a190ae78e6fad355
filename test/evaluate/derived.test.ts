import { describe, expect, it } from "vitest";
import { businessName } from "../../src/evaluate/derived/business-name.js";
import { catalogMatch } from "../../src/evaluate/derived/catalog-match.js";
import { creditCode } from "../../src/evaluate/derived/credit-code.js";
import { dateDistance } from "../../src/evaluate/derived/date-distance.js";
import type { DerivedContext } from "../../src/evaluate/derived/derived-function.js";
import { identityDocument } from "../../src/evaluate/derived/identity-document.js";
import { identityDocumentList } from "../../src/evaluate/derived/identity-document-list.js";
import { bundledRules } from "../helpers.js";

const on = (appliedOn: string, options: Record<string, unknown> = {}): DerivedContext => ({
  appliedOn,
  options,
  catalogs: new Map(),
});

describe("identity-document", () => {
  it("derives age, sex and the birthday flag from a resident ID (TC-A07: the 18th birthday)", () => {
    const id = { type: "resident-id", number: "370784200706300036" };
    expect(identityDocument.compute(id, on("2025-06-30"))).toMatchObject({
      holder: "mainland",
      valid: true,
      sex: "male",
      age: 18,
      birthdayToday: true,
    });
    expect(identityDocument.compute(id, on("2025-06-29"))).toMatchObject({
      age: 17,
      birthdayToday: false,
    });
    expect(identityDocument.compute(id, on("2025-07-01"))).toMatchObject({
      age: 18,
      birthdayToday: false,
    });
  });

  it("recognises residence permits of Hong Kong, Macao and Taiwan residents by their 8x0000 code", () => {
    const read = (number: string) =>
      identityDocument.compute({ type: "hmt-residence-permit", number }, on("2025-06-30"));
    expect(read("810000198808080013")).toMatchObject({ holder: "hong-kong", valid: true });
    expect(read("820000199505050032")).toMatchObject({ holder: "macao", valid: true });
    expect(read("830000199001010020")).toMatchObject({ holder: "taiwan", valid: true });
  });

  it("marks a residence-permit number declared as a resident ID as invalid", () => {
    expect(
      identityDocument.compute(
        { type: "resident-id", number: "810000198808080013" },
        on("2025-06-30"),
      ),
    ).toMatchObject({
      valid: false,
      problems: ["document-type-mismatch"],
    });
  });

  it("gives no age for an invalid number, so age standards cannot pass on it", () => {
    const read = identityDocument.compute(
      { type: "resident-id", number: "11010519491231002Y" },
      on("2025-06-30"),
    );
    expect(read).toMatchObject({ valid: false });
    expect(read.age).toBeUndefined();
  });
});

describe("identity-document: the number people are compared by", () => {
  const read = (type: string, number: string) =>
    identityDocument.compute({ type, number }, on("2025-06-30"));

  it("gives one normalizedNumber for a final x and X (公司法 art 76 compares people by it)", () => {
    expect(read("resident-id", "11010519491231002x").normalizedNumber).toBe("11010519491231002X");
    expect(read("resident-id", "11010519491231002X").normalizedNumber).toBe("11010519491231002X");
    expect(read("hmt-residence-permit", "810000198808080013").normalizedNumber).toBe(
      "810000198808080013",
    );
  });

  it("compares 通行证 holders by their lifelong number, whatever the renewal count", () => {
    expect(read("hk-macao-permit", "h1234567801").normalizedNumber).toBe("H12345678");
    expect(read("hk-macao-permit", "H12345678").normalizedNumber).toBe("H12345678");
    expect(read("taiwan-permit", "1234567802").normalizedNumber).toBe("12345678");
  });

  it("folds an invalid number too, so a comparison never depends on case or invisible characters", () => {
    const bad = read("resident-id", " 11010519491231002y\u200b");
    expect(bad).toMatchObject({ valid: false, normalizedNumber: "11010519491231002Y" });
  });

  it("refuses a blank or non-alphanumeric passport number (ICAO 9303), accepts a well-formed one", () => {
    expect(read("foreign-passport", " ")).toMatchObject({ valid: false, problems: ["format"] });
    expect(read("foreign-passport", "\u200b")).toMatchObject({ valid: false });
    expect(read("foreign-passport", "E1234-567")).toMatchObject({ valid: false });
    expect(read("foreign-passport", "e12345678")).toMatchObject({
      valid: true,
      normalizedNumber: "E12345678",
    });
  });
});

describe("identity-document-list", () => {
  it("reports invalid positions and withholds the youngest age when one is unknown", () => {
    const people = [
      { document: { type: "resident-id", number: "440305198503152222" } },
      { document: { type: "resident-id", number: "11010519491231002Y" } },
    ];
    const read = identityDocumentList.compute(people, on("2025-06-30"));
    expect(read).toMatchObject({
      count: 2,
      allValid: false,
      invalidIndexes: [1],
      allMainland: true,
    });
    expect(read.youngestAge).toBeUndefined();
    expect(read.normalizedNumbers).toEqual(["440305198503152222", "11010519491231002Y"]);
    expect(identityDocumentList.compute(people.slice(0, 1), on("2025-06-30")).youngestAge).toBe(40);
  });
});

describe("date-distance", () => {
  it("counts calendar days from the application date (the 90-day rule of 细则 art 22)", () => {
    expect(dateDistance.compute("2025-04-01", on("2025-06-30"))).toEqual({
      daysAfterApplication: -90,
    });
    expect(dateDistance.compute("2025-03-31", on("2025-06-30"))).toEqual({
      daysAfterApplication: -91,
    });
  });

  it("places a date exactly five years out inside the window and the next day outside (公司法 art 47)", () => {
    expect(dateDistance.compute("2030-06-30", on("2025-06-30", { years: 5 })).withinYears).toBe(
      true,
    );
    expect(dateDistance.compute("2030-07-01", on("2025-06-30", { years: 5 })).withinYears).toBe(
      false,
    );
    expect(dateDistance.compute("2029-02-28", on("2024-02-29", { years: 5 })).withinYears).toBe(
      true,
    );
    expect(dateDistance.compute("2029-03-01", on("2024-02-29", { years: 5 })).withinYears).toBe(
      false,
    );
  });
});

describe("credit-code", () => {
  it("reads the category of a valid code and lists the problems of a corrupted one", () => {
    expect(creditCode.compute("92440300MA5G12345H", on("2025-06-30"))).toMatchObject({
      valid: true,
      category: "92",
      entityKind: "individual-business",
    });
    expect(creditCode.compute("91440300MA5FAB1235", on("2025-06-30"))).toMatchObject({
      valid: true,
      entityKind: "enterprise",
    });
    expect(creditCode.compute("92440300MA5G12346H", on("2025-06-30"))).toMatchObject({
      valid: false,
      problems: ["check-character"],
    });
  });
});

describe("catalog-based derived facts", () => {
  it("summarises business-scope entries and their flags", async () => {
    const rules = await bundledRules();
    const catalogs = new Map([...rules.catalogs].map(([name, c]) => [name, c.entries]));
    const context = {
      appliedOn: "2025-06-30",
      options: { catalog: "business-scope", key: "code" },
      catalogs,
    };
    expect(
      catalogMatch.compute(
        [{ code: "daily-goods-sales" }, { code: "hazardous-chemicals" }],
        context,
      ),
    ).toMatchObject({
      allKnown: true,
      anyTrue: { preApproval: true, licensed: true },
      allTrue: { preApproval: false },
    });
    expect(
      catalogMatch.compute([{ code: "daily-goods-sales" }, { code: "卖东西" }], context),
    ).toMatchObject({
      allKnown: false,
      unknown: ["卖东西"],
    });
  });

  it("splits a name into region, trade name, industry and organisation form (SPEC §3.5 examples)", async () => {
    const rules = await bundledRules();
    const catalogs = new Map([...rules.catalogs].map(([name, c]) => [name, c.entries]));
    const options = {
      regions: "administrative-divisions",
      forms: "organization-forms",
      industries: "industry-terms",
      lexicon: "name-lexicon",
      entityType: "individualBusiness",
    };
    const parse = (name: string) =>
      businessName.compute(name, { appliedOn: "2025-06-30", options, catalogs });
    expect(parse("深圳市南山区丽华便利店")).toMatchObject({
      regionCode: "440305",
      regionCodePrefix: "440305",
      regionOrderValid: true,
      tradeName: "丽华",
      industry: "便利",
      organizationForm: "店",
      organizationFormAllowed: true,
      hanOnly: true,
    });
    expect(parse("安丘市王记面馆")).toMatchObject({
      regionCode: "370784",
      tradeName: "王记",
      industry: "面",
      organizationForm: "馆",
    });
    expect(parse("南山区丽华便利店")).toMatchObject({ regionOrderValid: false });
    expect(parse("深圳市南山区A1贸易公司")).toMatchObject({
      hanOnly: false,
      tradeNameHanLength: 0,
      organizationFormAllowed: false,
    });
    expect(parse("深圳市南山区安丘便利店")).toMatchObject({ tradeNameIsRegion: true });
    expect(parse("中国丽华便利店")).toMatchObject({ regionFound: false, restrictedHits: ["中国"] });
  });
});
