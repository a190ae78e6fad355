import { ENUM_TITLES_KEYWORD } from "../evaluate/field-messages.js";
import { schemaNodesAt, schemaTitle } from "../json/schema-paths.js";
import { CHANNEL_LABELS } from "../model/channel-labels.js";
import type { Locale } from "../model/common.js";
import type { Condition, LeafCondition } from "../model/condition.js";
import { isLeaf } from "../model/is-leaf.js";
import type { MatterFile } from "../model/matter.js";
import { OUTPUT_LABELS, VALUE_LABELS } from "./derived-labels.js";

type Words = {
  yes: string;
  no: string;
  flag: (label: string, value: string) => string;
  quote: (s: string) => string;
  list: (items: string[]) => string;
  and: string;
  or: string;
  group: (s: string) => string;
  not: (s: string) => string;
  leaf: Record<string, (label: string, value: string) => string>;
  material: {
    present: (title: string) => string;
    absent: (title: string) => string;
    via: (title: string, channel: string) => string;
  };
  evidence: { present: (label: string) => string; absent: (label: string) => string };
  sameAs: (label: string, other: string) => string;
  length: (label: string, op: "lengthAtLeast" | "lengthAtMost", n: string, list: boolean) => string;
  derived: (input: string, output: string) => string;
  flagOf: (summary: "anyTrue" | "allTrue", flag: string) => string;
};

const WORDS: Record<Locale, Words> = {
  "zh-CN": {
    yes: "是",
    no: "否",
    flag: (l, v) => `${l}：${v}`,
    quote: (s) => `“${s}”`,
    list: (items) => items.join("、"),
    and: "，且",
    or: "；或",
    group: (s) => `（${s}）`,
    not: (s) => `并非${s}`,
    leaf: {
      equal: (l, v) => `${l}为${v}`,
      notEqual: (l, v) => `${l}不为${v}`,
      in: (l, v) => `${l}为${v}之一`,
      notIn: (l, v) => `${l}不为${v}中任何一项`,
      contains: (l, v) => `${l}包含${v}`,
      doesNotContain: (l, v) => `${l}不包含${v}`,
      lessThan: (l, v) => `${l}小于${v}`,
      lessThanInclusive: (l, v) => `${l}不大于${v}`,
      greaterThan: (l, v) => `${l}大于${v}`,
      greaterThanInclusive: (l, v) => `${l}不小于${v}`,
      present: (l) => `已填写${l}`,
      absent: (l) => `未填写${l}`,
      everyIn: (l, v) => `${l}均属于${v}`,
      noneIn: (l, v) => `${l}均不属于${v}`,
      startsWith: (l, v) => `${l}以${v}开头`,
      matches: (l, v) => `${l}符合格式 ${v}`,
    },
    material: {
      present: (t) => `已提交《${t}》`,
      absent: (t) => `未提交《${t}》`,
      via: (t, c) => `《${t}》以${c}方式提交`,
    },
    evidence: { present: (l) => `已取得核验信息：${l}`, absent: (l) => `未取得核验信息：${l}` },
    sameAs: (l, o) => `${l}与${o}一致`,
    length: (l, op, n, list) =>
      `${l}${op === "lengthAtLeast" ? "至少" : "至多"}${n}${list ? "项" : "个字"}`,
    derived: (input, output) => `${input}（${output}）`,
    flagOf: (summary, flag) => `${summary === "anyTrue" ? "任一" : "每一"}条目的 ${flag}`,
  },
  en: {
    yes: "yes",
    no: "no",
    flag: (l, v) => `${l}: ${v}`,
    quote: (s) => `"${s}"`,
    list: (items) => items.join(", "),
    and: " and ",
    or: "; or ",
    group: (s) => `(${s})`,
    not: (s) => `not: ${s}`,
    leaf: {
      equal: (l, v) => `${l} is ${v}`,
      notEqual: (l, v) => `${l} is not ${v}`,
      in: (l, v) => `${l} is one of ${v}`,
      notIn: (l, v) => `${l} is none of ${v}`,
      contains: (l, v) => `${l} includes ${v}`,
      doesNotContain: (l, v) => `${l} does not include ${v}`,
      lessThan: (l, v) => `${l} is less than ${v}`,
      lessThanInclusive: (l, v) => `${l} is at most ${v}`,
      greaterThan: (l, v) => `${l} is more than ${v}`,
      greaterThanInclusive: (l, v) => `${l} is at least ${v}`,
      present: (l) => `${l} is given`,
      absent: (l) => `${l} is not given`,
      everyIn: (l, v) => `every ${l} is among ${v}`,
      noneIn: (l, v) => `no ${l} is among ${v}`,
      startsWith: (l, v) => `${l} starts with ${v}`,
      matches: (l, v) => `${l} matches the pattern ${v}`,
    },
    material: {
      present: (t) => `"${t}" is submitted`,
      absent: (t) => `"${t}" is not submitted`,
      via: (t, c) => `"${t}" is submitted by ${c}`,
    },
    evidence: { present: (l) => `${l} is available`, absent: (l) => `${l} is not available` },
    sameAs: (l, o) => `${l} is the same as ${o}`,
    length: (l, op, n, list) =>
      `${l} has ${op === "lengthAtLeast" ? "at least" : "at most"} ${n} ${list ? "items" : "characters"}`,
    derived: (input, output) => `${input} (${output})`,
    flagOf: (summary, flag) => `${flag} of ${summary === "anyTrue" ? "any" : "every"} entry`,
  },
};

