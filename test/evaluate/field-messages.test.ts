// Issue 11 class 9: data failing a matter's input schema is explained in the notice's own
// language — every validator keyword, the field by its title, enum values with their names —
// and no text of the validator (English) reaches a zh-CN notice.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  ENUM_TITLES_KEYWORD,
  EXPLAINED_KEYWORDS,
  fieldProblemText,
} from "../../src/evaluate/field-messages.js";
import { toFieldProblem } from "../../src/evaluate/input-facts.js";
import { createSchemaCompiler } from "../../src/evaluate/schema-compiler.js";
import type { Schema } from "../../src/json/schema-paths.js";
import { bundledRules } from "../helpers.js";
import { fixtureCases, type Json } from "../properties/support.js";

/** Fragments of ajv's own messages (ajv/dist/vocabularies): none may reach a notice. */
const AJV_TEXT = [
  "must be equal to one of the allowed values",
  "must be equal to constant",
  "must have required property",
  "must NOT have",
  "must match",
  "must be >",
  "must be <",
  "must be string",
  "must be number",
  "must be integer",
  "must be array",
  "must be object",
  "must be boolean",
  "must be multiple of",
  "must contain",
  "must pass",
  "boolean schema is false",
  "property name must be valid",
];

/** Latin words a zh-CN notice may show besides field paths and values: format examples. */
const ALLOWED_LATIN = new Set([
  "YYYY",
  "MM",
  "DD",
  "T",
  "ISO",
  "hh",
  "mm",
  "ss",
  "true",
  "false",
  "null",
]);

/** The Latin words left in a zh-CN text once the field's path and the given values are taken out. */
function strayLatin(text: string, known: readonly string[]): string[] {
  let rest = text;
  for (const k of [...known].sort((a, b) => b.length - a.length)) rest = rest.split(k).join(" ");
  return (rest.match(/[A-Za-z]+/g) ?? []).filter((word) => !ALLOWED_LATIN.has(word));
}

function expectNoValidatorText(text: string): void {
  for (const fragment of AJV_TEXT) expect(text).not.toContain(fragment);
}

const KIND = { "zh-CN": "测试字段", en: "test field" };

/**
 * One failing value per keyword: the schema of a field `field` (titled 测试字段) and data that
 * breaks it. Every keyword worded by field-messages.ts that the library's ajv knows.
 */
