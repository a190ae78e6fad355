import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateRules } from "../../src/entries/authoring.js";
import type { DerivedContext } from "../../src/evaluate/derived/derived-function.js";
import { judge, nameScopeFit } from "../../src/evaluate/derived/name-scope-fit.js";
import type { CatalogFile } from "../../src/model/catalog.js";

const catalog = (name: string): CatalogFile =>
  JSON.parse(readFileSync(new URL(`../../rules/catalogs/${name}.json`, import.meta.url), "utf8"));
const terms = catalog("industry-terms");
const scope = catalog("business-scope");
const catalogs = new Map([
  ["industry-terms", terms.entries],
  ["business-scope", scope.entries],
]);
const OPTIONS = { terms: "industry-terms", scope: "business-scope", key: "code" };

const fitOf = (industry: string | undefined, codes: string[]) =>
  nameScopeFit.compute(
    codes.map((code) => ({ code })),
    {
      appliedOn: "2025-06-30",
      options: OPTIONS,
      catalogs,
      with: { industry },
    } satisfies DerivedContext,
  );

describe("name-scope-fit", () => {
  it("passes a term that covers any scope entry: the list declares no main entry", () => {
    for (const order of [
      ["clothing-retail", "software-development"],
      ["software-development", "clothing-retail"],
    ]) {
      expect(fitOf("服装", order)).toMatchObject({
        industry: "服装",
        fit: "consistent",
        determined: true,
        consistent: true,
        coveredTitles: ["服装服饰零售"],
      });
    }
  });

  it("finds 餐饮 inconsistent with consulting only, and names every entry (the issue's case)", () => {
    const result = fitOf("餐饮", ["information-consulting", "management-consulting"]);
    expect(result).toMatchObject({ fit: "inconsistent", determined: true, consistent: false });
    expect(result.scopeText).toBe("企业管理咨询；信息咨询服务（不含许可类信息咨询服务）");
    // In one order whatever the order given: a decision never depends on the order of a list.
    expect(fitOf("餐饮", ["management-consulting", "information-consulting"])).toEqual(result);
  });

  it("refers a pair the catalog marks for judgement, a term with no relation, an unknown entry", () => {
    expect(fitOf("餐饮", ["catering-management"])).toMatchObject({ reason: "judgement" });
    expect(fitOf("餐饮", ["catering-management"])).not.toHaveProperty("consistent");
    expect(fitOf("家具", ["daily-goods-sales"])).toMatchObject({ reason: "term-not-in-relation" });
    expect(fitOf("商店", ["daily-goods-sales"])).toMatchObject({ reason: "term-not-in-relation" });
    // An unknown entry might be the one the term covers: not inconsistent.
    expect(fitOf("餐饮", ["software-development", "奶茶外卖"])).toMatchObject({
      fit: "undetermined",
      reason: "scope-unknown",
      scopeText: "奶茶外卖；软件开发",
    });
    // A covered entry settles it, whatever the unknown one is.
    expect(fitOf("便利", ["奶茶外卖", "daily-goods-sales"])).toMatchObject({ fit: "consistent" });
  });

  it("with mainBusiness first-entry, refers a term that covers only a later entry", () => {
    const first = (industry: string, codes: string[]) =>
      nameScopeFit.compute(
        codes.map((code) => ({ code })),
        {
          appliedOn: "2025-06-30",
          options: { ...OPTIONS, mainBusiness: "first-entry" },
          catalogs,
          with: { industry },
        },
      );
    expect(first("服装", ["clothing-retail", "daily-goods-sales"])).toMatchObject({
      fit: "consistent",
    });
    expect(first("服装", ["daily-goods-sales", "clothing-retail"])).toMatchObject({
      fit: "undetermined",
      reason: "main",
    });
    expect(first("餐饮", ["software-development"])).toMatchObject({ fit: "inconsistent" });
  });

  it("gives nothing without a term or a scope, so the standard asks for the data instead", () => {
    expect(fitOf(undefined, ["catering"])).toEqual({});
    expect(fitOf("餐饮", [])).toEqual({});
  });

  it("reports options it cannot work with", () => {
    const names = new Set(["business-scope"]);
    expect(nameScopeFit.checkOptions?.({ scope: "business-scope" }, names)).toEqual([
      'option "terms" (a catalog name) is required',
    ]);
    expect(
      nameScopeFit.checkOptions?.(
        { terms: "x", scope: "business-scope", mainBusiness: "first" },
        names,
      ),
    ).toEqual([
      'no catalog named "x" is loaded',
      'option "mainBusiness" must be "any-entry" or "first-entry"',
    ]);
  });

  it("judges from the relation alone", () => {
    expect(judge(true, ["not-covered", "covers"])).toEqual({ fit: "consistent" });
    expect(judge(true, ["not-covered", "not-covered"])).toEqual({ fit: "inconsistent" });
    expect(judge(true, ["not-covered", "may-cover"])).toMatchObject({ reason: "judgement" });
    expect(judge(true, ["may-cover", undefined])).toMatchObject({ reason: "scope-unknown" });
    expect(judge(false, ["covers"])).toMatchObject({ fit: "undetermined" });
    expect(judge(true, ["may-cover", "covers"], "first-entry")).toMatchObject({ reason: "main" });
  });
});

