import type { Ajv } from "ajv";
import type { CalendarFile } from "../calendar/calendar-file.js";
import { publishedCoverageWarnings } from "../calendar/coverage-warnings.js";
import { parseCalendarFile } from "../calendar/parse-calendar-file.js";
import { canonicalJson, type Sha256 } from "../json/canonical-json.js";
import { type ParseResult, parseJsonDocument, type SourceLocator } from "../json/json-document.js";
import { lintMatter, lintVersions } from "../lint/lint.js";
import type { VersionTarget } from "../lint/lint-context.js";
import { type CatalogFile, CatalogFileSchema } from "../model/catalog.js";
import type { Issue } from "../model/issue.js";
import { type MatterFile, MatterFileSchema } from "../model/matter.js";
import { checkCatalog, checkCatalogReferences, type LocatedCatalog } from "./check-catalog.js";
import { checkMatter } from "./check-matter.js";
import {
  checkOneThingSources,
  isOneThingFile,
  isOneThingValue,
  type ValidOneThingFile,
} from "./check-one-thing.js";
import { calendarIssueCode, ruleFileIssue } from "./issue-codes.js";
import { partialMatter } from "./partial-matter.js";
import { validateDocument } from "./schema-issues.js";
import { placementIssues, sourceText } from "./source-files.js";
import { versionWindowIssues } from "./version-windows.js";

/** A rule file's name and text, however it was read (`text` is read once, when needed). */
export interface RuleSource {
  file: string;
  text: string;
}

/**
 * A matter file that passed validation: its typed content, a locator for issues found later,
 * and, when a hash was asked for, the SHA-256 of its canonical JSON.
 */
export interface ValidMatter {
  file: string;
  document: SourceLocator;
  matter: MatterFile;
  sha256?: string | Promise<string>;
}

export interface SourcesValidation {
  issues: Issue[];
  matters: ValidMatter[];
  catalogs: Map<string, CatalogFile>;
  calendars: Map<string, CalendarFile>;
  /** 一件事 files that passed validation (src/load/check-one-thing.ts). */
  oneThings: ValidOneThingFile[];
}

/**
 * Validates rule sources — matter files and catalogs — and reports every problem: JSON
 * syntax, schema, semantics (see `checkMatter`), the lint (see `lintMatters`), and across
 * files: a matter file in the wrong folder, two versions with the same number, effective
 * windows that overlap. `baseCatalogs` are used when the sources carry no catalog of that
 * name (validating one matter file). With `sha256`, each valid matter is hashed too.
 *
 * Catalogs and calendars are read first; then each matter file is read, checked and let go
 * in turn, keeping only its typed content and the outline of its positions (see
 * `JsonDocument.outline`), so that memory does not grow with the text of every file at once.
 *
 * @example
 * const { issues, matters } = validateSources([{ file, text }], { ajv, baseCatalogs });
 */
