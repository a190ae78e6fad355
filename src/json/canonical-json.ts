/**
 * Serialises JSON data with object keys sorted at every level and no whitespace, so equal data
 * always gives equal text (and equal hashes) whatever order its keys arrived in. Keys whose
 * value is `undefined` are left out, as `JSON.stringify` leaves them out.
 *
 * @example
 * canonicalJson({ b: 1, a: [true, null] }); // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === "string") return quoted(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) {
    let text = "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) text += ",";
      text += canonicalJson(value[i]);
    }
    return `${text}]`;
  }
  const object = value as Record<string, unknown>;
  const keys = sortKeys(Object.keys(object));
  let text = "{";
  let first = true;
  for (const key of keys) {
    const item = object[key];
    if (item === undefined) continue;
    text += first ? "" : ",";
    first = false;
    text += quotedKey(key);
    text += canonicalJson(item);
  }
  return `${text}}`;
}

/** A string as JSON.stringify quotes it; most strings need no escape and are quoted directly. */
export function quoted(text: string): string {
  return needsEscape(text) ? JSON.stringify(text) : `"${text}"`;
}

/**
 * Whether JSON.stringify escapes anything in a text: a quote, a backslash, a control character
 * or a surrogate (a text without any surrogate is also well-formed).
 */
export function needsEscape(text: string): boolean {
  return NEEDS_ESCAPE.test(text);
}

/**
 * Sorts keys as `Array.prototype.sort` does (by UTF-16 code units; keys are distinct), by
 * insertion for the few keys an object usually has: several times faster than the built-in.
 */
export function sortKeys(keys: string[]): string[] {
  if (keys.length > 32) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > key) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}

/** What JSON.stringify escapes: a quote, a backslash, control characters, (lone) surrogates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** Field names repeat from one application to the next: quote each once (a bounded cache). */
const quotedKeys = new Map<string, string>();

function quotedKey(key: string): string {
  let text = quotedKeys.get(key);
  if (text === undefined) {
    text = `${JSON.stringify(key)}:`;
    if (quotedKeys.size < 4096 && key.length <= 64) quotedKeys.set(key, text);
  }
  return text;
}

/**
 * A SHA-256 function giving lower-case hex: synchronous (node:crypto, injected by the node-only
 * loader) or asynchronous (Web Crypto, the default in the core, which imports no `node:` module).
 */
export type Sha256 = (text: string) => string | Promise<string>;

/**
 * The SHA-256 of a text as lower-case hex, with the Web Crypto API that Node and browsers
 * share (the core imports no `node:` module).
 *
 * @example
 * await sha256Hex("abc"); // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
 */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