describe("the industry-term relation (rules/catalogs/industry-terms.json)", () => {
  const scopeIds = new Set(scope.entries.map((e) => e.id));
  const related = terms.entries.filter((e) => Array.isArray(e.scopeCovers));

  it("relates most terms, each only to scope entries that exist, never twice", () => {
    expect(related.length).toBeGreaterThan(100);
    for (const term of terms.entries) {
      const covers = (term.scopeCovers ?? []) as string[];
      const may = (term.scopeMayCover ?? []) as string[];
      if (!Array.isArray(term.scopeCovers)) expect(term.scopeMayCover, term.id).toBeUndefined();
      for (const id of [...covers, ...may]) expect(scopeIds, `${term.id} → ${id}`).toContain(id);
      expect(new Set([...covers, ...may]).size, term.id).toBe(covers.length + may.length);
    }
  });

  it("keeps the issue's cases apart: 餐饮 does not cover consulting or software", () => {
    const catering = terms.entries.find((e) => e.id === "餐饮");
    expect(catering?.scopeCovers).toEqual(["catering"]);
    expect(catering?.scopeMayCover).not.toContain("software-development");
    expect(catering?.scopeMayCover).not.toContain("information-consulting");
  });
});

describe("the loader checks message values and further inputs like condition paths", () => {
  const MATTER = new URL(
    "../../rules/matters/individual-business.establishment/1.0.0.json",
    import.meta.url,
  );

  // biome-ignore lint/suspicious/noExplicitAny: a rule file edited freely to plant defects
  function issuesOf(edit: (matter: any) => void) {
    const matter = JSON.parse(readFileSync(MATTER, "utf8"));
    edit(matter);
    const root = mkdtempSync(join(tmpdir(), "sa-name-fit-"));
    const dir = join(root, "matters", "individual-business.establishment");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "1.0.0.json"), JSON.stringify(matter, null, 2));
    return validateRules([join(dir, "1.0.0.json")]).filter((i) => i.severity === "error");
  }

  it("reports a message value naming an output the function does not give, at the value", () => {
    const issues = issuesOf((m) => {
      // biome-ignore lint/suspicious/noExplicitAny: see above
      const standard = m.standards.find((s: any) => s.id === "N-07-industry-fits-scope");
      standard.detailedMessage.values.industry.path = "nameScopeFit.term";
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "unknown-path" });
    expect(issues[0]?.pointer).toMatch(
      /^\/standards\/\d+\/detailedMessage\/values\/industry\/path$/,
    );
  });

  it("reports a further input (with) read from a derived fact declared after it", () => {
    const issues = issuesOf((m) => {
      m.derived.nameScopeFit.with.industry = { fact: "derived", path: "familyIdentity.count" };
    });
    expect(issues.map((i) => [i.code, i.pointer])).toEqual([
      ["derived-cycle", "/derived/nameScopeFit/with/industry/path"],
    ]);
  });
});
