import { resolvePath } from "./path-resolver.js";
import type { Facts } from "./rule-engine.js";

/**
 * A placeholder in a standard's message: `{derived.nameScopeFit.industry}` names a fact and a
 * dot path, so the notice can name the offending item (which term, which scope entry) and the
 * applicant knows what to correct. Only `data`, `evidence` and `derived` are read.
 */
export const MESSAGE_PLACEHOLDER =
  /\{(data|evidence|derived)\.([A-Za-z0-9_$-]+(?:\.[A-Za-z0-9_$-]+)*)\}/g;

/** A value longer than this is cut: a notice names an item, it does not echo a document. */
const MAX_VALUE_LENGTH = 200;

/**
 * The message with each placeholder replaced by the fact's value: a string as it is, a list
 * joined with 、, a number or boolean as written; a missing or structured value gives "—"
 * (the placeholder's text never reaches a notice, and nothing is guessed).
 *
 * @example
 * fillMessage("行业用语“{derived.fit.industry}”", { derived: { fit: { industry: "餐饮" } } } as Facts);
 * // "行业用语“餐饮”"
 */
export function fillMessage(text: string, facts: Facts | undefined): string {
  if (facts === undefined || !text.includes("{")) return text;
  return text.replace(MESSAGE_PLACEHOLDER, (_, fact: "data" | "evidence" | "derived", path) =>
    render(resolvePath(facts[fact], path)),
  );
}

/**
 * The `fact` and `path` of every placeholder in a text, for the loader to check like a
 * condition's paths.
 *
 * @example
 * placeholders("“{derived.fit.industry}”"); // [{ fact: "derived", path: "fit.industry" }]
 */
export function placeholders(text: string): Array<{ fact: string; path: string }> {
  return [...text.matchAll(MESSAGE_PLACEHOLDER)].map((m) => ({
    fact: m[1] as string,
    path: m[2] as string,
  }));
}

function render(value: unknown): string {
  let text: string;
  if (typeof value === "string") text = value;
  else if (typeof value === "number" || typeof value === "boolean") text = String(value);
  else if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string"))
    text = value.join("、");
  else return "—";
  if (text.length === 0) return "—";
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH)}…` : text;
}
