import { hash as hashOnce } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { RuleSource } from "../load/validate-sources.js";
import { readRuleFile } from "./read-rule-file.js";

// Rule files on disk: where the bundled rules are, which files a rules directory holds, and
// their texts read when first asked for.

/** The rules bundled with this package (works from both `src/load` and `dist/load`). */
export const BUNDLED_RULES_DIR = fileURLToPath(new URL("../../rules", import.meta.url));

/** SHA-256 with node:crypto: synchronous, and much cheaper per decision than Web Crypto. */
export function nodeSha256(text: string): string {
  return hashOnce("sha256", text, "hex");
}

/**
 * Every `.json` file under `matters/`, `catalogs/`, `calendars/` and `one-things/` of a rules
 * directory, sorted.
 */
export function ruleFiles(dir: string): string[] {
  const found: string[] = [];
  for (const sub of ["calendars", "catalogs", "matters", "one-things"]) {
    const root = join(dir, sub);
    try {
      if (statSync(root).isDirectory()) found.push(...walk(root));
    } catch {
      // A rules directory may have no catalogs or no matters.
    }
  }
  if (found.length === 0) found.push(...walk(dir));
  return found.sort();
}

/** Every `.json` file under a directory. */
export function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(path);
    return entry.name.endsWith(".json") ? [path] : [];
  });
}

/** Sources read when their text is first asked for, so that not every file is in memory at once. */
export function readSources(files: readonly string[]): RuleSource[] {
  return files.map((file) => ({
    file: displayName(file),
    get text() {
      return readRuleFile(file, displayName(file));
    },
  }));
}

/** A file's name as issues show it: relative to the working directory when inside it. */
export function displayName(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith("..") ? file : rel;
}
