import type { Ajv } from "ajv";
import { SchemaStrictError } from "../evaluate/schema-compiler.js";

/** Where in an input schema a problem is (segments below `input.data` / `input.evidence`). */
export interface SchemaProblem {
  segments: (string | number)[];
  message: string;
}

/**
 * Every mistake in a matter's input schema, each at the keyword at fault: what the JSON Schema
 * meta-schema refuses (`"type": "strin"`, `"minLength": -1`), an unknown keyword or `format`
 * (ajv would ignore it and never check the field), and what ajv's strict mode refuses
 * (`required` naming a property the schema does not describe — no application could then be
 * complete —, a keyword without the type it applies to, a `$ref` to nothing; a pattern RE2
 * cannot run is the lint's `unsupported-regex`). Compiled with the process's compiler (`createSchemaCompiler`, strict).
 *
 * @example
 * inputSchemaProblems({ properties: { d: { type: "string", format: "dat" } } }, ajv);
 * // [{ segments: ["properties", "d", "format"], message: 'unknown format "dat" …' }, …]
 */
export function inputSchemaProblems(schema: unknown, ajv: Ajv): SchemaProblem[] {
  if (typeof schema !== "object" || schema === null) {
    return [{ segments: [], message: "an input schema must be a JSON Schema object" }];
  }
  if (ajv.validateSchema(schema) !== true) {
    // One problem per place: a wrong `type` fails three branches of the meta-schema at once.
    const seen = new Set<string>();
    const problems: SchemaProblem[] = [];
    for (const error of ajv.errors ?? []) {
      if (seen.has(error.instancePath)) continue;
      seen.add(error.instancePath);
      const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
      problems.push({
        segments: fromPointer(error.instancePath),
        message: `not a valid JSON Schema: ${error.message ?? "invalid"}${allowed ? ` (${allowed.join(", ")})` : ""}`,
      });
    }
    return problems;
  }
  const problems: SchemaProblem[] = [];
  const known = (ajv as unknown as { RULES: { keywords: Record<string, unknown> } }).RULES.keywords;
  const formats = Object.keys(ajv.formats);
  schemaNodes(schema, [], (node, at) => {
    for (const [key, value] of Object.entries(node)) {
      if (!Object.hasOwn(known, key)) {
        problems.push({
          segments: [...at, key],
          message: `unknown keyword "${key}": ajv would ignore it (annotations may use "title", "description" and the declared x- keywords)`,
        });
      } else if (key === "format" && typeof value === "string" && !formats.includes(value)) {
        problems.push({
          segments: [...at, key],
          message: `unknown format "${value}": the field would not be checked (known: ${formats.join(", ")})`,
        });
      }
    }
  });
  try {
    ajv.compile(schema);
  } catch (error) {
    const messages =
      error instanceof SchemaStrictError
        ? error.problems
        : [error instanceof Error ? error.message : String(error)];
    for (const raw of messages) {
      // Found above, each at its place (ajv names no place for an unknown keyword).
      if (/unknown keyword|unknown format/.test(raw)) continue;
      const message = raw.replace(/^strict mode: /, "").replace(/ \(strict\w*\)$/, "");
      problems.push({
        segments: locate(raw, schema),
        message: `not a valid input schema: ${message}`,
      });
    }
  }
  return problems;
}

/** The keyword an ajv message is about, from the schema path it names (`#/…`) or its content. */
function locate(message: string, schema: object): (string | number)[] {
  const required = /required property "(.*)" is not defined at "#([^"]*)"/.exec(message);
  if (required) {
    const at = fromPointer(decodeURIComponent(required[2] ?? ""));
    const names = (nodeAt(schema, at) as { required?: unknown } | undefined)?.required;
    const index = Array.isArray(names) ? names.indexOf(required[1]) : -1;
    return index >= 0 ? [...at, "required", index] : [...at, "required"];
  }
  const keyword = /for keyword "([^"]*)" at "#([^"]*)"/.exec(message);
  if (keyword) return [...fromPointer(decodeURIComponent(keyword[2] ?? "")), keyword[1] ?? ""];
  const path = /at (?:path )?"#([^"]*)"/.exec(message);
  if (path) return fromPointer(decodeURIComponent(path[1] ?? ""));
  const reference = /can't resolve reference (.*) from id/.exec(message);
  const pattern = /Invalid regular expression: \/(.*)\/[a-z]*: /.exec(message);
  let found: (string | number)[] | undefined;
  schemaNodes(schema, [], (node, at) => {
    if (found) return;
    if (reference && node.$ref === reference[1]) found = [...at, "$ref"];
    if (pattern && node.pattern === pattern[1]) found = [...at, "pattern"];
    const patterns = node.patternProperties;
    if (pattern && typeof patterns === "object" && patterns !== null) {
      if (Object.hasOwn(patterns, pattern[1] ?? "")) found = [...at, "patternProperties"];
    }
  });
  return found ?? [];
}

const SCHEMA_MAPS = ["properties", "patternProperties", "definitions", "$defs", "dependencies"];
const SCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "items", "prefixItems"];
const SCHEMA_VALUES = [
  "additionalProperties",
  "additionalItems",
  "items",
  "contains",
  "propertyNames",
  "not",
  "if",
  "then",
  "else",
];

/**
 * Calls `visit` on every schema object in a schema (not on literal data: `enum`, `const`,
 * `default`, `examples` and annotations are not descended into), with its segments.
 */
function schemaNodes(
  node: unknown,
  at: (string | number)[],
  visit: (node: Record<string, unknown>, at: (string | number)[]) => void,
  depth = 0,
): void {
  if (depth > 64 || typeof node !== "object" || node === null || Array.isArray(node)) return;
  const record = node as Record<string, unknown>;
  visit(record, at);
  for (const [key, value] of Object.entries(record)) {
    if (SCHEMA_MAPS.includes(key) && typeof value === "object" && value !== null) {
      for (const [name, sub] of Object.entries(value))
        schemaNodes(sub, [...at, key, name], visit, depth + 1);
    } else if (SCHEMA_LISTS.includes(key) && Array.isArray(value)) {
      value.forEach((sub, i) => {
        schemaNodes(sub, [...at, key, i], visit, depth + 1);
      });
    } else if (SCHEMA_VALUES.includes(key)) {
      schemaNodes(value, [...at, key], visit, depth + 1);
    }
  }
}

function nodeAt(schema: unknown, segments: readonly (string | number)[]): unknown {
  let node = schema;
  for (const segment of segments) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

function fromPointer(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .split("/")
    .slice(1)
    .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
}
