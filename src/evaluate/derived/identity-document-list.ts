import type { DerivedFunction } from "./derived-function.js";
import { identityDocument } from "./identity-document.js";

/**
 * Reads a list of people's identity documents (family members, several investors): `input` is
 * an array of objects whose `key` option (default `document`) holds `{ type, number }`. Gives
 * how many there are, whether every document is valid, the positions of invalid ones, whether
 * all holders are mainland residents, the youngest age, and each document's `normalizedNumber`
 * (in order; what to compare people by, never the raw numbers).
 */
export const identityDocumentList: DerivedFunction = {
  name: "identity-document-list",
  description: "Validates every identity document in a list of people",
  outputs: {
    count: "number",
    allValid: "boolean",
    invalidIndexes: "array",
    allMainland: "boolean",
    youngestAge: "number",
    normalizedNumbers: "array",
  },
  compute(input, context) {
    if (!Array.isArray(input)) return {};
    const key = typeof context.options.key === "string" ? context.options.key : "document";
    const read = input.map((person) =>
      identityDocument.compute(
        typeof person === "object" && person !== null
          ? (person as Record<string, unknown>)[key]
          : undefined,
        context,
      ),
    );
    const ages = read.map((r) => r.age).filter((age): age is number => typeof age === "number");
    const invalidIndexes = read.flatMap((r, i) => (r.valid === true ? [] : [i]));
    return {
      count: read.length,
      allValid: invalidIndexes.length === 0,
      invalidIndexes,
      allMainland: read.every((r) => r.holder === "mainland"),
      normalizedNumbers: read.map((r) => r.normalizedNumber ?? null),
      // Only when every age is known: an unknown age must not hide a minor.
      ...(ages.length === read.length && ages.length > 0 && { youngestAge: Math.min(...ages) }),
    };
  },
};
