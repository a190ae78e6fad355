import { type Schema, schemaNodesAt, schemaTitle } from "../json/schema-paths.js";
import type { Locale, LocalizedText } from "../model/common.js";

/**
 * A data field the applicant must supply (`absent`) or correct (`invalid`), with the JSON
 * Schema keyword that failed and the validator's parameters for it (ajv's `params`: the allowed
 * values, the limit, the expected type…) — never the validator's own English text, which is
 * not the notice's language.
 */
export interface FieldProblem {
  path: string;
  problem: "absent" | "invalid";
  /** The failing keyword: `required`, `type`, `enum`, `maxLength`, … */
  keyword: string;
  params: Readonly<Record<string, unknown>>;
}

/**
 * The schema keyword under which a matter's input schema gives people's names for the values
 * of an `enum`: `{ "individual": { "zh-CN": "个人经营", "en": "run by one person" } }` (or a
 * plain string for every locale). Notices list the allowed values with these names.
 */
export const ENUM_TITLES_KEYWORD = "x-enumTitles";

type Words = {
  supply: (label: string) => string;
  supplyWhen: (label: string, detail: string) => string;
  root: string;
  correct: (label: string, detail: string) => string;
  item: (n: number) => string;
  itemOf: (array: string, item: string) => string;
  within: (outer: string, inner: string) => string;
  path: (label: string, path: string) => string;
  list: (items: readonly string[]) => string;
  or: (items: readonly string[]) => string;
  named: (value: string, title: string) => string;
  types: Record<string, string>;
  formats: Record<string, string>;
  detail: Record<string, (p: Readonly<Record<string, unknown>>, extra: Extra) => string>;
  otherwise: string;
};

/** What a detail may need besides ajv's params: the allowed values' names, other fields' labels. */
interface Extra {
  values: (values: readonly unknown[]) => string;
  label: (relativePath: string) => string;
}

const n = (value: unknown) => String(value);

