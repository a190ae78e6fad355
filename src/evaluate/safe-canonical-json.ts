import { isForbiddenKey } from "../model/forbidden-key.js";
import { needsEscape, quoted, sortKeys } from "./canonical-json.js";
import { hasLoneSurrogate, INPUT_LIMITS } from "./input-limits.js";

/**
 * `canonicalJson(value)` for a value in which `inputProblems` finds nothing, in the same single
 * pass that makes sure of it; `undefined` as soon as anything is amiss — a bound of
 * `INPUT_LIMITS` passed, a prototype key, a lone surrogate, a value JSON cannot hold, a getter
 * that throws — and then `inputProblems` walks the value again to say what (a decide needs
 * both the check and the input hash's text, and reading every application twice cost about a
 * tenth of a decision).
 *
 * Exactly the conditions of input-limits.ts's `walk`: every value counts towards `maxNodes`
 * (an `undefined` too), every string and key towards `maxTotalLength`; an object or array at
 * depth `maxDepth` (the envelope is depth 0) is too deep. The order in which they are checked
 * does not matter here: only whether all of them hold.
 *
 * @example
 * safeCanonicalJson({ b: 1, a: "x" }); // '{"a":"x","b":1}'
 * safeCanonicalJson({ ["__proto__"]: {} }); // undefined
 */
export function safeCanonicalJson(value: unknown): string | undefined {
  const counts: Counts = { nodes: 0, text: 0 };
  try {
    const text = emit(value, 0, counts);
    return text === UNSAFE ? undefined : text;
  } catch {
    return undefined;
  }
}

interface Counts {
  nodes: number;
  text: number;
}

/**
 * Keys found safe (within `maxKeyLength`, well-formed, not a prototype key), each quoted as
 * canonicalJson quotes it: field names repeat from one application to the next, so most keys
 * are checked and quoted by one look-up (a bounded cache).
 */
const safeKeys = new Map<string, string>();

/** Not a string any JSON text can be (JSON texts are never empty). */
const UNSAFE = "";

/** The canonical JSON of a value at `depth`, or UNSAFE. */
function emit(value: unknown, depth: number, counts: Counts): string {
  const L = INPUT_LIMITS;
  if (++counts.nodes > L.maxNodes) return UNSAFE;
  if (typeof value === "string") {
    if (value.length > L.maxStringLength) return UNSAFE;
    counts.text += value.length;
    if (counts.text > L.maxTotalLength) return UNSAFE;
    // One scan for most strings: one with nothing to escape has no surrogate at all.
    if (!needsEscape(value)) return `"${value}"`;
    return hasLoneSurrogate(value) ? UNSAFE : JSON.stringify(value);
  }
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : UNSAFE;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value === null || value === undefined) return "null";
  // A function, symbol or bigint.
  if (typeof value !== "object") return UNSAFE;
  if (depth >= L.maxDepth) return UNSAFE;
  if (Array.isArray(value)) {
    if (value.length > L.maxArrayLength) return UNSAFE;
    let text = "[";
    for (let i = 0; i < value.length; i++) {
      const item = emit(value[i], depth + 1, counts);
      if (item === UNSAFE) return UNSAFE;
      text += i > 0 ? `,${item}` : item;
    }
    return `${text}]`;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return UNSAFE;
  const keys = Object.keys(value);
  if (keys.length > L.maxObjectKeys) return UNSAFE;
  let text = "{";
  let first = true;
  for (const key of sortKeys(keys)) {
    counts.text += key.length;
    if (counts.text > L.maxTotalLength) return UNSAFE;
    let quotedKey = safeKeys.get(key);
    if (quotedKey === undefined) {
      if (key.length > L.maxKeyLength || hasLoneSurrogate(key) || isForbiddenKey(key)) {
        return UNSAFE;
      }
      quotedKey = `${quoted(key)}:`;
      if (safeKeys.size < 4096 && key.length <= 64) safeKeys.set(key, quotedKey);
    }
    const itemValue = (value as Record<string, unknown>)[key];
    // Counted and checked even when left out of the text, as the walk visits it.
    const item = emit(itemValue, depth + 1, counts);
    if (item === UNSAFE) return UNSAFE;
    if (itemValue === undefined) continue;
    text += first ? quotedKey : `,${quotedKey}`;
    first = false;
    text += item;
  }
  return `${text}}`;
}
