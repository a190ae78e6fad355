import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bundledCalendar } from "../calendar/bundled-calendar.js";
import { createSchemaCompiler } from "../evaluate/compile-matter.js";
import type { CatalogFile } from "../model/catalog.js";
import type { Issue } from "../model/issue.js";
import { RuleSet } from "./rule-set.js";
import { type RuleSource, validateSources } from "./validate-sources.js";

// The one node-only module of the loader: everything else works on texts.

/** The rules bundled with this package (works from both `src/load` and `dist/load`). */
export const BUNDLED_RULES_DIR = fileURLToPath(new URL("../../rules", import.meta.url));

/**
 * Loads, validates and compiles every matter and catalog under a rules directory
 * (`matters/<matter>/<version>.json`, `catalogs/*.json`); the bundled rules when no directory
 * is given. Throws `RuleFileError` with every issue if any file has an error.
 *
 * @example
 * const rules = await loadRules();
 * const decision = await rules.decide(application);
 */
export async function loadRules(dir: string = BUNDLED_RULES_DIR): Promise<RuleSet> {
  const sources = readSources(ruleFiles(dir));
  const baseCatalogs = resolve(dir) === resolve(BUNDLED_RULES_DIR) ? undefined : bundledCatalogs();
  const hasCalendar = sources.some((s) => /(^|[\\/])calendars[\\/]/.test(s.file));
  return RuleSet.fromSources(sources, {
    ...(!hasCalendar && { calendar: bundledCalendar() }),
    ...(baseCatalogs && { baseCatalogs }),
  });
}

/**
 * Validates rule files and directories and returns every issue found (an empty list when all
 * is well). A matter file validated on its own is checked against the catalogs of the rules
 * directory it sits in, or else the bundled catalogs. Unreadable paths are issues too.
 *
 * @example
 * const issues = validateRules(["rules"]);
 * issues.filter((i) => i.severity === "error").length; // 0
 */
export function validateRules(paths: readonly string[] = [BUNDLED_RULES_DIR]): Issue[] {
  const issues: Issue[] = [];
  const files: string[] = [];
  for (const path of paths) {
    try {
      files.push(...(statSync(path).isDirectory() ? ruleFiles(path) : [path]));
    } catch (error) {
      issues.push(ioIssue(path, error));
    }
  }
  const sources: RuleSource[] = [];
  for (const file of files) {
    try {
      sources.push({ file: displayName(file), text: readFileSync(file, "utf8") });
    } catch (error) {
      issues.push(ioIssue(file, error));
    }
  }
  const hasLaws = sources.some((s) => /(^|[\\/])catalogs[\\/]laws\.json$/.test(s.file));
  const baseCatalogs = hasLaws ? undefined : (catalogsBeside(files[0]) ?? bundledCatalogs());
  const result = validateSources(sources, {
    ajv: createSchemaCompiler(),
    ...(baseCatalogs && { baseCatalogs }),
  });
  return [...issues, ...result.issues];
}

/** Every `.json` file under `matters/`, `catalogs/` and `calendars/` of a rules directory, sorted. */
function ruleFiles(dir: string): string[] {
  const found: string[] = [];
  for (const sub of ["calendars", "catalogs", "matters"]) {
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

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(path);
    return entry.name.endsWith(".json") ? [path] : [];
  });
}

function readSources(files: readonly string[]): RuleSource[] {
  return files.map((file) => ({ file: displayName(file), text: readFileSync(file, "utf8") }));
}

/** The catalogs of the rules directory a matter file sits in (`…/matters/<m>/<v>.json`). */
function catalogsBeside(file: string | undefined): Map<string, CatalogFile> | undefined {
  if (file === undefined || basename(dirname(dirname(file))) !== "matters") return undefined;
  const dir = join(dirname(dirname(dirname(file))), "catalogs");
  try {
    return catalogsIn(readSources(walk(dir)));
  } catch {
    return undefined;
  }
}

let bundled: Map<string, CatalogFile> | undefined;

function bundledCatalogs(): Map<string, CatalogFile> {
  bundled ??= catalogsIn(readSources(walk(join(BUNDLED_RULES_DIR, "catalogs"))));
  return bundled;
}

function catalogsIn(sources: RuleSource[]): Map<string, CatalogFile> {
  return validateSources(sources, { ajv: createSchemaCompiler() }).catalogs;
}

function displayName(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith("..") ? file : rel;
}

function ioIssue(path: string, error: unknown): Issue {
  const code = (error as { code?: string }).code;
  const message = code === "ENOENT" ? "no such file or directory" : (error as Error).message;
  return {
    code: "io-error",
    severity: "error",
    message,
    file: path,
    pointer: "",
    line: 0,
    column: 0,
  };
}