/** How each submission channel is called in a guide (the same words as in notices). */
export { CHANNEL_LABELS };

/**
 * A condition in words, for the published guide and for diffs: each leaf names its field by
 * the input schema's title (or the derived value's name, or the material's title) and says the
 * comparison in the locale's words; `all` / `any` / `not` nest with brackets. What the guide
 * says is what the engine evaluates: the words come from the same condition JSON.
 *
 * @example
 * describeCondition({ fact: "data", path: "premises.online", operator: "equal", value: false }, matter, "zh-CN");
 * // "仅使用网络经营场所为否"
 */
export function describeCondition(
  condition: Condition,
  matter: Pick<MatterFile, "input" | "derived" | "materials">,
  locale: Locale,
): string {
  const w = WORDS[locale];
  const walk = (node: Condition, nested: boolean): string => {
    if (isLeaf(node)) return leafText(node, matter, locale);
    if ("not" in node) return w.not(walk(node.not, true));
    const [parts, joiner] = "all" in node ? [node.all, w.and] : [node.any, w.or];
    if (parts.length === 1) return walk(parts[0] as Condition, nested);
    const text = parts.map((p) => walk(p, true)).join(joiner);
    return nested ? w.group(text) : text;
  };
  return walk(condition, false);
}

function leafText(
  leaf: LeafCondition,
  matter: Pick<MatterFile, "input" | "derived" | "materials">,
  locale: Locale,
): string {
  const w = WORDS[locale];
  if (leaf.fact === "materials") {
    const material = matter.materials.find((m) => m.id === leaf.path);
    const title = material ? (material.title[locale] ?? material.title["zh-CN"]) : leaf.path;
    if (leaf.operator === "present") return w.material.present(title);
    if (leaf.operator === "absent") return w.material.absent(title);
    if (leaf.operator === "equal" && typeof leaf.value === "string") {
      return w.material.via(title, CHANNEL_LABELS[leaf.value]?.[locale] ?? leaf.value);
    }
    if (leaf.operator === "in" && Array.isArray(leaf.value)) {
      const channels = leaf.value.map((v) => CHANNEL_LABELS[String(v)]?.[locale] ?? String(v));
      return w.material.via(title, channels.join(locale === "zh-CN" ? "或" : " or "));
    }
  }
  const label = factLabel(leaf.fact, leaf.path, matter, locale);
  const value = leaf.value;
  if (leaf.fact === "evidence" && (leaf.operator === "present" || leaf.operator === "absent")) {
    return w.evidence[leaf.operator](label);
  }
  if (leaf.operator === "lengthAtLeast" || leaf.operator === "lengthAtMost") {
    return w.length(label, leaf.operator, String(value), isList(leaf, matter));
  }
  const output = leaf.path.split(".").at(-1) ?? "";
  // An enum value of the applicant's data is named as the form names it (x-enumTitles).
  const titles =
    leaf.fact === "data" || leaf.fact === "evidence"
      ? enumTitlesAt(matter.input[leaf.fact], leaf.path)
      : undefined;
  const shown = isFactRef(value)
    ? factLabel(String(value.fact), String(value.path), matter, locale)
    : Array.isArray(value)
      ? w.list(value.map((v) => valueText(v, output, locale, titles)))
      : valueText(value, output, locale, titles);
  if (typeof value === "boolean" && leaf.operator === "equal") return w.flag(label, shown);
  if (isFactRef(value) && leaf.operator === "equal") return w.sameAs(label, shown);
  const phrase = w.leaf[leaf.operator];
  return phrase ? phrase(label, shown) : `${label} ${leaf.operator} ${shown}`;
}

