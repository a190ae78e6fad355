/**
 * Masking of applications before they are written to the decision log. By default identity
 * numbers, names, phone numbers and addresses are masked, both by the key they sit under and by
 * what they look like wherever they appear (an ID number typed into a free-text field is still
 * an ID number). A masked entry is checked again afterwards: if anything still looks like an
 * identity or phone number, the entry cannot be masked and is dropped, never written unmasked
 * (the OPA Java SDK's rule: drop the event rather than log it unmasked).
 */

/**
 * A pattern that masks what it matches in a string: a global regular expression (the built-in
 * ones), or one of a masking file's patterns (matched in linear time, see mask-file.ts).
 */
export type MaskPattern = RegExp | { mask(text: string, by: string): string };

/** What is masked: object keys (case-insensitive, any depth) and value patterns. */
export interface MaskSettings {
  /** Keys whose string or number values are replaced whole. */
  keys: readonly string[];
  /** Patterns replaced wherever they occur in any string. */
  patterns: readonly MaskPattern[];
}

/** The replacement of a masked value. */
export const MASK = "***";

export const DEFAULT_MASK_SETTINGS: MaskSettings = {
  keys: [
    "name",
    "fullName",
    "number",
    "idNumber",
    "phone",
    "mobile",
    "telephone",
    "email",
    "residence",
    "address",
    "birthDate",
  ],
  patterns: [
    // Resident identity numbers (GB 11643: 17 digits and a check digit or X), 15-digit old ones.
    /\d{17}[\dXx]|\d{15}/g,
    // Mainland mobile numbers, with or without +86.
    /(?:\+?86[- ]?)?1[3-9]\d{9}/g,
    // Mainland travel permits for Hong Kong / Macao / Taiwan residents (H/M + 8–10 digits).
    /[HMhm]\d{8,10}/g,
    // Fixed-line numbers with an area code.
    /0\d{2,3}-?\d{7,8}/g,
  ],
};

/**
 * What must not remain after masking, looked for in every string with spaces, dots and dashes
 * taken out (so "440305 19850315 2222" or "138-0013-8000", which the patterns above miss, are
 * still seen): any match drops the entry.
 */
const RESIDUE = /\d{15,}|1[3-9]\d{9}|[HMhm]\d{8,10}/;
const SEPARATORS = /[\s.\-_/·]/g;

/**
 * The input masked, or undefined when it cannot be (something identity-like survives masking,
 * or the value is not plain JSON).
 *
 * @example
 * maskInput({ liaison: { phone: "13800138000" } }); // { liaison: { phone: "***" } }
 */
export function maskInput(input: unknown, settings: MaskSettings = DEFAULT_MASK_SETTINGS): unknown {
  const keys = new Set(settings.keys.map((k) => k.toLowerCase()));
  let masked: unknown;
  try {
    masked = walk(input, keys, settings.patterns, 0);
  } catch {
    return undefined;
  }
  return leftovers(masked) ? undefined : masked;
}

const MAX_DEPTH = 64;

function walk(
  value: unknown,
  keys: Set<string>,
  patterns: readonly MaskPattern[],
  depth: number,
): unknown {
  if (depth > MAX_DEPTH) throw new Error("too deep to mask");
  if (typeof value === "string") {
    let out = value;
    for (const pattern of patterns) {
      out = pattern instanceof RegExp ? out.replace(pattern, MASK) : pattern.mask(out, MASK);
    }
    return out;
  }
  if (value === null || typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value)) return value.map((item) => walk(item, keys, patterns, depth + 1));
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      // A masked key's value goes whole, whatever it is (a name may be an object of parts).
      out[key] =
        keys.has(key.toLowerCase()) && item !== null && typeof item !== "boolean"
          ? MASK
          : walk(item, keys, patterns, depth + 1);
    }
    return out;
  }
  throw new Error(`cannot mask a ${typeof value}`);
}

function leftovers(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === "string") {
      if (RESIDUE.test(item.replace(SEPARATORS, ""))) return true;
    } else if (typeof item === "number") {
      if (RESIDUE.test(String(item))) return true;
    } else if (item !== null && typeof item === "object") {
      for (const [key, child] of Object.entries(item)) pending.push(key, child);
    }
  }
  return false;
}
