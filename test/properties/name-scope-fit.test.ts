// Issue 11 class 2: the name must fit the business (企业名称登记管理规定 arts 9, 11(8);
// 个人独资企业法 art 11). Over the whole family — every industry term of the catalog against
// every scope entry, in every matter — the name–scope standard passes only where the catalog's
// relation says the term covers an entry, asks for a correction only where the term covers no
// entry and none is marked for judgement, and otherwise refers.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { businessName } from "../../src/evaluate/derived/business-name.js";
import type { Decision } from "../../src/index.js";
import type { CatalogFile } from "../../src/model/catalog.js";
import { bundledRules } from "../helpers.js";
import { fixtureCases, type Json, matterOf, runs, timeout } from "./support.js";

const catalog = (name: string): CatalogFile =>
  JSON.parse(readFileSync(new URL(`../../rules/catalogs/${name}.json`, import.meta.url), "utf8"));
const catalogFiles = [
  "industry-terms",
  "business-scope",
  "administrative-divisions",
  "organization-forms",
  "name-lexicon",
].map(catalog);
const catalogs = new Map(catalogFiles.map((c) => [c.catalog, c.entries]));
const terms = catalogs.get("industry-terms") ?? [];
const scopeIds = (catalogs.get("business-scope") ?? []).map((e) => e.id);

type Relation = "covers" | "may-cover" | "not-covered" | "no-relation";

function relation(term: string, scopeId: string): Relation {
  const entry = terms.find((e) => e.title["zh-CN"] === term);
  if (!entry || !Array.isArray(entry.scopeCovers)) return "no-relation";
  if ((entry.scopeCovers as string[]).includes(scopeId)) return "covers";
  if (((entry.scopeMayCover ?? []) as string[]).includes(scopeId)) return "may-cover";
  return "not-covered";
}

/** Each matter's approved baseline with a name, and how to build a name around a term. */
const BASELINES = [
  ["individual-business.establishment", "name-tc-a02-name-approve.json", "深圳市南山区丽华", "店"],
  [
    "sole-proprietorship.establishment",
    "tc-b01-investor-personal-property-approve.json",
    "贵阳市南明区明远",
    "中心",
  ],
  [
    "single-shareholder-company.establishment",
    "tc-c01-sole-shareholder-director-approve.json",
    "深圳市南山区明远",
    "有限公司",
  ],
] as const;

const rules = await bundledRules();
const cases = fixtureCases();

const status = (decision: Decision, id: string) => decision.checks.find((c) => c.id === id)?.status;
const corrected = (decision: Decision) =>
  decision.missing.some((m) => m.id === "N-07-industry-fits-scope");
const referred = (decision: Decision) => decision.referrals.some((r) => r.code === "R-NAME-SCOPE");

describe.each(BASELINES)("name–scope fit in %s", (matter, file, prefix, form) => {
  const baseline = cases.find((c) => c.matter === matter && c.file === file);
  if (baseline === undefined) throw new Error(`no baseline ${matter}/${file}`);
  const spec = matterOf(rules, baseline.application).derived.businessName;
  /** The industry term the name parser reads in a name, as the decision does. */
  const parsedTerm = (name: string) =>
    businessName.compute(name, {
      appliedOn: baseline.application.appliedOn,
      options: spec?.options ?? {},
      catalogs,
    }).industry;

  async function decide(term: string, scope: string[]): Promise<Decision> {
    const application: Json = structuredClone(baseline?.application);
    application.data.name = `${prefix}${term}${form}`;
    application.data.scope = scope.map((code) => ({ code }));
    return rules.decide(application, { replay: true });
  }

  it(
    "for every term and every scope entry: pass only when the term covers it, a correction only when it does not and no judgement is marked, else a referral",
    async () => {
      let checked = 0;
      for (const entry of terms) {
        const term = entry.title["zh-CN"];
        // The decision reads this very term from the name (no longer term around it).
        expect(parsedTerm(`${prefix}${term}${form}`)).toBe(term);
        for (const scopeId of scopeIds) {
          const decision = await decide(term, [scopeId]);
          const fits = status(decision, "N-07-industry-fits-scope");
          const label = `${term} × ${scopeId}: ${fits}`;
          switch (relation(term, scopeId)) {
            case "covers":
              expect(fits, label).toBe("pass");
              expect(referred(decision), label).toBe(false);
              break;
            case "not-covered":
              expect(fits, label).toBe("fail");
              expect(corrected(decision), label).toBe(true);
              expect(referred(decision), label).toBe(false);
              break;
            default:
              expect(fits, label).toBe("not-applicable");
              expect(referred(decision), label).toBe(true);
          }
          if (decision.outcome === "approve") expect(relation(term, scopeId), label).toBe("covers");
          checked++;
        }
      }
      expect(checked).toBe(terms.length * scopeIds.length);
    },
    timeout(120_000),
  );

  it(
    "for lists of entries: pass only when some entry is covered, a correction only when every entry is known and neither covered nor marked for judgement",
    async () => {
      const related = terms
        .map((e) => e.title["zh-CN"])
        .filter((t) => parsedTerm(`${prefix}${t}${form}`) === t);
      const code = fc.oneof(
        { weight: 9, arbitrary: fc.constantFrom(...scopeIds) },
        { weight: 1, arbitrary: fc.constantFrom("奶茶外卖", "人工智能相关业务") },
      );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...related),
          fc.uniqueArray(code, { minLength: 1, maxLength: 4 }),
          async (term, scope) => {
            const decision = await decide(term, scope);
            const relations = scope.map((id) =>
              scopeIds.includes(id) ? relation(term, id) : "unknown",
            );
            const fits = status(decision, "N-07-industry-fits-scope");
            if (fits === "pass" || decision.outcome === "approve")
              expect(relations).toContain("covers");
            if (corrected(decision)) {
              expect(relations.every((r) => r === "not-covered")).toBe(true);
            }
            if (relations.includes("covers")) expect(fits).toBe("pass");
            else if (relations.every((r) => r === "not-covered")) expect(fits).toBe("fail");
            else expect(referred(decision)).toBe(true);
            // The order of the entries never changes the answer.
            const reversed = await decide(term, [...scope].reverse());
            expect(status(reversed, "N-07-industry-fits-scope")).toBe(fits);
            expect(referred(reversed)).toBe(referred(decision));
          },
        ),
        runs(200),
      );
    },
    timeout(60_000),
  );
});
