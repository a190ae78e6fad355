import { pointerSegments } from "../model/json-pointer.js";

export type Schema = Record<string, unknown> | boolean;

/**
 * Whether a dot path names a place that the JSON Schema describes. Used to catch typos in
 * condition paths: json-rules-engine treats a missing path as `false`, which could approve.
 * Follows `properties`, `items` (numeric segments or array-wide), local `$ref`s and the
 * branches of `allOf` / `anyOf` / `oneOf` / `if-then-else`. A schema that allows anything
 * (`true`, `{}`) accepts every deeper path.
 *
 * @example
 * schemaHasPath({ type: "object", properties: { a: { type: "string" } } }, "a"); // true
 * schemaHasPath({ type: "object", properties: { a: { type: "string" } } }, "b"); // false
 */
export function schemaHasPath(root: Schema, path: string): boolean {
  return findSchemas(root, root, path.split("."), 0).length > 0;
}

/**
 * The `title` of the schema node at `path`, if any: a label for notices ("经营者证件号码").
 *
 * @example
 * schemaTitle({ properties: { a: { title: "名称" } } }, "a"); // "名称"
 */
export function schemaTitle(root: Schema, path: string): string | undefined {
  for (const node of findSchemas(root, root, path.split("."), 0)) {
    if (typeof node === "object" && typeof node.title === "string") return node.title;
  }
  return undefined;
}

function findSchemas(root: Schema, node: Schema, segments: string[], depth: number): Schema[] {
  if (depth > 64) return [];
  if (typeof node === "boolean") return node ? [node] : [];
  const resolved = resolveRef(root, node);
  if (resolved === undefined) return [];
  if (segments.length === 0) return [resolved];
  if (typeof resolved === "boolean") return resolved ? [resolved] : [];
  if (isUnconstrained(resolved)) return [resolved];

  const found: Schema[] = [];
  for (const key of ["allOf", "anyOf", "oneOf"] as const) {
    const branches = resolved[key];
    if (Array.isArray(branches)) {
      for (const branch of branches) found.push(...findSchemas(root, branch, segments, depth + 1));
    }
  }
  for (const key of ["then", "else"] as const) {
    const branch = resolved[key];
    if (branch !== undefined)
      found.push(...findSchemas(root, branch as Schema, segments, depth + 1));
  }
  const [head, ...rest] = segments as [string, ...string[]];
  const properties = resolved.properties as Record<string, Schema> | undefined;
  if (properties && Object.hasOwn(properties, head)) {
    found.push(...findSchemas(root, properties[head] as Schema, rest, depth + 1));
  }
  const additional = resolved.additionalProperties;
  if (typeof additional === "object" && additional !== null) {
    found.push(...findSchemas(root, additional as Schema, rest, depth + 1));
  }
  if (/^\d+$/.test(head) && typeof resolved.items === "object" && resolved.items !== null) {
    found.push(...findSchemas(root, resolved.items as Schema, rest, depth + 1));
  }
  return found;
}

const STRUCTURE_KEYWORDS = [
  "properties",
  "additionalProperties",
  "items",
  "allOf",
  "anyOf",
  "oneOf",
  "$ref",
  "type",
  "enum",
  "const",
  "then",
  "else",
];

function isUnconstrained(schema: Record<string, unknown>): boolean {
  return STRUCTURE_KEYWORDS.every((key) => schema[key] === undefined);
}

/**
 * The schema a node stands for: the node itself, or the target of its local `$ref`
 * (`#/definitions/…`); undefined for a remote or broken reference.
 *
 * @example
 * resolveRef({ definitions: { a: { type: "string" } } }, { $ref: "#/definitions/a" }); // { type: "string" }
 */
export function resolveRef(root: Schema, node: Record<string, unknown>): Schema | undefined {
  const ref = node.$ref;
  if (typeof ref !== "string") return node;
  if (!ref.startsWith("#")) return undefined;
  let target: unknown = root;
  for (const segment of pointerSegments(ref.slice(1))) {
    if (typeof target !== "object" || target === null || !Object.hasOwn(target, segment)) {
      return undefined;
    }
    target = (target as Record<string, unknown>)[segment];
  }
  return typeof target === "object" || typeof target === "boolean" ? (target as Schema) : undefined;
}
