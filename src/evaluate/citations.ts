import type { Citation } from "../model/citation.js";
import type { Locale, LocalizedText } from "../model/common.js";
import type { DecisionCitation } from "../model/decision.js";
import { localize } from "./messages.js";

/**
 * Resolves citations to the law titles of the laws catalog, in the decision's locale.
 *
 * @example
 * cite([{ ref: "civil-code", articles: ["17"] }], laws, "zh-CN");
 * // [{ ref: "civil-code", law: "中华人民共和国民法典", articles: ["17"] }]
 */
export function cite(
  basis: readonly Citation[],
  laws: ReadonlyMap<string, LocalizedText>,
  locale: Locale,
): DecisionCitation[] {
  return basis.map(({ ref, articles }) => {
    const title = laws.get(ref);
    return { ref, law: title ? localize(title, locale) : ref, articles: [...articles] };
  });
}

/**
 * A law and its articles as a person reads them: 《中华人民共和国民法典》第17条、第18条 /
 * "Civil Code art 17, 18". An article that is not a number (a paragraph name such as （一）,
 * a guide's section) is written as it is. The one wording of notices, combined notices and guides.
 *
 * @example
 * citationText("中华人民共和国民法典", ["17", "18"], "zh-CN"); // "《中华人民共和国民法典》第17条、第18条"
 */
export function citationText(law: string, articles: readonly string[], locale: Locale): string {
  if (locale === "zh-CN") {
    return `《${law}》${articles.map((a) => (/^\d/.test(a) ? `第${a}条` : a)).join("、")}`;
  }
  return articles.every((a) => /^\d/.test(a))
    ? `${law} art ${articles.join(", ")}`
    : `${law} ${articles.join(", ")}`;
}

/** Citations one after another, in the locale's list separator. */
export function citationsText(citations: readonly DecisionCitation[], locale: Locale): string {
  return citations
    .map((c) => citationText(c.law, c.articles, locale))
    .join(locale === "zh-CN" ? "；" : "; ");
}
