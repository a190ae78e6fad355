import type { CalendarIssueCode } from "../calendar/calendar-issue.js";
import type { JsonIssueCode, SourceLocator } from "../json/json-document.js";
import type { Issue } from "../model/issue.js";

// Every problem of a rule file (a matter, catalog, calendar or bundle) is one `Issue`
// (src/model/issue.ts): a stable code, a severity, a message, and where it is — file, JSON
// pointer, line:column. This is the table of the codes found while reading and checking rule
// files; the lint's are in LINT_CODES (src/lint/codes.ts). The two tables are disjoint (a code
// says which check found the problem), docs/rule-authors.md lists both, and
// test/load/issue-codes.test.ts holds the sources, the tables and the guide together. Codes
// are stable: a code is never reused for another problem.

/** A code's severity and what it means, in a line for rule authors. */
export interface RuleFileIssueCodeEntry {
  readonly severity: Issue["severity"];
  readonly summary: string;
}

// Found by the JSON layer below (src/json/json-document.ts), which cannot import this table:
// typed by its codes, so that a code added there and not here (or the reverse) fails to compile.
const JSON_TEXT = {
  "file-too-large": {
    severity: "error",
    summary: "a file longer than a rule file may be (4,000,000 characters): it is not read",
  },
  "too-deep": {
    severity: "error",
    summary: "objects and arrays nested more than 64 levels deep: the file is not read",
  },
  "json-syntax": { severity: "error", summary: "text that is not JSON" },
  "duplicate-key": {
    severity: "error",
    summary: "a key written twice in one object: which one counts would be a guess",
  },
  "forbidden-key": {
    severity: "error",
    summary:
      "a key `__proto__`, `constructor` or `prototype`, which could reach the object prototype",
  },
} as const satisfies Record<JsonIssueCode, RuleFileIssueCodeEntry>;

// Found by the calendar's checks (src/calendar), which cannot import this table either: the
// loader prefixes their codes with `calendar-` (see `calendarIssueCode`).
const CALENDAR = {
  "calendar-schema": {
    severity: "error",
    summary: "a calendar file that does not have the shape of one (CalendarFileSchema)",
  },
  "calendar-duplicate-weekday": {
    severity: "error",
    summary: "a weekday listed twice in the calendar's weekend",
  },
  "calendar-duplicate-year": { severity: "error", summary: "a year listed twice in a calendar" },
  "calendar-years-not-contiguous": {
    severity: "error",
    summary: "a calendar's years that do not follow one another, ascending, without a gap",
  },
  "calendar-covers-mismatch": {
    severity: "error",
    summary: "a calendar's `covers` that does not match the first and last years it lists",
  },
  "calendar-date-outside-year": {
    severity: "error",
    summary: "a day off or makeup working day listed under another year than its own",
  },
  "calendar-duplicate-date": {
    severity: "error",
    summary: "a date listed twice among a calendar's days off or makeup working days",
  },
  "calendar-off-and-makeup": {
    severity: "error",
    summary: "a date that is both a day off and a makeup working day",
  },
  "calendar-makeup-not-weekend": {
    severity: "error",
    summary: "a makeup working day (调休上班) that is not on the weekend",
  },
  "calendar-provisional-before-published": {
    severity: "error",
    summary: "a provisional year before a published one: provisional years come last",
  },
  "calendar-window-invalid": {
    severity: "error",
    summary:
      "a holiday window that is not in its year, not after the published years, misses a statutory day or spans more than 9 weeks",
  },
  "calendar-window-edge-not-rest": {
    severity: "error",
    summary: "a holiday window that begins or ends on a day that is not a rest day",
  },
  "calendar-window-overlap": {
    severity: "error",
    summary: "two holiday windows of a provisional year that overlap",
  },
  "calendar-window-no-arrangement": {
    severity: "error",
    summary: "a holiday window in which no arrangement of days off and makeup days fits",
  },
  "calendar-published-coverage-ending": {
    severity: "warning",
    summary:
      "the calendar's published years end within 60 days (or have ended): add the next State Council notice",
  },
} as const satisfies Record<`calendar-${CalendarIssueCode}`, RuleFileIssueCodeEntry>;

/**
 * Every code of a problem found while reading and checking rule files, with its severity and
 * what it means: the table rule authors read (docs/rule-authors.md, beside the lint's) and the
 * tests hold the sources to. Disjoint from LINT_CODES.
 */