/**
 * The name of a fact for people: the input schema's `title` (zh-CN) or the path (en), or
 * `<input>：<output>` for derived values.
 */
export function factLabel(
  fact: string,
  path: string,
  matter: Pick<MatterFile, "input" | "derived">,
  locale: Locale,
): string {
  if (fact === "data" || fact === "evidence") {
    const title = schemaTitle(matter.input[fact], path);
    return locale === "zh-CN" && title ? title : path;
  }
  if (fact === "derived") {
    const [id = "", ...rest] = path.split(".");
    const derived = matter.derived[id];
    if (derived === undefined) return path;
    const input = factLabel(derived.input.fact, derived.input.path, matter, locale);
    const output = rest.join(".");
    const named = OUTPUT_LABELS[derived.function]?.[output];
    const [summary, flag] = rest;
    const flagged =
      (summary === "anyTrue" || summary === "allTrue") && flag !== undefined
        ? WORDS[locale].flagOf(summary, flag)
        : undefined;
    const outputText = named ? (named[locale] ?? named["zh-CN"]) : (flagged ?? output);
    return outputText === "" ? input : WORDS[locale].derived(input, outputText);
  }
  return path;
}

function isFactRef(value: unknown): value is { fact: string; path: string } {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "fact" in value;
}

/** Whether a length counts items (an array) rather than characters. */
function isList(leaf: LeafCondition, matter: Pick<MatterFile, "input" | "derived">): boolean {
  if (leaf.fact !== "data" && leaf.fact !== "evidence") return leaf.fact !== "materials";
  return schemaNodesAt(matter.input[leaf.fact], leaf.path).some(
    (node) => node.type === "array" || node.items !== undefined,
  );
}

type EnumTitles = Readonly<Record<string, Partial<Record<Locale, string>>>>;

/** The titles the input schema gives the enum values at a path (x-enumTitles), if any. */
function enumTitlesAt(schema: MatterFile["input"]["data"], path: string): EnumTitles | undefined {
  for (const node of schemaNodesAt(schema, path)) {
    const titles = node[ENUM_TITLES_KEYWORD];
    if (titles !== null && typeof titles === "object") return titles as EnumTitles;
  }
  return undefined;
}

function valueText(value: unknown, output: string, locale: Locale, titles?: EnumTitles): string {
  const w = WORDS[locale];
  if (typeof value === "boolean") return value ? w.yes : w.no;
  if (typeof value === "string") {
    const title = titles && Object.hasOwn(titles, value) ? titles[value] : undefined;
    const fromSchema = title?.[locale] ?? title?.["zh-CN"];
    if (fromSchema !== undefined) return fromSchema;
    const named = VALUE_LABELS[output]?.[value];
    return named ? (named[locale] ?? named["zh-CN"]) : w.quote(value);
  }
  return value === undefined ? "" : JSON.stringify(value);
}
