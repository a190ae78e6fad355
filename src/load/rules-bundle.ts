import type { Issue } from "../model/issue.js";
import { VERSION } from "../version.js";
import { checkCatalog, checkCatalogReferences, type LocatedCatalog } from "./check-catalog.js";
import type { SourceLocator } from "./json-document.js";
import type { ValidatedRules } from "./rule-set.js";

// A rules bundle: rules validated once (in CI, say) and loaded by services without validating
// them again. Two lines of JSON: a header, then the validated rules; the header carries the
// SHA-256 of the second line, so that a bundle edited or cut short by hand is refused, and the
// library version that validated it, since another version may validate differently.

/** What the first line of a bundle names itself. */
export const RULES_BUNDLE = "smart-approval/rules-bundle@1";

interface BundleHeader {
  bundle: typeof RULES_BUNDLE;
  library: string;
  matters: number;
  sha256: string;
}

/**
 * The text of a bundle of validated rules.
 *
 * @example
 * const text = encodeRulesBundle(rules, nodeSha256);
 */
export function encodeRulesBundle(rules: ValidatedRules, sha256: (text: string) => string): string {
  const body = JSON.stringify(rules);
  const header: BundleHeader = {
    bundle: RULES_BUNDLE,
    library: VERSION,
    matters: rules.matters.length,
    sha256: sha256(body),
  };
  return `${JSON.stringify(header)}\n${body}\n`;
}

/**
 * The validated rules in a bundle's text, or the issues that stop it from being used: not a
 * bundle, built by another version of the library, or not what was built (digest mismatch).
 *
 * @example
 * const { rules, issues } = decodeRulesBundle(text, "rules.bundle", nodeSha256);
 */
export function decodeRulesBundle(
  text: string,
  file: string,
  sha256: (text: string) => string,
): { rules?: ValidatedRules; issues: Issue[] } {
  const issue = (code: string, message: string, pointer = "", line = 1): Issue => ({
    code,
    severity: "error",
    message,
    file,
    pointer,
    line,
    column: 1,
  });
  const newline = text.indexOf("\n");
  const headerText = newline < 0 ? text : text.slice(0, newline);
  let header: Partial<BundleHeader> | undefined;
  try {
    header = JSON.parse(headerText) as Partial<BundleHeader>;
  } catch {
    header = undefined;
  }
  if (typeof header !== "object" || header === null || header.bundle !== RULES_BUNDLE) {
    return {
      issues: [
        issue(
          "not-a-bundle",
          `the first line is not a ${RULES_BUNDLE} header: give a rules directory, or a bundle written by \`smart-approval bundle\``,
        ),
      ],
    };
  }
  if (header.library !== VERSION) {
    return {
      issues: [
        issue(
          "bundle-version",
          `the bundle was validated by smart-approval ${String(header.library)}, this is ${VERSION}: build it again with this version`,
          "/library",
        ),
      ],
    };
  }
  const body = text.slice(newline + 1).replace(/\n$/, "");
  if (sha256(body) !== header.sha256) {
    return {
      issues: [
        issue(
          "bundle-digest",
          "the rules in the bundle are not those it was built with (edited, or cut short): build it again",
          "",
          2,
        ),
      ],
    };
  }
  const rules = JSON.parse(body) as ValidatedRules;
  // The digest tells a bundle cut short, not one written to pass: its catalogs get the same
  // checks as catalog files (duplicate ids, flags, references), located in the bundle's
  // second line by JSON pointer.
  const located = bundleLocator(file);
  const catalogs: LocatedCatalog[] = (Array.isArray(rules.catalogs) ? rules.catalogs : []).map(
    (catalog, k) => ({ catalog, document: located, at: `/catalogs/${k}` }),
  );
  const found = [
    ...catalogs.flatMap(checkCatalog),
    ...checkCatalogReferences(catalogs, new Map(rules.catalogs.map((c) => [c.catalog, c]))),
  ];
  if (found.length > 0) return { issues: found };
  return { rules, issues: [] };
}

/** Issues in a bundle's rules: in its second line, located by JSON pointer. */
function bundleLocator(file: string): SourceLocator {
  return {
    file,
    locate: () => ({ line: 2, column: 1 }),
    issue: (code, message, pointer, severity = "error") => ({
      code,
      severity,
      message,
      file,
      pointer,
      line: 2,
      column: 1,
    }),
  };
}
