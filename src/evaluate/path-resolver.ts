import { isForbiddenKey } from "../model/forbidden-key.js";

/**
 * Reads a dot path (`operator.document.number`, `members.0.name`) from a value. Only own
 * properties are read and prototype segments never resolve, so a path cannot reach
 * `Object.prototype` or run code — unlike json-rules-engine's default JSONPath resolver,
 * which can execute a crafted path (DESIGN §8).
 *
 * @example
 * resolvePath({ a: { b: [10, 20] } }, "a.b.1"); // 20
 * resolvePath({ a: 1 }, "constructor.name"); // undefined
 */
export function resolvePath(value: unknown, path: string): unknown {
  let current = value;
  for (const segment of segmentsOf(path)) {
    if (current === null || typeof current !== "object" || isForbiddenKey(segment)) {
      return undefined;
    }
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** Paths come from rule files and repeat on every decision: split each once (a bounded cache). */
const split = new Map<string, readonly string[]>();

function segmentsOf(path: string): readonly string[] {
  let segments = split.get(path);
  if (segments === undefined) {
    segments = Object.freeze(path.split("."));
    if (split.size < 4096 && path.length <= 256) split.set(path, segments);
  }
  return segments;
}