const CASES: Array<{
  keyword: string;
  field: Record<string, unknown>;
  value?: unknown;
  object?: Record<string, unknown>;
  mentions?: string[];
}> = [
  { keyword: "type", field: { type: "string" }, value: 12, mentions: ["文字"] },
  { keyword: "type", field: { type: ["integer", "null"] }, value: "x", mentions: ["整数", "空值"] },
  {
    keyword: "enum",
    field: {
      enum: ["individual", "family"],
      [ENUM_TITLES_KEYWORD]: {
        individual: { "zh-CN": "个人经营", en: "run by one person" },
        family: "家庭经营",
      },
    },
    value: "company",
    mentions: ["individual（个人经营）", "family（家庭经营）"],
  },
  {
    keyword: "enum",
    field: {
      oneOf: [
        { const: "a", title: "甲" },
        { const: "b", title: "乙" },
      ],
      enum: ["a", "b"],
    },
    value: "c",
    mentions: ["a（甲）", "b（乙）"],
  },
  { keyword: "const", field: { const: true }, value: false, mentions: ["true"] },
  {
    keyword: "minLength",
    field: { type: "string", minLength: 1 },
    value: "",
    mentions: ["不能为空"],
  },
  { keyword: "minLength", field: { type: "string", minLength: 3 }, value: "ab", mentions: ["3"] },
  {
    keyword: "maxLength",
    field: { type: "string", maxLength: 4 },
    value: "abcde",
    mentions: ["4"],
  },
  {
    keyword: "pattern",
    field: { type: "string", pattern: "^[0-9]{6}$" },
    value: "12",
    mentions: ["^[0-9]{6}$"],
  },
  {
    keyword: "format",
    field: { type: "string", format: "date" },
    value: "2025-02-30",
    mentions: ["YYYY-MM-DD"],
  },
  {
    keyword: "format",
    field: { type: "string", format: "email" },
    value: "x",
    mentions: ["电子邮件"],
  },
  {
    keyword: "format",
    field: { type: "string", format: "date-time" },
    value: "x",
    mentions: ["日期和时间"],
  },
  { keyword: "minimum", field: { type: "number", minimum: 0 }, value: -1, mentions: ["0"] },
  {
    keyword: "maximum",
    field: { type: "number", maximum: 100000 },
    value: 100001,
    mentions: ["100000"],
  },
  {
    keyword: "exclusiveMinimum",
    field: { type: "number", exclusiveMinimum: 0 },
    value: 0,
    mentions: ["0"],
  },
  {
    keyword: "exclusiveMaximum",
    field: { type: "number", exclusiveMaximum: 10 },
    value: 10,
    mentions: ["10"],
  },
  {
    keyword: "multipleOf",
    field: { type: "number", multipleOf: 0.01 },
    value: 0.001,
    mentions: ["0.01"],
  },
  { keyword: "minItems", field: { type: "array", minItems: 1 }, value: [], mentions: ["一项"] },
  { keyword: "minItems", field: { type: "array", minItems: 2 }, value: [1], mentions: ["2"] },
  { keyword: "maxItems", field: { type: "array", maxItems: 1 }, value: [1, 2], mentions: ["1"] },
  {
    keyword: "additionalItems",
    field: { type: "array", items: [{}], minItems: 1, additionalItems: false },
    value: [1, 2],
    mentions: ["1"],
  },
  {
    keyword: "uniqueItems",
    field: { type: "array", uniqueItems: true },
    value: ["a", "b", "a"],
    mentions: ["第1项", "第3项"],
  },
  { keyword: "contains", field: { type: "array", contains: { const: 1 } }, value: [2] },
  {
    keyword: "minProperties",
    field: { type: "object", minProperties: 1 },
    value: {},
    mentions: ["1"],
  },
  {
    keyword: "maxProperties",
    field: { type: "object", maxProperties: 1 },
    value: { a: 1, b: 2 },
    mentions: ["1"],
  },
  {
    keyword: "propertyNames",
    field: { type: "object", propertyNames: { maxLength: 2 } },
    value: { abc: 1 },
    mentions: ["abc"],
  },
  { keyword: "not", field: { not: { const: 0 } }, value: 0 },
  { keyword: "oneOf", field: { oneOf: [{ type: "number" }, { type: "integer" }] }, value: 1 },
  { keyword: "anyOf", field: { anyOf: [{ type: "number" }, { type: "boolean" }] }, value: "x" },
  {
    keyword: "if",
    field: JSON.parse('{"if": {"type": "number"}, "then": {"type": "number", "minimum": 5}}'),
    value: 1,
  },
  { keyword: "false schema", field: false as unknown as Record<string, unknown>, value: 1 },
  { keyword: "required", field: { type: "string" }, object: {}, mentions: ["请提供"] },
  {
    keyword: "additionalProperties",
    field: { type: "string" },
    object: { field: "x", extra: 1 },
    mentions: ["extra"],
  },
  {
    keyword: "dependencies",
    field: { type: "string" },
    object: { other: 1 },
    mentions: ["请提供", "other"],
  },
];

function schemaOf(c: (typeof CASES)[number]): Schema {
  const field = typeof c.field === "object" ? { title: KIND["zh-CN"], ...c.field } : c.field;
  const extra: Record<string, unknown> = {};
  if (c.keyword === "required") extra.required = ["field"];
  if (c.keyword === "additionalProperties") extra.additionalProperties = false;
  if (c.keyword === "dependencies") extra.dependencies = { other: ["field"] };
  return {
    type: "object",
    properties: { field, other: { type: "number", title: "其他字段" } },
    ...extra,
  };
}

