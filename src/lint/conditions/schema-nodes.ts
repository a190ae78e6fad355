import { resolveRef, type Schema } from "../../evaluate/schema-paths.js";

/**
 * The JSON Schema nodes that may describe the value at a dot path: every branch of `allOf` /
 * `anyOf` / `oneOf` / `then` / `else`, through `properties`, `additionalProperties`, `items`
 * and local `$ref`s. A node that allows anything stands for every deeper path. Empty when the
 * schema describes no such place (the loader reports that path as unknown).
 *
 * @example
 * schemaNodesAt({ properties: { a: { enum: [1, 2] } } }, "a"); // [{ enum: [1, 2] }]
 */
export function schemaNodesAt(root: Schema, path: string): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  collect(root, root, path === "" ? [] : path.split("."), 0, found);
  return found;
}

const STRUCTURE = ["properties", "additionalProperties", "items", "allOf", "anyOf", "oneOf"];

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
  const branches = [
    ...["allOf", "anyOf", "oneOf"].flatMap((key) => {
      const list = resolved[key];
      return Array.isArray(list) ? (list as Schema[]) : [];
    }),
    ...(["then", "else"] as const).flatMap((key) =>
      resolved[key] === undefined ? [] : [resolved[key] as Schema],
    ),
  ];
  for (const branch of branches) collect(root, branch, segments, depth + 1, found);
  if (segments.length === 0) {
    found.push(resolved);
    return;
  }
  const unconstrained = STRUCTURE.every((key) => resolved[key] === undefined);
  if (unconstrained && resolved.type === undefined) {
    found.push({});
    return;
  }
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
