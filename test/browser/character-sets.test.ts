import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { fc, test as propertyTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { packCharacterSets, unpackCharacterSets } from "../../src/browser/character-sets.js";
import type { CatalogFile } from "../../src/model/catalog.js";
import { ROOT } from "../helpers.js";

// The sets of characters the browser rules ship packed (src/browser/character-sets.ts): what
// comes back is the same set of characters, sorted, each once; other fields are untouched.

const sortedSet = (text: string) =>
  [...new Set(Array.from(text, (c) => c.codePointAt(0) as number))]
    .sort((a, b) => a - b)
    .map((p) => String.fromCodePoint(p))
    .join("");

const catalogOf = (texts: string[]): CatalogFile => ({
  catalog: "sets",
  title: { "zh-CN": "集合" },
  characterSets: ["characters"],
  entries: texts.map((characters, i) => ({
    id: `e${i}`,
    title: { "zh-CN": "条目" },
    characters,
    other: characters,
  })),
});

describe("sets of characters, packed and unpacked", () => {
  propertyTest.prop([fc.array(fc.string({ unit: "binary" }), { minLength: 1, maxLength: 4 })])(
    "give back the same characters, sorted and each once, any code point",
    (texts) => {
      const packed = packCharacterSets(catalogOf(texts));
      const back = unpackCharacterSets(JSON.parse(JSON.stringify(packed)));
      back.entries.forEach((entry, i) => {
        expect(entry.characters).toBe(sortedSet(texts[i] as string));
        // A field not declared a set is shipped as it is.
        expect(entry.other).toBe(texts[i]);
      });
    },
  );

  it("keep every 规范汉字 of the bundled table, at well under half the size gzipped", () => {
    const catalog = JSON.parse(
      readFileSync(join(ROOT, "rules/catalogs/standard-characters.json"), "utf8"),
    ) as CatalogFile;
    const packed = packCharacterSets(catalog);
    const back = unpackCharacterSets(JSON.parse(JSON.stringify(packed)));
    let total = 0;
    back.entries.forEach((entry, i) => {
      const original = catalog.entries[i]?.characters as string;
      expect(entry.characters).toBe(sortedSet(original));
      total += [...(entry.characters as string)].length;
    });
    expect(total).toBe(8105);
    const gzipped = (value: unknown) => gzipSync(JSON.stringify(value), { level: 9 }).length;
    // The entries (the catalog's note, its sources, is not shipped to a browser at all).
    expect(gzipped(packed.entries)).toBeLessThan(gzipped(catalog.entries) / 2.5);
  });

  it("refuse a packed set that is not well formed", () => {
    const bad = (value: unknown) =>
      unpackCharacterSets({
        ...catalogOf(["a"]),
        entries: [{ id: "e0", title: { "zh-CN": "条目" }, characters: { $characterSet: value } }],
      });
    expect(() => bad(42)).toThrow(/not a text/);
    expect(() => bad("61,0")).toThrow(/repeats/);
    expect(() => bad("61,-1")).toThrow(/bad step/);
    expect(() => bad("zzzz,zzzz")).toThrow(/U\+10FFFF/);
  });
});
