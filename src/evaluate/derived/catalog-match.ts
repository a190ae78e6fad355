import type { CatalogEntry } from "../../model/catalog.js";
import type { DerivedFunction } from "./derived-function.js";

/**
 * Looks a list up in a catalog: `input` is an array of codes, or of objects whose `key`
 * option names the code field. Gives whether every item is a catalog entry, how many are not,
 * and for each boolean property of the entries whether any / every matched entry has it
 * (`anyTrue.preApproval`), and which matched entries have it (`withTrue.preApproval`: each
 * entry's `code` and `title`, for a notice that names them). Unknown items are listed in
 * `unknown`. Options: `catalog` (required), `key`.
 */
export const catalogMatch: DerivedFunction = {
  name: "catalog-match",
  description: "Matches a list of codes against a catalog and summarises the entries' flags",
  outputs: {
    count: "number",
    allKnown: "boolean",
    unknownCount: "number",
    unknown: "array",
    anyTrue: "object",
    allTrue: "object",
    withTrue: "object",
  },
  checkOptions(options, catalogs) {
    const catalog = options.catalog;
    if (typeof catalog !== "string") return ['option "catalog" (a catalog name) is required'];
    return catalogs.has(catalog) ? [] : [`no catalog named "${catalog}" is loaded`];
  },
  compute(input, { options, catalogs }) {
    if (!Array.isArray(input)) return {};
    const key = typeof options.key === "string" ? options.key : undefined;
    const entries = catalogs.get(String(options.catalog)) ?? [];
    const byId = indexOf(entries);
    const codes = input.map((item) => (key && isRecord(item) ? item[key] : item));
    const matched: CatalogEntry[] = [];
    const unknownCodes: unknown[] = [];
    for (const code of codes) {
      const entry = typeof code === "string" ? byId.get(code) : undefined;
      if (entry) matched.push(entry);
      else unknownCodes.push(code);
    }
    const unknown = unknownCodes.map(String);
    // The boolean properties of the matched entries, each once, sorted.
    const flags: string[] = [];
    for (const entry of matched) {
      for (const flag of booleanKeys(entry)) if (!flags.includes(flag)) flags.push(flag);
    }
    const anyTrue: Record<string, boolean> = {};
    const allTrue: Record<string, boolean> = {};
    const withTrue: Record<string, Array<{ code: string; title: CatalogEntry["title"] }>> = {};
    for (const flag of flags.sort()) {
      const having: Array<{ code: string; title: CatalogEntry["title"] }> = [];
      let all = matched.length > 0;
      for (const entry of matched) {
        if (entry[flag] === true) {
          if (!having.some((h) => h.code === entry.id)) {
            having.push({ code: entry.id, title: entry.title });
          }
        } else all = false;
      }
      anyTrue[flag] = having.length > 0;
      allTrue[flag] = all;
      withTrue[flag] = having;
    }
    return {
      count: codes.length,
      allKnown: unknown.length === 0 && codes.length > 0,
      unknownCount: unknown.length,
      unknown,
      anyTrue,
      allTrue,
      withTrue,
    };
  },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Catalogs are loaded once and never change: index each once, not on every decision.
const indexes = new WeakMap<readonly CatalogEntry[], Map<string, CatalogEntry>>();

/** Each entry's keys with a boolean value, in key order (read once per entry, as the index). */
const flagsOf = new WeakMap<CatalogEntry, readonly string[]>();

/**
 * The keys of a catalog entry that hold a boolean: the flags `anyTrue` and `allTrue` report.
 *
 * @example
 * booleanKeys({ id: "x", title: { "zh-CN": "x" }, licensed: true }); // ["licensed"]
 */
export function booleanKeys(entry: CatalogEntry): readonly string[] {
  let flags = flagsOf.get(entry);
  if (flags === undefined) {
    flags = Object.keys(entry).filter((key) => typeof entry[key] === "boolean");
    flagsOf.set(entry, flags);
  }
  return flags;
}

function indexOf(entries: readonly CatalogEntry[]): Map<string, CatalogEntry> {
  let index = indexes.get(entries);
  if (index === undefined) {
    index = new Map(entries.map((e) => [e.id, e]));
    indexes.set(entries, index);
  }
  return index;
}
