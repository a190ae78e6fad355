import type { CatalogFile } from "../model/catalog.js";

// The catalog fields declared sets of characters (a catalog's `characterSets`: which characters
// a text holds is what counts, not their order or repeats), shipped to a browser smaller: as
// the sorted code points, each written as its distance from the one before in base 36 —
// `{"$characterSet":"4e00,1,6,…"}` in place of the text. Chinese characters gzip to about a
// byte each, whatever their order; the distances of 8,105 sorted 规范汉字 are mostly single
// digits, and the table's entries go from 17.7 KB gzipped to 6.0 KB. The page gets the text back,
// sorted, before anything reads the catalog (BrowserRules.fromModule, after the rules' digest
// is checked); the library decides on the same set either way.

const PACKED = "$characterSet";

/**
 * The catalog with each field its `characterSets` names packed (a copy; others unchanged).
 *
 * @example
 * packCharacterSets(standardCharacters).entries[0].characters; // { $characterSet: "4e00,1,…" }
 */
export function packCharacterSets(catalog: CatalogFile): CatalogFile {
  const fields = catalog.characterSets ?? [];
  if (fields.length === 0) return catalog;
  return {
    ...catalog,
    entries: catalog.entries.map((entry) => {
      const packed = { ...entry };
      for (const field of fields) {
        const text = entry[field];
        if (typeof text === "string") packed[field] = { [PACKED]: packCodePoints(text) };
      }
      return packed;
    }),
  };
}

/**
 * The catalog with every packed field a text again: its characters in code-point order, each
 * once. Throws on a packed field that is not well formed (a fault of whoever built the rules).
 *
 * @example
 * unpackCharacterSets(packCharacterSets(catalog)).entries[0].characters; // "一丁七…" (sorted)
 */
export function unpackCharacterSets(catalog: CatalogFile): CatalogFile {
  const fields = catalog.characterSets ?? [];
  if (fields.length === 0) return catalog;
  return {
    ...catalog,
    entries: catalog.entries.map((entry) => {
      const unpacked = { ...entry };
      for (const field of fields) {
        const value = entry[field];
        if (value !== null && typeof value === "object" && PACKED in value) {
          unpacked[field] = unpackCodePoints((value as Record<string, unknown>)[PACKED]);
        }
      }
      return unpacked;
    }),
  };
}

function packCodePoints(text: string): string {
  const points = [...new Set(Array.from(text, (c) => c.codePointAt(0) as number))].sort(
    (a, b) => a - b,
  );
  let previous = 0;
  return points
    .map((point) => {
      const step = point - previous;
      previous = point;
      return step.toString(36);
    })
    .join(",");
}

function unpackCodePoints(packed: unknown): string {
  if (typeof packed !== "string") throw new Error("a packed character set is not a text");
  if (packed === "") return "";
  let point = 0;
  const characters: string[] = [];
  for (const [i, step] of packed.split(",").entries()) {
    // Each step is at least 1 (the first may be 0: U+0000), so the points rise strictly.
    if (!/^[0-9a-z]{1,4}$/.test(step))
      throw new Error(`a packed character set: bad step "${step}"`);
    const delta = Number.parseInt(step, 36);
    if (delta === 0 && i > 0) throw new Error("a packed character set repeats a character");
    point += delta;
    if (point > 0x10ffff) throw new Error("a packed character set goes past U+10FFFF");
    characters.push(String.fromCodePoint(point));
  }
  return characters.join("");
}