const WORDS: Record<Locale, Words> = {
  "zh-CN": {
    supply: (label) => `请提供：${label}`,
    supplyWhen: (label, detail) => `请提供：${label}（${detail}）`,
    root: "申请数据",
    correct: (label, detail) => `请更正：${label}（${detail}）`,
    item: (i) => `第${i}项`,
    itemOf: (array, item) => `${array}${item}`,
    within: (outer, inner) => `${outer}：${inner}`,
    path: (label, path) => `${label}（${path}）`,
    list: (items) => items.join("、"),
    or: (items) => items.join("或"),
    named: (value, title) => `${value}（${title}）`,
    types: {
      string: "文字",
      number: "数字",
      integer: "整数",
      boolean: "是或否（true 或 false）",
      object: "一组字段（对象）",
      array: "列表",
      null: "空值（null）",
    },
    formats: {
      date: "日期，格式为 YYYY-MM-DD（如 2025-06-30）",
      "date-time": "日期和时间（ISO 8601，带时区，如 2025-06-30T09:00:00+08:00）",
      "iso-date-time": "日期和时间（ISO 8601，如 2025-06-30T09:00:00）",
      time: "时间，格式为 hh:mm:ss 加时区（如 09:00:00+08:00）",
      "iso-time": "时间，格式为 hh:mm:ss（如 09:00:00）",
      duration: "时长（ISO 8601，如 P3D）",
      email: "电子邮件地址",
      "idn-email": "电子邮件地址",
      hostname: "主机名",
      "idn-hostname": "主机名",
      ipv4: "IPv4 地址",
      ipv6: "IPv6 地址",
      uri: "完整网址（URI）",
      "uri-reference": "网址或相对网址",
      iri: "完整网址（IRI）",
      "iri-reference": "网址或相对网址",
      url: "网址",
      "uri-template": "网址模板",
      uuid: "UUID",
      regex: "正则表达式",
      "json-pointer": "JSON 指针",
      "relative-json-pointer": "相对 JSON 指针",
      byte: "Base64 编码的内容",
      int32: "32 位整数",
      int64: "64 位整数",
      float: "数字",
      double: "数字",
    },
    detail: {
      type: (p) => `应为${typesOf(p.type, "zh-CN")}`,
      enum: (p, x) => `应为以下之一：${x.values(asList(p.allowedValues))}`,
      const: (p, x) => `只能为：${x.values([p.allowedValue])}`,
      minLength: (p) => (Number(p.limit) <= 1 ? "不能为空" : `至少应有 ${n(p.limit)} 个字符`),
      maxLength: (p) => `最多 ${n(p.limit)} 个字符`,
      pattern: (p) => `格式不正确，应符合 ${n(p.pattern)}`,
      format: (p) => `应为${formatOf(p.format, "zh-CN")}`,
      minimum: (p) => `不能小于 ${n(p.limit)}`,
      maximum: (p) => `不能大于 ${n(p.limit)}`,
      exclusiveMinimum: (p) => `应大于 ${n(p.limit)}`,
      exclusiveMaximum: (p) => `应小于 ${n(p.limit)}`,
      multipleOf: (p) => `应为 ${n(p.multipleOf)} 的整数倍`,
      minItems: (p) => (Number(p.limit) <= 1 ? "至少应填写一项" : `至少应有 ${n(p.limit)} 项`),
      maxItems: (p) => `最多 ${n(p.limit)} 项`,
      additionalItems: (p) => `最多 ${n(p.limit)} 项`,
      uniqueItems: (p) => `${duplicates(p, "zh-CN")}重复，每项只能填写一次`,
      contains: () => "缺少应有的一项",
      minContains: (p) => `应至少有 ${n(p.minContains)} 项符合要求`,
      maxContains: (p) => `最多 ${n(p.maxContains)} 项符合要求`,
      minProperties: (p) => `至少应填写 ${n(p.limit)} 个字段`,
      maxProperties: (p) => `最多填写 ${n(p.limit)} 个字段`,
      additionalProperties: () => "不是本事项的字段，请删除",
      propertyNames: (p) => `字段名 ${n(p.propertyName)} 不符合要求`,
      dependentRequired: (p, x) => `填写了${x.label(n(p.property))}时必须填写`,
      dependencies: (p, x) => `填写了${x.label(n(p.property))}时必须填写`,
      not: () => "不能为该值",
      oneOf: () => "应恰好符合一种允许的填写方式",
      anyOf: () => "不符合任何一种允许的填写方式",
      if: () => "不符合与其他字段相关的填写要求",
      "false schema": () => "不应填写此项",
    },
    otherwise: "不符合填写要求",
  },
  en: {
    supply: (label) => `Please supply: ${label}`,
    supplyWhen: (label, detail) => `Please supply: ${label} (${detail})`,
    root: "the application data",
    correct: (label, detail) => `Please correct: ${label} (${detail})`,
    item: (i) => `item ${i}`,
    itemOf: (array, item) => `${array}, ${item}`,
    within: (outer, inner) => `${outer}: ${inner}`,
    path: (label, path) => `${label} (${path})`,
    list: (items) => items.join(", "),
    or: (items) => items.join(" or "),
    named: (value, title) => `${value} (${title})`,
    types: {
      string: "text",
      number: "a number",
      integer: "a whole number",
      boolean: "true or false",
      object: "a set of fields (an object)",
      array: "a list",
      null: "null",
    },
    formats: {
      date: "a date as YYYY-MM-DD (e.g. 2025-06-30)",
      "date-time": "a date and time (ISO 8601, with a time zone, e.g. 2025-06-30T09:00:00+08:00)",
      "iso-date-time": "a date and time (ISO 8601, e.g. 2025-06-30T09:00:00)",
      time: "a time as hh:mm:ss with a time zone (e.g. 09:00:00+08:00)",
      "iso-time": "a time as hh:mm:ss (e.g. 09:00:00)",
      duration: "a duration (ISO 8601, e.g. P3D)",
      email: "an email address",
      "idn-email": "an email address",
      hostname: "a host name",
      "idn-hostname": "a host name",
      ipv4: "an IPv4 address",
      ipv6: "an IPv6 address",
      uri: "a full web address (URI)",
      "uri-reference": "a web address or a relative one",
      iri: "a full web address (IRI)",
      "iri-reference": "a web address or a relative one",
      url: "a web address",
      "uri-template": "a web address template",
      uuid: "a UUID",
      regex: "a regular expression",
      "json-pointer": "a JSON pointer",
      "relative-json-pointer": "a relative JSON pointer",
      byte: "Base64-encoded content",
      int32: "a 32-bit whole number",
      int64: "a 64-bit whole number",
      float: "a number",
      double: "a number",
    },
    detail: {
      type: (p) => `must be ${typesOf(p.type, "en")}`,
      enum: (p, x) => `must be one of: ${x.values(asList(p.allowedValues))}`,
      const: (p, x) => `can only be ${x.values([p.allowedValue])}`,
      minLength: (p) =>
        Number(p.limit) <= 1 ? "must not be empty" : `must have at least ${n(p.limit)} characters`,
      maxLength: (p) => `must have at most ${n(p.limit)} characters`,
      pattern: (p) => `is not in the required form ${n(p.pattern)}`,
      format: (p) => `must be ${formatOf(p.format, "en")}`,
      minimum: (p) => `must be at least ${n(p.limit)}`,
      maximum: (p) => `must be at most ${n(p.limit)}`,
      exclusiveMinimum: (p) => `must be more than ${n(p.limit)}`,
      exclusiveMaximum: (p) => `must be less than ${n(p.limit)}`,
      multipleOf: (p) => `must be a multiple of ${n(p.multipleOf)}`,
      minItems: (p) =>
        Number(p.limit) <= 1
          ? "must have at least one item"
          : `must have at least ${n(p.limit)} items`,
      maxItems: (p) => `must have at most ${n(p.limit)} items`,
      additionalItems: (p) => `must have at most ${n(p.limit)} items`,
      uniqueItems: (p) => `${duplicates(p, "en")} are the same; give each only once`,
      contains: () => "lacks an item it must have",
      minContains: (p) => `must have at least ${n(p.minContains)} matching items`,
      maxContains: (p) => `must have at most ${n(p.maxContains)} matching items`,
      minProperties: (p) => `must have at least ${n(p.limit)} fields`,
      maxProperties: (p) => `must have at most ${n(p.limit)} fields`,
      additionalProperties: () => "is not a field of this matter; remove it",
      propertyNames: (p) => `has a field name that is not allowed: ${n(p.propertyName)}`,
      dependentRequired: (p, x) => `is required when ${x.label(n(p.property))} is given`,
      dependencies: (p, x) => `is required when ${x.label(n(p.property))} is given`,
      not: () => "cannot have this value",
      oneOf: () => "must take exactly one of the allowed forms",
      anyOf: () => "does not take any of the allowed forms",
      if: () => "does not meet a requirement that depends on other fields",
      "false schema": () => "must not be given",
    },
    otherwise: "does not meet the requirements",
  },
};

