import { pointerSegments } from "./json-pointer.js";

export type Schema = Record<string, unknown> | boolean;

/**
 * Whether a dot path names a place that the JSON Schema describes. Used to catch typos in
 * condition paths: json-rules-engine treats a missing path as `false`, which could approve.
 *
 * @example
 * schemaHasPath({ type: "object", properties: { a: { type: "string" } } }, "a"); // true
 * schemaHasPath({ type: "object", properties: { a: { type: "string" } } }, "b"); // false
 */
export function schemaHasPath(root: Schema, path: string): boolean {
  return schemaNodesAt(root, path).length > 0;
}

/**
 * The `title` of the schema node at `path`, if any: a label for notices ("经营者证件号码").
 *
 * @example
 * schemaTitle({ properties: { a: { title: "名称" } } }, "a"); // "名称"
 */
export function schemaTitle(root: Schema, path: string): string | undefined {
  for (const node of schemaNodesAt(root, path)) {
    if (typeof node.title === "string") return node.title;
  }
  return undefined;
}

/**
 * The JSON Schema nodes that may describe the value at a dot path — the one walker behind the
 * loader's path check, notices' field titles, the lint's fact domains and the guide. It
 * follows `properties`, `additionalProperties`, `items` (numeric segments), local `$ref`s and
 * every branch of `allOf` / `anyOf` / `oneOf` / `then` / `else`; the node reached comes before
 * its branches. A node that constrains nothing (`true`, `{}`, only annotations such as a
 * title) allows every deeper path, which it stands for as `{}`; one that says what its value
 * is (`type`, `enum`, `const`, …) describes no deeper path it does not name. Empty when the
 * schema describes no such place.
 *
 * @example
 * schemaNodesAt({ properties: { a: { enum: [1, 2] } } }, "a"); // [{ enum: [1, 2] }]
 * schemaNodesAt({ properties: { a: { enum: [1, 2] } } }, "a.b"); // []
 */
export function schemaNodesAt(root: Schema, path: string): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  collect(root, root, path === "" ? [] : path.split("."), 0, found);
  return found;
}

function collect(
  root: Schema,
  node: Schema,
  segments: readonly string[],
  depth: number,
  found: Array<Record<string, unknown>>,
): void {
  if (depth > 64) return;
  const resolved = typeof node === "object" ? resolveRef(root, node) : node;
  if (resolved === undefined || resolved === false) return;
  if (resolved === true) {
    found.push({});
    return;
  }
  if (segments.length === 0) found.push(resolved);
  else if (isUnconstrained(resolved)) {
    found.push({});
    return;
  }
  for (const key of ["allOf", "anyOf", "oneOf"] as const) {
    const branches = resolved[key];
    if (Array.isArray(branches)) {
      for (const branch of branches) collect(root, branch as Schema, segments, depth + 1, found);
    }
  }
  for (const key of ["then", "else"] as const) {
    const branch = resolved[key];
    if (branch !== undefined) collect(root, branch as Schema, segments, depth + 1, found);
  }
  if (segments.length === 0) return;
  const [head, ...rest] = segments as [string, ...string[]];
  const properties = resolved.properties as Record<string, Schema> | undefined;
  if (properties && Object.hasOwn(properties, head)) {
    collect(root, properties[head] as Schema, rest, depth + 1, found);
  }
  const additional = resolved.additionalProperties;
  if (typeof additional === "object" && additional !== null) {
    collect(root, additional as Schema, rest, depth + 1, found);
  }
  if (/^\d+$/.test(head) && typeof resolved.items === "object" && resolved.items !== null) {
    collect(root, resolved.items as Schema, rest, depth + 1, found);
  }
}

/** Keywords that say what a value is or where to look further: without any, anything goes. */
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
