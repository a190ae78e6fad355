import type { Ajv } from "ajv";
import type { CalendarFile } from "../calendar/calendar-file.js";
import { parseCalendarFile } from "../calendar/parse-calendar-file.js";
import { lintMatters } from "../lint/lint.js";
import type { LintTarget } from "../lint/lint-context.js";
import { type CatalogFile, CatalogFileSchema } from "../model/catalog.js";
import type { Issue } from "../model/issue.js";
import { type MatterFile, MatterFileSchema } from "../model/matter.js";
import { checkMatter } from "./check-matter.js";
import { type JsonDocument, parseJsonDocument } from "./json-document.js";
import { partialMatter } from "./partial-matter.js";
import { validateDocument } from "./schema-issues.js";

/** A rule file's name and text, however it was read. */
export interface RuleSource {
  file: string;
  text: string;
}

export interface ValidMatter {
  file: string;
  text: string;
  document: JsonDocument;
  matter: MatterFile;
}

export interface SourcesValidation {
  issues: Issue[];
  matters: ValidMatter[];
  catalogs: Map<string, CatalogFile>;
  calendars: Map<string, CalendarFile>;
}

/**
 * Validates rule sources — matter files and catalogs — and reports every problem: JSON
 * syntax, schema, semantics (see `checkMatter`), and across files: a matter file in the wrong
 * folder, two versions with the same number, effective windows that overlap. `baseCatalogs`
 * are used when the sources carry no catalog of that name (validating one matter file).
 *
 * @example
 * const { issues, matters } = validateSources([{ file, text }], { ajv, baseCatalogs });
 */
export function validateSources(
  sources: readonly RuleSource[],
  context: { ajv: Ajv; baseCatalogs?: ReadonlyMap<string, CatalogFile> },
): SourcesValidation {
  const issues: Issue[] = [];
  const catalogs = new Map<string, CatalogFile>();
  const calendars = new Map<string, CalendarFile>();
  const parsedMatters: Array<{ source: RuleSource; document: JsonDocument }> = [];
  for (const source of sources) {
    const parsed = parseJsonDocument(source.text, source.file);
    issues.push(...parsed.issues);
    if (!parsed.ok) continue;
    if (isCalendar(source.file)) {
      const result = parseCalendarFile(parsed.document.value);
      if (result.ok) calendars.set(result.value.id, result.value);
      else {
        for (const i of result.issues)
          issues.push(parsed.document.issue(`calendar-${i.code}`, i.message, i.pointer));
      }
    } else if (isCatalog(source.file, parsed.document.value)) {
      const { data, issues: found } = validateDocument(CatalogFileSchema, parsed.document);
      issues.push(...found);
      if (data) catalogs.set(data.catalog, data);
    } else {
      parsedMatters.push({ source, document: parsed.document });
    }
  }
  const lawsCatalog = catalogs.get("laws") ?? context.baseCatalogs?.get("laws");
  const laws = new Set(lawsCatalog?.entries.map((e) => e.id) ?? []);
  const catalogNames = new Set([...catalogs.keys(), ...(context.baseCatalogs?.keys() ?? [])]);
  const matters: ValidMatter[] = [];
  const linted: LintTarget[] = [];
  for (const { source, document } of parsedMatters) {
    const { data, issues: found } = validateDocument(MatterFileSchema, document);
    issues.push(...found);
    if (data === undefined) {
      // Still report the file's other defects, found in the parts that are valid.
      issues.push(
        ...checkMatter(partialMatter(document.value), document, {
          laws,
          catalogs: catalogNames,
          ajv: context.ajv,
        }),
      );
      continue;
    }
    linted.push({ file: source.file, document, matter: data });
    const semantic = checkMatter(data, document, {
      laws,
      catalogs: catalogNames,
      ajv: context.ajv,
    });
    issues.push(...semantic, ...placement(source.file, data, document));
    if (!semantic.some((i) => i.severity === "error")) {
      matters.push({ file: source.file, text: source.text, document, matter: data });
    }
  }
  issues.push(...versionConflicts(matters));
  // Beyond the schema and the checks above: src/lint (unreachable standards, unsafe regexes…).
  const allCatalogs = new Map([...(context.baseCatalogs ?? []), ...catalogs]);
  issues.push(...lintMatters(linted, { catalogs: allCatalogs }));
  return { issues, matters, catalogs, calendars };
}

function isCalendar(file: string): boolean {
  return /(^|[\\/])calendars[\\/]/.test(file);
}

function isCatalog(file: string, value: unknown): boolean {
  if (/(^|[\\/])catalogs[\\/]/.test(file)) return true;
  return typeof value === "object" && value !== null && "catalog" in value && !("matter" in value);
}

/** `rules/matters/<matter>/<version>.json` must agree with the file's own matter and version. */
function placement(file: string, matter: MatterFile, document: JsonDocument): Issue[] {
  const match = /(?:^|[\\/])matters[\\/]([^\\/]+)[\\/]([^\\/]+)\.json$/.exec(file);
  if (!match) return [];
  const issues: Issue[] = [];
  if (match[1] !== matter.matter) {
    issues.push(
      document.issue(
        "misplaced-file",
        `matter "${matter.matter}" is in the folder "${match[1]}"`,
        "/matter",
      ),
    );
  }
  if (match[2] !== matter.version) {
    issues.push(
      document.issue(
        "misplaced-file",
        `version "${matter.version}" is in the file "${match[2]}.json"`,
        "/version",
      ),
    );
  }
  return issues;
}

function versionConflicts(matters: readonly ValidMatter[]): Issue[] {
  const issues: Issue[] = [];
  const byMatter = new Map<string, ValidMatter[]>();
  for (const m of matters)
    byMatter.set(m.matter.matter, [...(byMatter.get(m.matter.matter) ?? []), m]);
  for (const versions of byMatter.values()) {
    const sorted = [...versions].sort((a, b) =>
      compare(a.matter.effective.from, b.matter.effective.from),
    );
    sorted.forEach((current, i) => {
      const { from, until } = current.matter.effective;
      if (until !== undefined && until < from) {
        issues.push(
          current.document.issue(
            "invalid-window",
            `effective.until ${until} is before effective.from ${from}`,
            "/effective/until",
          ),
        );
      }
      for (const earlier of sorted.slice(0, i)) {
        if (earlier.matter.version === current.matter.version) {
          issues.push(
            current.document.issue(
              "duplicate-version",
              `version ${current.matter.version} is also in ${earlier.file}`,
              "/version",
            ),
          );
        }
        const earlierUntil = earlier.matter.effective.until;
        if (earlierUntil === undefined || earlierUntil >= from) {
          issues.push(
            current.document.issue(
              "overlapping-versions",
              `in force from ${from}, while version ${earlier.matter.version} (${earlier.file}) is in force ${earlier.matter.effective.from} … ${earlierUntil ?? "open-ended"}`,
              "/effective",
            ),
          );
        }
      }
    });
  }
  return issues;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
