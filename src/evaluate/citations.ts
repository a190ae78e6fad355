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