/** The keywords whose failure a notice explains in words; any other gets a generic phrase. */
export const EXPLAINED_KEYWORDS: readonly string[] = [
  "required",
  ...Object.keys(WORDS["zh-CN"].detail),
];

/**
 * The notice text for a data field that fails the matter's input schema, in both locales:
 * the field named by its schema `title` (and its path), what is wrong in the notice's own
 * words, and for an `enum` every allowed value with its name from `x-enumTitles`. The
 * validator's English message is never used.
 *
 * @example
 * fieldProblemText({ properties: { organization: { title: "组成形式", enum: ["individual", "family"] } } },
 *   { path: "organization", problem: "invalid", keyword: "enum", params: { allowedValues: ["individual", "family"] } });
 * // { "zh-CN": "请更正：组成形式（organization）（应为以下之一：individual、family）", en: "Please correct: 组成形式 (organization) (must be one of: individual, family)" }
 */
export function fieldProblemText(
  schema: Schema,
  problem: FieldProblem,
): { "zh-CN": string; en: string } {
  return {
    "zh-CN": fieldProblemIn(schema, problem, "zh-CN"),
    en: fieldProblemIn(schema, problem, "en"),
  };
}

/** {@link fieldProblemText} in one locale: what a decision needs. */
export function fieldProblemIn(schema: Schema, problem: FieldProblem, locale: Locale): string {
  const w = WORDS[locale];
  const label = labelWithPath(schema, problem.path, locale);
  const parent = problem.path.split(".").slice(0, -1).join(".");
  const dependent = problem.keyword === "dependentRequired" || problem.keyword === "dependencies";
  if (problem.problem === "absent" && !dependent) return w.supply(label);
  const extra: Extra = {
    values: (values) => w.list(values.map((v) => valueText(schema, problem.path, v, locale))),
    label: (relative) =>
      labelWithPath(schema, parent === "" ? relative : `${parent}.${relative}`, locale),
  };
  const detail = w.detail[problem.keyword]?.(problem.params, extra) ?? w.otherwise;
  if (dependent) return w.supplyWhen(label, detail);
  return w.correct(label, detail);
}