export const RULE_FILE_ISSUE_CODES = {
  // Reading the file (src/node/read-rule-file.ts, src/load/decode-rule-file.ts, src/json).
  "io-error": {
    severity: "error",
    summary: "a file or directory that cannot be read (missing, not a directory, no permission)",
  },
  "not-utf8": {
    severity: "error",
    summary: "a file that is not UTF-8 text (saved in GBK, say): save it as UTF-8",
  },
  ...JSON_TEXT,

  // The shape of the file (src/load/schema-issues.ts; zod's codes as `schema-…`).
  "unknown-key": { severity: "error", summary: "a key the file's schema does not have (a typo?)" },
  "unknown-operator": {
    severity: "error",
    summary: "a condition with an operator that does not exist",
  },
  "missing-basis": {
    severity: "error",
    summary: "a legal basis (law and articles) missing or empty where one is required",
  },
  "schema-invalid-type": { severity: "error", summary: "a value of the wrong JSON type" },
  "schema-invalid-value": {
    severity: "error",
    summary: "a value that is not one of those allowed",
  },
  "schema-invalid-format": {
    severity: "error",
    summary: "a text of the wrong form (a date, an id, a version number)",
  },
  "schema-too-small": {
    severity: "error",
    summary: "a value, text or list below its minimum (an empty list where one item is needed)",
  },
  "schema-too-big": { severity: "error", summary: "a value, text or list above its maximum" },
  "schema-not-multiple-of": {
    severity: "error",
    summary: "a number that is not a multiple of its step",
  },
  "schema-invalid-union": {
    severity: "error",
    summary: "a value that is none of the forms allowed here (a condition that is no condition)",
  },
  "schema-invalid-key": { severity: "error", summary: "a key of a map that is not allowed" },
  "schema-invalid-element": { severity: "error", summary: "an element that is not allowed" },
  "schema-custom": {
    severity: "error",
    summary: "a value that breaks a rule of the file's schema",
  },
  "schema-failure": { severity: "error", summary: "a file the schema validator could not check" },

  // A matter's content (src/load/check-matter.ts, check-commitment.ts, check-input-schema.ts).
  "duplicate-id": {
    severity: "error",
    summary:
      "an id (of a standard, material, referral or catalog entry) already used in the same list",
  },
  "unknown-law": {
    severity: "error",
    summary: "a citation of a law that is not in the laws catalog",
  },
  "unknown-referral-code": {
    severity: "error",
    summary: "a referral code that is not declared in the matter's referrals",
  },
  "unknown-path": {
    severity: "error",
    summary:
      "a path the input schema does not describe, no material has, or no derived function gives",
  },
  "unknown-derived-fact": {
    severity: "error",
    summary: "a derived fact that is not declared in `derived`",
  },
  "unknown-derived-function": {
    severity: "error",
    summary: "a derived fact computed by a function the library does not have",
  },
  "invalid-derived-options": {
    severity: "error",
    summary: "options a derived function cannot use (a catalog that is not loaded, say)",
  },
  "derived-cycle": {
    severity: "error",
    summary: "a derived fact reading itself or one declared after it",
  },
  "invalid-fact-reference": {
    severity: "error",
    summary: "a condition's value with `fact` that is not a valid fact reference",
  },
  "missing-value": { severity: "error", summary: "an operator that needs a value, without one" },
  "unexpected-value": {
    severity: "error",
    summary: "a value given to an operator that takes none (`present`, `absent`)",
  },
  "unknown-message-value": {
    severity: "error",
    summary: "a placeholder in a detailed message that is not one of its values",
  },
  "unused-message-value": {
    severity: "error",
    summary: "a value of a detailed message that its zh-CN text does not use",
  },
  "invalid-input-schema": {
    severity: "error",
    summary:
      "an input schema that is not valid JSON Schema, or that ajv's strict mode refuses, at the keyword at fault",
  },
  "invalid-enum-titles": {
    severity: "error",
    summary:
      "`x-enumTitles` not naming the values of its node's enum, or a name that is not a text",
  },
  "missing-locale": {
    severity: "warning",
    summary: "a text (or an enum value's name) in zh-CN without its en beside it",
  },
  "missing-commitment-settings": {
    severity: "error",
    summary: "a material accepting commitment (告知承诺) in a matter without commitment settings",
  },
  "missing-commitment-content": {
    severity: "error",
    summary: "a material accepting commitment without its 证明内容 (commitment.content)",
  },
  "commitment-only-channel": {
    severity: "error",
    summary:
      "a material accepting commitment and no other channel: the proof itself must be possible",
  },
  "commitment-not-accepted": {
    severity: "error",
    summary: "commitment settings on a material whose satisfiedBy does not list commitment",
  },
  "commitment-eligibility-not-evidence": {
    severity: "error",
    summary: "a commitment credit guard reading data the applicant declares, not evidence",
  },

  // Catalogs (src/load/check-catalog.ts).
  "catalog-field-type": {
    severity: "error",
    summary:
      "a catalog field of another JSON type than in the other entries (a flag not true or false)",
  },
  "catalog-flag-missing": {
    severity: "error",
    summary: "a catalog entry without one of the catalog's flags: it would read as not set",
  },
  "invalid-basis": {
    severity: "error",
    summary: "a catalog entry's basis that is not a non-empty list of { ref, articles }",
  },
  "unknown-reference": {
    severity: "error",
    summary: "a catalog field naming an entry that the catalog it refers to does not have",
  },
  "unknown-reference-field": {
    severity: "error",
    summary: "`references` naming a field that no entry of the catalog has",
  },
  "character-set-field": {
    severity: "error",
    summary:
      "`characterSets` naming a field that no entry has, or that is not a text in every entry",
  },
  "unknown-catalog": {
    severity: "error",
    summary: "`references` naming a catalog that is not loaded",
  },
  "reference-cycle": {
    severity: "error",
    summary: "a catalog field that, followed from entry to entry, leads back to where it began",
  },

  // Across files (src/load/validate-sources.ts).
  "duplicate-catalog": {
    severity: "error",
    summary: "two catalog files with the same name: only one of them would be used",
  },
  "misplaced-file": {
    severity: "error",
    summary: "a matter file not at matters/<matter>/<version>.json of its own matter and version",
  },
  "duplicate-version": {
    severity: "error",
    summary: "two files with the same version of one matter",
  },
  "overlapping-versions": {
    severity: "error",
    summary: "two versions of one matter in force on the same day",
  },
  "invalid-window": { severity: "error", summary: "an effective.until before effective.from" },

  ...CALENDAR,

  // 一件事 files (src/load/check-one-thing.ts).
  "unknown-matter": {
    severity: "error",
    summary: "a member matter of a 一件事 that is not among the rules loaded",
  },
  "member-not-in-force": {
    severity: "warning",
    summary:
      "a member matter with no version in force on some days the 一件事 is: those applications are referred",
  },
  "duplicate-member": { severity: "error", summary: "a member key used twice in one 一件事" },
  "unknown-member": {
    severity: "error",
    summary: "a mapping or shared material naming a member the 一件事 does not have",
  },
  "department-member-mapped": {
    severity: "error",
    summary: "data mapped onto a member a department decides (it has no rule file to fill)",
  },
  "array-item-mapped": {
    severity: "error",
    summary: "a mapping onto one item of a list: map the whole list",
  },
  "duplicate-target": {
    severity: "error",
    summary: "two mappings or shared materials filling the same member path or material",
  },
  "unfilled-required": {
    severity: "error",
    summary: "a field a member's input schema requires that no mapping of the 一件事 fills",
  },
  "unknown-material": {
    severity: "error",
    summary: "a shared material naming a material the member matter does not have",
  },
  "ambiguous-material": {
    severity: "error",
    summary: "a shared material whose id is also one of a member's own materials",
  },

  // Bundles (src/load/rules-bundle.ts, src/node/load-rules.ts).
  "not-a-bundle": {
    severity: "error",
    summary: "a file given as a bundle whose first line is not a bundle header",
  },
  "bundle-version": {
    severity: "error",
    summary: "a bundle validated by another version of the library: build it again",
  },
  "bundle-digest": {
    severity: "error",
    summary: "a bundle whose rules are not those it was built with (edited, or cut short)",
  },
  "bundle-body": {
    severity: "error",
    summary: "a bundle whose second line is not validated rules",
  },
  "bundle-unsigned": {
    severity: "error",
    summary: "trusted keys are configured and the rules are not a signed bundle",
  },
  "bundle-signature": {
    severity: "error",
    summary: "a bundle signed by a key that is not trusted, or altered after signing",
  },
} as const satisfies Record<string, RuleFileIssueCodeEntry>;