export function validateSources(
  sources: readonly RuleSource[],
  context: {
    ajv: Ajv;
    baseCatalogs?: ReadonlyMap<string, CatalogFile>;
    sha256?: Sha256;
    /** The caller's civil date: calendars whose published years end soon are warned about. */
    today?: string;
    /** Member matters for 一件事 files validated without their matter files (validateRules). */
    baseMatters?: readonly MatterFile[];
  },
): SourcesValidation {
  const issues: Issue[] = [];
  const catalogs = new Map<string, CatalogFile>();
  // Catalogs are rule files too (check-catalog.ts): their located problems stop loading.
  const located: LocatedCatalog[] = [];
  const catalogFiles = new Map<string, string>();
  const calendars = new Map<string, CalendarFile>();
  // Matter files, and files whose kind was known only once parsed (kept parsed).
  const matterSources: Array<RuleSource | { file: string; parsed: ParseResult }> = [];
  const oneThingSources: RuleSource[] = [];
  for (const source of sources) {
    if (isOneThingFile(source.file)) {
      oneThingSources.push(source);
      continue;
    }
    if (isMatterFile(source.file) && !isCalendar(source.file) && !isCatalogFolder(source.file)) {
      matterSources.push(source);
      continue;
    }
    const text = sourceText(source, issues);
    if (text === undefined) continue;
    const parsed = parseJsonDocument(text, source.file);
    if (!parsed.ok) {
      issues.push(...parsed.issues);
    } else if (isCalendar(source.file)) {
      issues.push(...parsed.issues);
      const result = parseCalendarFile(parsed.document.value);
      if (result.ok) {
        calendars.set(result.value.id, result.value);
        for (const i of context.today ? publishedCoverageWarnings(result.value, context.today) : [])
          issues.push(
            ruleFileIssue(parsed.document, calendarIssueCode(i.code), i.message, i.pointer),
          );
      } else {
        for (const i of result.issues)
          issues.push(
            ruleFileIssue(parsed.document, calendarIssueCode(i.code), i.message, i.pointer),
          );
      }
    } else if (isCatalog(source.file, parsed.document.value)) {
      issues.push(...parsed.issues);
      const { data, issues: found } = validateDocument(CatalogFileSchema, parsed.document);
      issues.push(...found);
      if (data) {
        const earlier = catalogFiles.get(data.catalog);
        if (earlier !== undefined) {
          issues.push(
            ruleFileIssue(
              parsed.document,
              "duplicate-catalog",
              `catalog "${data.catalog}" is also in ${earlier}: only one of them would be used`,
              "/catalog",
            ),
          );
        } else {
          catalogFiles.set(data.catalog, source.file);
          catalogs.set(data.catalog, data);
        }
        // Kept whole (catalogs are small) to locate references checked across files.
        const one = { catalog: data, document: parsed.document };
        issues.push(...checkCatalog(one));
        located.push(one);
      }
    } else if (isOneThingValue(parsed.document.value)) {
      oneThingSources.push({ file: source.file, text });
    } else {
      matterSources.push({ file: source.file, parsed });
    }
  }
  const lawsCatalog = catalogs.get("laws") ?? context.baseCatalogs?.get("laws");
  const checks = {
    laws: new Set(lawsCatalog?.entries.map((e) => e.id) ?? []),
    catalogs: new Set([...catalogs.keys(), ...(context.baseCatalogs?.keys() ?? [])]),
    ajv: context.ajv,
  };
  const allCatalogs = new Map([...(context.baseCatalogs ?? []), ...catalogs]);
  issues.push(...checkCatalogReferences(located, allCatalogs));
  const matters: ValidMatter[] = [];
  const versions: VersionTarget[] = [];
  for (const source of matterSources) {
    let parsed: ParseResult;
    if ("parsed" in source) parsed = source.parsed;
    else {
      const text = sourceText(source, issues);
      if (text === undefined) continue;
      parsed = parseJsonDocument(text, source.file);
    }
    issues.push(...parsed.issues);
    if (!parsed.ok) continue;
    const { document } = parsed;
    const { data, issues: found } = validateDocument(MatterFileSchema, document);
    issues.push(...found);
    if (data === undefined) {
      // Still report the file's other defects, found in the parts that are valid.
      issues.push(...checkMatter(partialMatter(document.value), document, checks));
      continue;
    }
    const semantic = checkMatter(data, document, checks);
    issues.push(
      ...semantic,
      ...placementIssues(
        MATTER_FILE,
        source.file,
        { key: "matter", id: data.matter, version: data.version, what: "matter" },
        document,
      ),
    );
    // Beyond the schema and the checks above: src/lint (unreachable standards, unsafe regexes…).
    issues.push(
      ...lintMatter({ file: source.file, document, matter: data }, { catalogs: allCatalogs }),
    );
    const outline = { file: source.file, document: document.outline(), matter: data };
    versions.push(outline);
    if (!semantic.some((i) => i.severity === "error")) {
      matters.push({
        ...outline,
        ...(context.sha256 && { sha256: context.sha256(canonicalJson(document.value)) }),
      });
    }
  }
  issues.push(
    ...versionWindowIssues(
      matters.map(({ matter, file, document }) => ({
        id: matter.matter,
        version: matter.version,
        effective: matter.effective,
        file,
        document,
      })),
    ),
    ...lintVersions(versions),
  );
  // 一件事 files, checked against every member matter that passed the schema.
  const one = checkOneThingSources(
    oneThingSources,
    versions.length > 0 ? versions.map((v) => v.matter) : (context.baseMatters ?? []),
    checks.laws,
    context.sha256,
  );
  issues.push(...one.issues);
  return { issues, matters, catalogs, calendars, oneThings: one.oneThings };
}

/** `…/matters/<matter>/<version>.json`: where a matter file is kept (its folder and name). */
const MATTER_FILE = /(?:^|[\\/])matters[\\/]([^\\/]+)[\\/]([^\\/]+)\.json$/;

function isMatterFile(file: string): boolean {
  return MATTER_FILE.test(file);
}

function isCatalogFolder(file: string): boolean {
  return /(^|[\\/])catalogs[\\/]/.test(file);
}

function isCalendar(file: string): boolean {
  return /(^|[\\/])calendars[\\/]/.test(file);
}

function isCatalog(file: string, value: unknown): boolean {
  if (isCatalogFolder(file)) return true;
  return typeof value === "object" && value !== null && "catalog" in value && !("matter" in value);
}
