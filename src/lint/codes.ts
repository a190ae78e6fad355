import type { Issue } from "../model/issue.js";

/**
 * Every code the lint reports, with its severity and what it means: the table rule authors
 * read (docs/rule-authors.md) and the tests hold the rules to. Codes are stable: a code is
 * never reused for another finding.
 */
export const LINT_CODES = {
  "unreachable-standard": {
    severity: "error",
    summary: "a standard's when can never hold: the standard is never applied",
  },
  "always-true-when": {
    severity: "warning",
    summary: "a when that can never be false: it limits nothing",
  },
  "impossible-requirement": {
    severity: "error",
    summary: "a require with a comparison that can never hold: the standard always fails",
  },
  "contradictory-conditions": {
    severity: "error",
    summary: "comparisons in one standard that can each hold but never together",
  },
  "always-true-standard": {
    severity: "warning",
    summary: "a standard that can never fail where it applies, only be unknown",
  },
  "material-never-required": {
    severity: "error",
    summary: "a material whose requiredWhen can never hold",
  },
  "dead-condition": {
    severity: "warning",
    summary: "a part of a condition that can never hold while the whole still can",
  },
  "invalid-operand": {
    severity: "error",
    summary: "a value the operator cannot use",
  },
  "invalid-regex": { severity: "error", summary: "a regular expression that does not compile" },
  "unsupported-regex": {
    severity: "error",
    summary:
      "a regular expression the linear-time matcher (RE2) cannot express: backreferences, lookaround",
  },
  "unknown-catalog-field": {
    severity: "error",
    summary: "a reference to a catalog field no entry has",
  },
  "raw-identity-number": {
    severity: "error",
    summary: "a condition comparing an identity number as typed, not its normalizedNumber",
  },
  "unrestricted-material-channel": {
    severity: "error",
    summary: "a condition reading a material without naming the channels it counts",
  },
  "unaccepted-material-channel": {
    severity: "error",
    summary: "a condition reading a material as submitted by a channel it does not accept",
  },
  "version-order": {
    severity: "error",
    summary: "version numbers of one matter that do not rise with their effective dates",
  },
  "effective-gap": {
    severity: "warning",
    summary: "days between two versions when no version is in force",
  },
  "lint-failure": { severity: "error", summary: "a lint rule could not run on the file" },
} as const satisfies Readonly<Record<string, { severity: Issue["severity"]; summary: string }>>;

/** A code of the lint: a code outside LINT_CODES is a type error where an issue is made. */
export type LintCode = keyof typeof LINT_CODES;
