import type { Locale, LocalizedText } from "../model/common.js";
import type { DetailedMessage, MessageValue } from "../model/matter.js";
import type { Facts } from "./condition-evaluator.js";
import { resolvePath } from "./path-resolver.js";

/** The text in the requested locale, falling back to zh-CN (always present). */
export function localize(text: LocalizedText, locale: Locale): string {
  return text[locale] ?? text["zh-CN"];
}

type Template = (args: Record<string, string>) => LocalizedText;

/** The library's own notice texts; matter-specific texts live in the rule files. */
export const MESSAGES = {
  fieldAbsent: ({ label }) => ({ "zh-CN": `请提供：${label}`, en: `Please supply: ${label}` }),
  fieldInvalid: ({ label, detail }) => ({
    "zh-CN": `请更正：${label}（${detail}）`,
    en: `Please correct: ${label} (${detail})`,
  }),
  ifApplicable: ({ text }) => ({ "zh-CN": `如适用：${text}`, en: `If it applies: ${text}` }),
  materialMissing: ({ title }) => ({ "zh-CN": `请提交：${title}`, en: `Please submit: ${title}` }),
  materialWrongChannel: ({ title, via, accepted }) => ({
    "zh-CN": `请提交：${title}（不接受以${via}方式提交，可用方式：${accepted}）`,
    en: `Please submit: ${title} (${via} is not accepted; accepted: ${accepted})`,
  }),
  evidenceUnavailable: ({ title }) => ({
    "zh-CN": `无法通过共享数据核验：${title}，需人工核实`,
    en: `Could not be verified from shared data: ${title}; a person must check it`,
  }),
  undetermined: ({ title }) => ({
    "zh-CN": `无法根据所填信息自动判断：${title}，需人工审查`,
    en: `Could not be decided automatically from the data given: ${title}; a person must check it`,
  }),
  materialDeferred: ({ title }) => ({
    "zh-CN": `容缺受理：${title}待补交，补齐前不予当场办结`,
    en: `Accepted with a deferred material: ${title}; the case waits until it arrives`,
  }),
  verifyCommitment: ({ title }) => ({
    "zh-CN": `告知承诺：事后核查${title}`,
    en: `Commitment given: verify ${title} after approval`,
  }),
  internalError: ({ detail }) => ({
    "zh-CN": `系统无法完成自动审查（${detail}），转人工办理`,
    en: `The automatic review could not be completed (${detail}); referred to a person`,
  }),
} satisfies Record<string, Template>;

/** How a notice lists items and quotes a text item, per locale. */
const LIST_STYLE: Record<Locale, { separator: string; quote: (text: string) => string }> = {
  "zh-CN": { separator: "、", quote: (text) => `“${text}”` },
  en: { separator: ", ", quote: (text) => `“${text}”` },
};

/** At most this many items of a list are named; a notice is for a person to read. */
const MAX_ITEMS = 20;

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/**
 * The names a template's `{name}` placeholders use, each once, in order.
 *
 * @example
 * placeholders("名称中的{characters}不是规范汉字"); // ["characters"]
 */
export function placeholders(template: string): string[] {
  const names: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1] as string;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/**
 * A standard's detailed message in a locale, its placeholders filled with the values `read`
 * gives for each value's fact reference; `undefined` when any value is absent or empty (the
 * caller then shows the standard's plain message), so that a notice never shows a hole.
 *
 * @example
 * renderDetailedMessage(
 *   { text: { "zh-CN": "名称中的{words}需人工审查" },
 *     values: { words: { fact: "derived", path: "businessName.forbiddenHits" } } },
 *   () => ["赌博"],
 *   "zh-CN",
 * ); // "名称中的“赌博”需人工审查"
 */
export function renderDetailedMessage(
  detail: DetailedMessage,
  read: (ref: MessageValue) => unknown,
  locale: Locale,
): string | undefined {
  const filled = new Map<string, string>();
  for (const name of placeholders(localize(detail.text, locale))) {
    const spec = detail.values[name];
    const text = spec && formatValue(read(spec), spec, locale);
    if (text === undefined) return undefined;
    filled.set(name, text);
  }
  return fill(localize(detail.text, locale), (name) => filled.get(name));
}

/**
 * A detailed message filled from a decision's facts, or `undefined` when there is none or a
 * value is missing (see renderDetailedMessage): the caller then shows its plain message.
 *
 * @example
 * detailedText(standard.detailedMessage, facts, "zh-CN") ?? localize(standard.message, "zh-CN");
 */
export function detailedText(
  detail: DetailedMessage | undefined,
  facts: Facts | undefined,
  locale: Locale,
): string | undefined {
  if (detail === undefined || facts === undefined) return undefined;
  return renderDetailedMessage(detail, (ref) => resolvePath(facts[ref.fact], ref.path), locale);
}

function fill(template: string, value: (name: string) => string | undefined): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => value(name) ?? whole);
}

/** A value as notice text: scalars as they are, lists quoted and joined; absent or empty: undefined. */
function formatValue(value: unknown, spec: MessageValue, locale: Locale): string | undefined {
  if (!Array.isArray(value)) return scalarText(value, locale);
  const style = LIST_STYLE[locale];
  const items: string[] = [];
  for (const item of value.slice(0, MAX_ITEMS)) {
    const text = spec.items ? fromTemplates(item, spec.items, locale) : quoted(item, locale);
    if (text === undefined) return undefined;
    items.push(text);
  }
  if (items.length === 0) return undefined;
  const more = value.length > MAX_ITEMS ? `${style.separator}…` : "";
  return items.join(style.separator) + more;
}

function quoted(item: unknown, locale: Locale): string | undefined {
  const text = scalarText(item, locale);
  return text === undefined ? undefined : LIST_STYLE[locale].quote(text);
}

/** The first template whose every field the item has, filled; a text item is `{value}`. */
function fromTemplates(
  item: unknown,
  templates: readonly LocalizedText[],
  locale: Locale,
): string | undefined {
  const fields =
    typeof item === "object" && item !== null && !Array.isArray(item)
      ? (item as Record<string, unknown>)
      : { value: item };
  for (const template of templates) {
    const text = localize(template, locale);
    const values = new Map<string, string>();
    for (const name of placeholders(text)) {
      const value = Object.hasOwn(fields, name) ? scalarText(fields[name], locale) : undefined;
      if (value === undefined) break;
      values.set(name, value);
    }
    if (values.size === placeholders(text).length) return fill(text, (name) => values.get(name));
  }
  return undefined;
}

/** A text, number or localized text as notice text; anything else (or empty) is undefined. */
function scalarText(value: unknown, locale: Locale): string | undefined {
  if (typeof value === "string") return value === "" ? undefined : value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (
    typeof value === "object" &&
    value !== null &&
    typeof Reflect.get(value, "zh-CN") === "string"
  ) {
    return localize(value as LocalizedText, locale);
  }
  return undefined;
}