/** A code of a problem found in a rule file (not by the lint: see LINT_CODES). */
export type RuleFileIssueCode = keyof typeof RULE_FILE_ISSUE_CODES;

/**
 * An issue located in a rule file by `locator`, with the severity the table gives its code.
 *
 * @example
 * ruleFileIssue(document, "duplicate-version", "version 1.0.0 is also in …", "/version");
 */
export function ruleFileIssue(
  locator: SourceLocator,
  code: RuleFileIssueCode,
  message: string,
  pointer: string,
): Issue {
  return locator.issue(code, message, pointer, RULE_FILE_ISSUE_CODES[code].severity);
}

/**
 * An issue of a rule file that has no position to point at (it cannot be read, or is not
 * JSON text yet): at `line`:`column`, pointer "".
 *
 * @example
 * unlocatedIssue("rules/x.json", "not-utf8", "not UTF-8 text: …", 3, 7);
 */
export function unlocatedIssue(
  file: string,
  code: RuleFileIssueCode,
  message: string,
  line: number,
  column: number,
): Issue {
  const { severity } = RULE_FILE_ISSUE_CODES[code];
  return { code, severity, message, file, pointer: "", line, column };
}

/**
 * The rule-file code of a calendar's problem: the calendar's codes, prefixed.
 *
 * @example
 * calendarIssueCode("duplicate-date"); // "calendar-duplicate-date"
 */
export function calendarIssueCode(code: CalendarIssueCode): RuleFileIssueCode {
  return `calendar-${code}`;
}
