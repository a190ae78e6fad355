import { normalizeDocumentNumber } from "../../validators/document-number.js";
import { sha256Sync } from "../../validators/sha256.js";
import type { DerivedFunction } from "./derived-function.js";

/**
 * An identity number in the one form numbers are compared in — `normalizeDocumentNumber`'s,
 * the same as the identity facts' `normalizedNumber`: NFKC, no spaces or invisible characters,
 * upper case (the check character `x` of a 居民身份证 number is `X`, GB 11643) — and the SHA-256
 * of that form (64 lower-case hex
 * digits), for evidence that names whom it verified by the hash of the number rather than the
 * number. Input: the number (a string), or an identity document `{ type, number }` — read as a
 * whole, so that a missing document is asked for as a whole. Rule files compare `normalized`
 * or `sha256`, never the raw strings.
 */
export const identityNumber: DerivedFunction = {
  name: "identity-number",
  description:
    "Normalises an identity number (as normalizedNumber: folded, upper case) and gives the SHA-256 of the result",
  outputs: {
    normalized: "string",
    sha256: "string",
  },
  compute(input) {
    const number =
      typeof input === "object" && input !== null ? (input as { number?: unknown }).number : input;
    if (typeof number !== "string" || number.length === 0) return {};
    const normalized = normalizeDocumentNumber(number);
    return { normalized, sha256: hashOf(normalized) };
  },
};

// Decisions see the same few numbers again and again (an operator who is also the liaison, a
// batch of one office's applications): their hashes are kept, up to a bound.
const hashes = new Map<string, string>();
const MAX_HASHES = 4_096;

function hashOf(normalized: string): string {
  let hash = hashes.get(normalized);
  if (hash === undefined) {
    if (hashes.size >= MAX_HASHES) hashes.clear();
    hash = sha256Sync(normalized);
    hashes.set(normalized, hash);
  }
  return hash;
}