/** "经营者姓名（operator.name）": the name for people and the path for whoever fills the form. */
function labelWithPath(schema: Schema, path: string, locale: Locale): string {
  const w = WORDS[locale];
  if (path === "") return w.path(w.root, "data");
  const named = fieldLabel(schema, path, locale);
  return named === undefined ? path : w.path(named, path);
}

/**
 * A field's name for people: the `title` of its schema node; for a node without one, the
 * nearest titled enclosing field with the rest of the path (list items as 第N项 / item N); an
 * item of a list is named with the list ("家庭成员第2项：证件号码"). Undefined when nothing on the
 * way has a title.
 */
export function fieldLabel(schema: Schema, path: string, locale: Locale): string | undefined {
  const w = WORDS[locale];
  const segments = path === "" ? [] : path.split(".");
  for (let k = segments.length; k > 0; k--) {
    const title = schemaTitle(schema, segments.slice(0, k).join("."));
    if (title === undefined) continue;
    let label = title;
    for (const segment of segments.slice(k)) {
      label = isIndex(segment)
        ? w.itemOf(label, w.item(Number(segment) + 1))
        : `${label} ${segment}`;
    }
    const lastIndex = segments.slice(0, k - 1).findLastIndex(isIndex);
    if (lastIndex >= 0) {
      const item = fieldLabel(schema, segments.slice(0, lastIndex + 1).join("."), locale);
      if (item !== undefined) label = w.within(item, label);
    }
    return label;
  }
  return undefined;
}

function isIndex(segment: string): boolean {
  return /^\d+$/.test(segment);
}

/** A value as a notice shows it, with its name where the schema gives one. */
function valueText(schema: Schema, path: string, value: unknown, locale: Locale): string {
  const shown = typeof value === "string" ? value : JSON.stringify(value);
  const title = valueTitle(schema, path, value, locale);
  return title === undefined ? shown : WORDS[locale].named(shown, title);
}

function valueTitle(
  schema: Schema,
  path: string,
  value: unknown,
  locale: Locale,
): string | undefined {
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
    return undefined;
  }
  for (const node of schemaNodesAt(schema, path)) {
    const titles = node[ENUM_TITLES_KEYWORD];
    if (typeof titles === "object" && titles !== null && Object.hasOwn(titles, String(value))) {
      const title = (titles as Record<string, unknown>)[String(value)];
      if (typeof title === "string") return title;
      if (typeof title === "object" && title !== null) {
        const text = title as Partial<LocalizedText>;
        return text[locale] ?? text["zh-CN"];
      }
    }
    // The standard form: oneOf / anyOf branches, each a `const` with a `title`.
    for (const key of ["oneOf", "anyOf"] as const) {
      const branches = node[key];
      if (!Array.isArray(branches)) continue;
      for (const branch of branches) {
        if (typeof branch === "object" && branch !== null && branch.const === value) {
          if (typeof branch.title === "string") return branch.title;
        }
      }
    }
  }
  return undefined;
}

function asList(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [value];
}

function typesOf(type: unknown, locale: Locale): string {
  const w = WORDS[locale];
  const names = (Array.isArray(type) ? type : String(type).split(",")).map(
    (t) => w.types[String(t)] ?? w.otherwise,
  );
  return w.or(names);
}

function formatOf(format: unknown, locale: Locale): string {
  const w = WORDS[locale];
  return (
    w.formats[String(format)] ??
    (locale === "en" ? `in the form ${n(format)}` : `${n(format)} 格式`)
  );
}

/** The two duplicate items of a list, counted from 1. */
function duplicates(p: Readonly<Record<string, unknown>>, locale: Locale): string {
  const [a, b] = [Number(p.j), Number(p.i)].sort((x, y) => x - y) as [number, number];
  const w = WORDS[locale];
  return Number.isInteger(a) && Number.isInteger(b)
    ? locale === "en"
      ? `${w.item(a + 1)} and ${w.item(b + 1)}`
      : `${w.item(a + 1)}与${w.item(b + 1)}`
    : locale === "en"
      ? "some items"
      : "有的项";
}
