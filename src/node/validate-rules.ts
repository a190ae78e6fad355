import { closeSync, openSync, readSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { createSchemaCompiler } from "../evaluate/schema-compiler.js";
import { isOneThingFile } from "../load/check-one-thing.js";
import { RuleFileError } from "../load/rule-file-error.js";
import { decodeRulesBundle, RULES_BUNDLE } from "../load/rules-bundle.js";
import { type RuleSource, validateSources } from "../load/validate-sources.js";
import type { CatalogFile } from "../model/catalog.js";
import type { Issue } from "../model/issue.js";
import { type MatterFile, MatterFileSchema } from "../model/matter.js";
import { isPlainDate } from "../validators/plain-date.js";
import { bundledCatalogs, catalogsIn } from "./bundled-catalogs.js";
import { bundledRulesStored } from "./bundled-rules.js";
import { ioIssue, readRuleFile } from "./read-rule-file.js";
import {
  BUNDLED_RULES_DIR,
  displayName,
  nodeSha256,
  readSources,
  ruleFiles,
  walk,
} from "./rule-files.js";

// Validating rule files from disk, apart from loading them (load-rules.ts): a CLI
// call or a service that loads stored rules or a bundle never loads the validator (the schema
// checks, the lint).

/**
 * Validates rule files and directories and returns every issue found (an empty list when all
 * is well). A matter file validated on its own is checked against the catalogs of the rules
 * directory it sits in, or else the bundled catalogs. A rules bundle is checked as `loadRules`
 * takes it (intact, built by this version). Unreadable paths are issues too. With `today`
 * (the caller's civil date), a calendar whose published years end within 60 days is warned
 * about (the library reads no clock).
 *
 * @example
 * const issues = validateRules(["rules"]);
 * issues.filter((i) => i.severity === "error").length; // 0
 */
export function validateRules(
  given: readonly string[] = [BUNDLED_RULES_DIR],
  givenOptions?: { today?: string } | null,
): Issue[] {
  // Arguments outside their domain are the caller's mistake: a RangeError naming them.
  let paths: string[];
  let options: { today?: string } = {};
  try {
    paths = Array.isArray(given) ? [...given] : [];
    const today = givenOptions?.today;
    if (today !== undefined) options = { today };
  } catch (error) {
    throw new RangeError(`the arguments could not be read: ${String((error as Error)?.message)}`);
  }
  if (!Array.isArray(given) || !paths.every((path) => typeof path === "string")) {
    throw new RangeError("paths must be a list of file or directory names (texts)");
  }
  if (givenOptions !== undefined && givenOptions !== null && typeof givenOptions !== "object") {
    throw new RangeError(`options must be an object, not ${typeof givenOptions}`);
  }
  if (options.today !== undefined && !isPlainDate(options.today)) {
    throw new RangeError("options.today must be a date written as YYYY-MM-DD");
  }
  if (
    options.today === undefined &&
    paths.length === 1 &&
    resolve(paths[0] as string) === resolve(BUNDLED_RULES_DIR) &&
    bundledRulesStored()
  ) {
    return [];
  }
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
      // A bundle is checked as loadRules would take it: intact, and built by this version.
      if (startsWith(file, BUNDLE_HEADER)) {
        issues.push(
          ...decodeRulesBundle(readRuleFile(file, displayName(file)), displayName(file), nodeSha256)
            .issues,
        );
      } else {
        // Read when validated, one file at a time, rather than every text at once.
        sources.push(...readSources([file]));
      }
    } catch (error) {
      issues.push(...(error instanceof RuleFileError ? error.issues : [ioIssue(file, error)]));
    }
  }
  const hasLaws = sources.some((s) => /(^|[\\/])catalogs[\\/]laws\.json$/.test(s.file));
  const baseCatalogs = hasLaws ? undefined : (catalogsBeside(files[0]) ?? bundledCatalogs());
  // A 一件事 file validated without matter files is checked against the matters beside it.
  const baseMatters = files.some((f) => /(^|[\\/])matters[\\/]/.test(f))
    ? undefined
    : mattersForOneThings(files);
  const result = validateSources(sources, {
    ajv: createSchemaCompiler(),
    ...(baseCatalogs && { baseCatalogs }),
    ...(baseMatters && { baseMatters }),
    ...(options.today && { today: options.today }),
  });
  return [...issues, ...result.issues];
}

const BUNDLE_HEADER = `{"bundle":"${RULES_BUNDLE}"`;

/** Whether a file's text starts with `prefix` (ASCII); throws if the file cannot be read. */
function startsWith(file: string, prefix: string): boolean {
  const fd = openSync(file, "r");
  try {
    const head = Buffer.alloc(prefix.length);
    const read = readSync(fd, head, 0, prefix.length, 0);
    return head.toString("latin1", 0, read) === prefix;
  } finally {
    closeSync(fd);
  }
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

/**
 * The matter files of the rules directory a 一件事 file sits in (`…/one-things/<id>/<v>.json`),
 * or else the bundled ones; undefined when no 一件事 file is among `files`. Read as matter
 * files, not validated again (validate them with the directory).
 */
function mattersForOneThings(files: readonly string[]): MatterFile[] | undefined {
  const one = files.find(
    (f) => isOneThingFile(f) || (f.endsWith(".json") && /"oneThing"\s*:/.test(readHead(f))),
  );
  if (one === undefined) return undefined;
  const beside = join(dirname(dirname(dirname(one))), "matters");
  const dir =
    isOneThingFile(one) && statSync(beside, { throwIfNoEntry: false })?.isDirectory()
      ? beside
      : join(BUNDLED_RULES_DIR, "matters");
  return walk(dir).flatMap((file) => {
    try {
      const parsed = MatterFileSchema.safeParse(JSON.parse(readRuleFile(file, displayName(file))));
      return parsed.success ? [parsed.data] : [];
    } catch {
      return [];
    }
  });
}

function readHead(file: string): string {
  try {
    return readRuleFile(file, displayName(file)).slice(0, 4096);
  } catch {
    return "";
  }
}