describe("field problems in the notice's language", () => {
  const ajv = createSchemaCompiler();

  for (const c of CASES) {
    it(`words a failing ${c.keyword} in zh-CN and en, without the validator's text`, () => {
      const schema = schemaOf(c);
      const validate = ajv.compile(schema as object);
      const data = c.object ?? { field: c.value };
      expect(validate(data)).toBe(false);
      const errors = validate.errors ?? [];
      const error = errors.find((e) => e.keyword === c.keyword);
      expect(error, JSON.stringify(errors)).toBeDefined();
      if (error === undefined) return;
      const problem = toFieldProblem(error);
      const text = fieldProblemText(schema, problem);
      expect(EXPLAINED_KEYWORDS).toContain(c.keyword);
      for (const locale of ["zh-CN", "en"] as const) {
        expectNoValidatorText(text[locale]);
        expect(text[locale]).not.toContain(String(error.message));
      }
      // The field by its title, and what the applicant needs to know to fix it.
      const titled = problem.path === "field" || problem.path === "";
      if (problem.path === "field" && c.field !== (false as unknown)) {
        expect(text["zh-CN"]).toContain(KIND["zh-CN"]);
      }
      for (const mention of c.mentions ?? []) expect(text["zh-CN"]).toContain(mention);
      const values = [problem.path, ...Object.values(problem.params).flat().map(String)];
      expect(strayLatin(text["zh-CN"], titled ? values : [...values, "other"])).toEqual([]);
      expect(text["zh-CN"]).not.toBe(text.en);
    });
  }

  it("covers every keyword it words with a case above", () => {
    const tested = new Set(CASES.map((c) => c.keyword));
    const untested = EXPLAINED_KEYWORDS.filter(
      // 2019-09 keywords the draft-07 validator of the library does not run.
      (k) => !tested.has(k) && !["dependentRequired", "minContains", "maxContains"].includes(k),
    );
    expect(untested).toEqual([]);
  });

  it("words the en notice with the English names of the values where the schema gives them", () => {
    const schema = schemaOf(CASES[2] as (typeof CASES)[number]);
    const text = fieldProblemText(schema, {
      path: "field",
      problem: "invalid",
      keyword: "enum",
      params: { allowedValues: ["individual", "family"] },
    });
    expect(text.en).toBe(
      "Please correct: 测试字段 (field) (must be one of: individual (run by one person), family (家庭经营))",
    );
    expect(text["zh-CN"]).toBe(
      "请更正：测试字段（field）（应为以下之一：individual（个人经营）、family（家庭经营））",
    );
  });

  it("names an item of a list by the list and its number, counted from 1", () => {
    const schema: Schema = {
      type: "object",
      properties: {
        familyMembers: {
          type: "array",
          title: "家庭成员",
          items: {
            type: "object",
            properties: { name: { type: "string", title: "姓名" }, note: { type: "string" } },
          },
        },
      },
    };
    const text = (path: string) =>
      fieldProblemText(schema, { path, problem: "absent", keyword: "required", params: {} });
    expect(text("familyMembers.1.name")["zh-CN"]).toBe(
      "请提供：家庭成员第2项：姓名（familyMembers.1.name）",
    );
    expect(text("familyMembers.0.note")["zh-CN"]).toBe(
      "请提供：家庭成员第1项 note（familyMembers.0.note）",
    );
    expect(text("familyMembers.1.name").en).toBe(
      "Please supply: 家庭成员, item 2: 姓名 (familyMembers.1.name)",
    );
    expect(text("unknown")["zh-CN"]).toBe("请提供：unknown");
  });
});

/** The keywords of a schema and everything under it. */
function keywordsOf(schema: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const s of schema) keywordsOf(s, into);
  else if (typeof schema === "object" && schema !== null) {
    for (const [key, value] of Object.entries(schema)) {
      if (key === "properties" || key === "definitions" || key === "$defs") {
        for (const s of Object.values(value as object)) keywordsOf(s, into);
      } else if (key !== ENUM_TITLES_KEYWORD) {
        into.add(key);
        keywordsOf(value, into);
      }
    }
  }
  return into;
}

/** Annotations and structure: keywords that cannot fail by themselves. */
const NOT_ASSERTIONS = new Set([
  "title",
  "description",
  "items",
  "$schema",
  "$id",
  "$comment",
  "default",
  "examples",
  // Marks an identity-document number for the lint (raw-identity-number); validates nothing.
  "x-identity-number",
]);

