import { sha256Sync } from "../../checks/sha256.js";
import type { DerivedFunction } from "./derived-function.js";

/**
 * An identity number in the one form numbers are compared in: upper case (the check character
 * `x` of a 居民身份证 number is `X`, GB 11643), and the SHA-256 of that form (64 lower-case hex
 * digits), for evidence that names whom it verified by the hash of the number rather than the
 * number. Input: the number (a string). Rule files compare `normalized` or `sha256`, never the
 * raw strings.
 */
export const identityNumber: DerivedFunction = {
  name: "identity-number",
  description: "Normalises an identity number (upper case) and gives the SHA-256 of the result",
  outputs: {
    normalized: "string",
    sha256: "string",
  },
  compute(input) {
    if (typeof input !== "string" || input.length === 0) return {};
    const normalized = normalizeIdentityNumber(input);
    return { normalized, sha256: sha256Sync(normalized) };
  },
};

/**
 * The form identity numbers are compared and hashed in: upper case.
 *
 * @example
 * normalizeIdentityNumber("11010519491231002x"); // "11010519491231002X"
 */
export function normalizeIdentityNumber(number: string): string {
  return number.toUpperCase();
}