describe("the bundled matters' input schemas", async () => {
  const rules = await bundledRules();
  const matters = rules.matters().map((m) => ({ id: m.id }));

  it("use only keywords a notice words (data and evidence)", () => {
    for (const { id } of matters) {
      const input = inputOf(id);
      for (const key of ["data", "evidence"] as const) {
        const used = [...keywordsOf(input[key])].filter((k) => !NOT_ASSERTIONS.has(k));
        expect(
          used.filter(
            (k) => !EXPLAINED_KEYWORDS.includes(k) && k !== "required" && k !== "properties",
          ),
          `${id} ${key}`,
        ).toEqual([]);
      }
    }
    expect(matters.length).toBeGreaterThanOrEqual(3);
  });

  it("give every field a title (an item of a list is named by the list's)", () => {
    for (const { id } of matters) {
      const untitled: string[] = [];
      const walk = (node: Json, path: string, item: boolean) => {
        if (typeof node !== "object" || node === null || Array.isArray(node)) return;
        const n = node as Record<string, Json>;
        if (path !== "" && !item && typeof n.title !== "string") untitled.push(path);
        for (const [key, sub] of Object.entries((n.properties ?? {}) as Record<string, Json>)) {
          walk(sub, path === "" ? key : `${path}.${key}`, false);
        }
        if (n.items !== undefined) walk(n.items, `${path}.0`, true);
      };
      walk(inputOf(id).data, "", false);
      expect(untitled, id).toEqual([]);
    }
  });

  it("give every enum value a name in both locales", () => {
    for (const { id } of matters) {
      for (const node of nodes(inputOf(id).data)) {
        if (!Array.isArray(node.enum)) continue;
        const titles = node[ENUM_TITLES_KEYWORD] as Record<string, Record<string, string>>;
        expect(titles, `${id}: ${JSON.stringify(node.enum)}`).toBeDefined();
        for (const value of node.enum as string[]) {
          expect(titles[value]?.["zh-CN"], `${id} ${value}`).toMatch(/\p{Script=Han}/u);
          expect(titles[value]?.en, `${id} ${value}`).toMatch(/^[\x20-\x7e]+$/);
        }
      }
    }
  });

  it("explain, through whole decisions, a violation of every keyword the data schemas use", async () => {
    const covered = new Set<string>();
    const used = new Set<string>();
    let notices = 0;
    for (const { id } of matters) {
      const schema = inputOf(id).data as Schema;
      for (const k of keywordsOf(schema))
        if (!NOT_ASSERTIONS.has(k) && k !== "properties") used.add(k);
      const approved = fixtureCases().filter(
        (c) => c.matter === id && c.expected.outcome === "approve",
      );
      for (const v of violations(schema)) {
        const seed = approved.find(
          (c) => getAt(c.application.data, v.needs ?? v.parent) !== undefined,
        );
        if (seed === undefined) continue;
        const application = structuredClone(seed.application);
        v.apply(getAt(application.data, v.parent) as Record<string, Json>);
        const zh = await rules.decide(application, { locale: "zh-CN", replay: true });
        const en = await rules.decide(application, { locale: "en", replay: true });
        const item = zh.missing.find((m) => m.kind === "field" && m.field === v.path);
        const itemEn = en.missing.find((m) => m.kind === "field" && m.field === v.path);
        expect(item, `${id} ${v.keyword} at ${v.path}`).toBeDefined();
        if (item === undefined || itemEn === undefined) continue;
        expectNoValidatorText(item.message);
        expectNoValidatorText(itemEn.message);
        const known = [...v.path.split("."), ...v.values.map(String)];
        expect(
          strayLatin(item.message, known),
          `${id} ${v.keyword} at ${v.path}: ${item.message}`,
        ).toEqual([]);
        if (v.title) expect(item.message).toContain(v.title);
        for (const [value, name] of v.named) {
          expect(item.message).toContain(`${value}（${name["zh-CN"]}）`);
          expect(itemEn.message).toContain(`${value} (${name.en})`);
        }
        covered.add(v.keyword);
        notices++;
      }
    }
    expect([...used].filter((k) => !covered.has(k) && k !== "pattern")).toEqual([]);
    expect(notices).toBeGreaterThan(50);
  });

  function inputOf(id: string): { data: Json; evidence: Json } {
    const file = JSON.parse(
      readFileSync(new URL(`../../rules/matters/${id}/1.0.0.json`, import.meta.url), "utf8"),
    );
    return file.input;
  }
});

function nodes(schema: Json, into: Array<Record<string, Json>> = []): Array<Record<string, Json>> {
  if (Array.isArray(schema)) for (const s of schema) nodes(s, into);
  else if (typeof schema === "object" && schema !== null) {
    into.push(schema as Record<string, Json>);
    for (const [key, value] of Object.entries(schema)) {
      if (key === "properties")
        for (const s of Object.values(value as object)) nodes(s as Json, into);
      else if (key !== ENUM_TITLES_KEYWORD && typeof value === "object") nodes(value as Json, into);
    }
  }
  return into;
}

function getAt(root: Json, path: string): Json | undefined {
  let here: Json | undefined = root;
  for (const segment of path === "" ? [] : path.split(".")) {
    if (typeof here !== "object" || here === null) return undefined;
    here = (here as Record<string, Json>)[segment];
  }
  return here;
}

interface Violation {
  keyword: string;
  /** The field the notice must name. */
  path: string;
  /** The object holding it (an existing one in the seed application). */
  parent: string;
  /** What the seed application must hold, when more than the parent. */
  needs?: string;
  apply: (parent: Record<string, Json>) => void;
  title: string | undefined;
  /** Values the notice may show as they are. */
  values: readonly Json[];
  named: Array<[string, { "zh-CN": string; en: string }]>;
}

/** A violation of each keyword of each field of a data schema; list items at index 0. */
function violations(schema: Schema, path = "", into: Violation[] = []): Violation[] {
  if (typeof schema !== "object") return into;
  const node = schema as Record<string, Json>;
  const join = (a: string, b: string) => (a === "" ? b : `${a}.${b}`);
  const parent = path.split(".").slice(0, -1).join(".");
  const key = path.split(".").at(-1) as string;
  const title = typeof node.title === "string" ? node.title : undefined;
  const set = (keyword: string, value: Json, values: Json[] = []) =>
    path !== "" &&
    into.push({
      keyword,
      path,
      parent,
      title,
      apply: (p) => {
        p[key] = value;
      },
      values,
      named:
        keyword === "enum"
          ? Object.entries(
              (node[ENUM_TITLES_KEYWORD] ?? {}) as Record<string, { "zh-CN": string; en: string }>,
            )
          : [],
    });
  if (node.type === "string" && !Array.isArray(node.enum)) set("type", 12345);
  if (node.type === "number" || node.type === "integer") set("type", "十");
  if (node.type === "boolean") set("type", "是");
  if (node.type === "array") set("type", "列表");
  if (node.type === "object") set("type", "对象");
  if (Array.isArray(node.enum))
    set("enum", "not-an-allowed-value", ["not-an-allowed-value", ...(node.enum as Json[])]);
  if (typeof node.minLength === "number") set("minLength", "字".repeat(node.minLength - 1));
  if (typeof node.maxLength === "number") set("maxLength", "字".repeat(node.maxLength + 1));
  if (node.format === "date") set("format", "2025-02-30");
  if (typeof node.minimum === "number") set("minimum", node.minimum - 1);
  if (typeof node.maximum === "number") set("maximum", node.maximum + 1);
  if (typeof node.exclusiveMinimum === "number") set("exclusiveMinimum", node.exclusiveMinimum);
  if (node.type === "array" && path !== "") {
    const items = (n: number) => (p: Record<string, Json>) => {
      const list = p[key];
      if (Array.isArray(list) && list.length > 0)
        p[key] = Array.from({ length: n }, () => list[0] as Json);
    };
    if (typeof node.minItems === "number")
      into.push({
        keyword: "minItems",
        path,
        parent,
        needs: path,
        title,
        apply: (p) => {
          if (p[key] !== undefined) p[key] = [];
        },
        values: [],
        named: [],
      });
    if (typeof node.maxItems === "number")
      into.push({
        keyword: "maxItems",
        path,
        parent,
        needs: path,
        title,
        apply: items(node.maxItems + 1),
        values: [],
        named: [],
      });
    if (node.uniqueItems === true)
      into.push({
        keyword: "uniqueItems",
        path,
        parent,
        needs: path,
        title,
        apply: items(2),
        values: [],
        named: [],
      });
  }
  if (node.type === "object" || node.properties) {
    const properties = (node.properties ?? {}) as Record<string, Schema>;
    for (const required of (node.required ?? []) as string[]) {
      const sub = properties[required] as Record<string, Json> | undefined;
      into.push({
        keyword: "required",
        path: join(path, required),
        parent: path,
        title: typeof sub?.title === "string" ? sub.title : undefined,
        apply: (p) => {
          delete p[required];
        },
        values: [],
        named: [],
      });
    }
    if (node.additionalProperties === false) {
      into.push({
        keyword: "additionalProperties",
        path: join(path, "unknownField"),
        parent: path,
        title: undefined,
        apply: (p) => {
          p.unknownField = 1;
        },
        values: [],
        named: [],
      });
    }
    for (const [name, sub] of Object.entries(properties)) violations(sub, join(path, name), into);
  }
  if (node.items && typeof node.items === "object" && !Array.isArray(node.items)) {
    violations(node.items as Schema, join(path, "0"), into);
  }
  return into;
}
