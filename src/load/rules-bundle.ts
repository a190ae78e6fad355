import type { SourceLocator } from "../json/json-document.js";
import { locator } from "../json/locator.js";
import type { Issue } from "../model/issue.js";
import { VERSION } from "../version.js";
import { checkCatalog, checkCatalogReferences, type LocatedCatalog } from "./check-catalog.js";
import type { RuleFileIssueCode } from "./issue-codes.js";
import type { ValidatedRules } from "./validated-rules.js";

// A rules bundle: rules validated once (in CI, say) and loaded by services without validating
// them again. Two lines of JSON: a header, then the validated rules; the header carries the
// SHA-256 of the second line, so that a bundle edited or cut short by hand is refused, and the
// library version that validated it, since another version may validate differently. The digest
// is an integrity check against accidents: whoever can write the file can recompute it. A signed
// bundle also carries an Ed25519 signature of the header's fields (the digest among them) by the
// key of whoever built it; a loader given trusted public keys refuses any bundle that is unsigned
// or not signed by one of them. Signing and verifying are handed in (node:crypto in
// bundle-signature.ts), so this module stays free of Node.

/** What the first line of a bundle names itself. */
export const RULES_BUNDLE = "smart-approval/rules-bundle@1";

interface BundleHeader {
  bundle: typeof RULES_BUNDLE;
  library: string;
  matters: number;
  sha256: string;
  signature?: BundleSignature;
}

/** An Ed25519 signature of a bundle's header fields, and which key made it. */
export interface BundleSignature {
  algorithm: "ed25519";
  /** The first 16 hex digits of the SHA-256 of the public key (SPKI, DER): which key to check with. */
  keyId: string;
  /** The signature, base64. */
  value: string;
}

/** Makes a bundle's signature of the given text. */
export type BundleSigner = (text: string) => BundleSignature;

/**
 * Checks a bundle's signature of the given text against the trusted keys: `ok`, `unknown-key`
 * (signed, but by no trusted key) or `bad-signature`.
 */
export type BundleVerifier = (
  text: string,
  signature: BundleSignature,
) => "ok" | "unknown-key" | "bad-signature";

/** What a signature covers: every header field but the signature, one per line. */
function signedText(header: Omit<BundleHeader, "signature">): string {
  return [header.bundle, header.library, String(header.matters), header.sha256].join("\n");
}

/**
 * The text of a bundle of validated rules.
 *
 * @example
 * const text = encodeRulesBundle(rules, nodeSha256);
 */
export function encodeRulesBundle(
  rules: ValidatedRules,
  sha256: (text: string) => string,
  sign?: BundleSigner,
): string {
  const body = JSON.stringify(rules);
  const header: BundleHeader = {
    bundle: RULES_BUNDLE,
    library: VERSION,
    matters: rules.matters.length,
    sha256: sha256(body),
  };
  if (sign !== undefined) header.signature = sign(signedText(header));
  return `${JSON.stringify(header)}\n${body}\n`;
}

/**
 * The rules in a bundle's text as they were built, without checking them again: what
 * `decodeRulesBundle` does before its catalog checks (the header, the library version, the
 * signature when `verify` is given, the digest, the body's shape). For a caller that would
 * run whatever the bundle's builder wrote anyway (the browser rules module carries validators
 * as code), where checks against a bundle written to pass would defend nothing.
 *
 * @example
 * const { rules, issues } = openRulesBundle(text, "rules.bundle", sha256Sync);
 */
export function openRulesBundle(
  text: string,
  file: string,
  sha256: (text: string) => string,
  verify?: BundleVerifier,
): { rules?: ValidatedRules; issues: Issue[] } {
  // Every code of a bundle is an error (the table says so, and test/load/issue-codes.test.ts
  // holds the table to it): written here rather than read from the table, whose summaries the
  // browser entry, which opens bundles, would otherwise carry (about 3 KB gzipped).
  const issue = (code: BundleIssueCode, message: string, pointer = "", line = 1): Issue => ({
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
  const issues: Issue[] = [];
  if (verify !== undefined) issues.push(...signatureIssues(header as BundleHeader, verify, issue));
  const body = newline < 0 ? "" : text.slice(newline + 1).replace(/\n$/, "");
  if (sha256(body) !== header.sha256) {
    issues.push(
      issue(
        "bundle-digest",
        "the rules in the bundle are not those it was built with (edited, or cut short): build it again",
        "",
        2,
      ),
    );
  }
  if (issues.length > 0) return { issues };
  let rules: unknown;
  try {
    rules = JSON.parse(body);
  } catch {
    rules = undefined;
  }
  const shape = bodyShapeProblem(rules);
  if (shape !== undefined) {
    return {
      issues: [issue("bundle-body", `the bundle's rules are not rules: ${shape}`, "", 2)],
    };
  }
  return { rules: rules as ValidatedRules, issues: [] };
}

/**
 * The validated rules in a bundle's text, or the issues that stop it from being used: not a
 * bundle, built by another version of the library, not what was built (digest mismatch), a body
 * that is not rules, and — when `verify` is given (trusted keys are configured) — unsigned, or
 * not signed by a trusted key.
 *
 * @example
 * const { rules, issues } = decodeRulesBundle(text, "rules.bundle", nodeSha256);
 */
export function decodeRulesBundle(
  text: string,
  file: string,
  sha256: (text: string) => string,
  verify?: BundleVerifier,
): { rules?: ValidatedRules; issues: Issue[] } {
  const opened = openRulesBundle(text, file, sha256, verify);
  if (opened.rules === undefined) return opened;
  const valid = opened.rules;
  // The digest tells a bundle cut short, not one written to pass: its catalogs get the same
  // checks as catalog files (duplicate ids, flags, references), located in the bundle's
  // second line by JSON pointer.
  const located = bundleLocator(file);
  const catalogs: LocatedCatalog[] = valid.catalogs.map((catalog, k) => ({
    catalog,
    document: located,
    at: `/catalogs/${k}`,
  }));
  const found = [
    ...catalogs.flatMap(checkCatalog),
    ...checkCatalogReferences(catalogs, new Map(valid.catalogs.map((c) => [c.catalog, c]))),
  ];
  if (found.length > 0) return { issues: found };
  return { rules: valid, issues: [] };
}

function signatureIssues(
  header: BundleHeader,
  verify: BundleVerifier,
  issue: (code: BundleIssueCode, message: string, pointer?: string) => Issue,
): Issue[] {
  const signature = header.signature;
  if (
    typeof signature !== "object" ||
    signature === null ||
    signature.algorithm !== "ed25519" ||
    typeof signature.keyId !== "string" ||
    typeof signature.value !== "string"
  ) {
    return [
      issue(
        "bundle-unsigned",
        "trusted keys are configured and the bundle is not signed: sign it with `smart-approval bundle --sign KEY`",
        "/signature",
      ),
    ];
  }
  const verdict = verify(signedText(header), signature);
  if (verdict === "ok") return [];
  return [
    issue(
      "bundle-signature",
      verdict === "unknown-key"
        ? `the bundle is signed by key ${signature.keyId}, which is not trusted`
        : `the bundle's signature (key ${signature.keyId}) does not match its header: it was altered after signing`,
      "/signature",
    ),
  ];
}

/** What is wrong with the top level of a bundle's body, if anything (not a deep validation). */
function bodyShapeProblem(rules: unknown): string | undefined {
  if (typeof rules !== "object" || rules === null || Array.isArray(rules)) {
    return "not a JSON object";
  }
  const { matters, catalogs, calendars } = rules as Record<string, unknown>;
  const isObject = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);
  if (!Array.isArray(matters)) return "no list of matters";
  if (!Array.isArray(catalogs) || !catalogs.every(isObject)) return "no list of catalogs";
  if (!Array.isArray(calendars) || !calendars.every(isObject)) return "no list of calendars";
  for (const matter of matters) {
    const file = isObject(matter) ? (matter as { file?: unknown }).file : undefined;
    if (
      !isObject(file) ||
      typeof (file as { matter?: unknown }).matter !== "string" ||
      typeof (matter as { sha256?: unknown }).sha256 !== "string"
    ) {
      return "a matter without its file or SHA-256";
    }
  }
  return undefined;
}

/** Issues in a bundle's rules: in its second line, located by JSON pointer. */
function bundleLocator(file: string): SourceLocator {
  return locator(file, () => ({ line: 2, column: 1 }));
}

/** The codes of a bundle's problems: all errors. */
export type BundleIssueCode = Extract<
  RuleFileIssueCode,
  | "not-a-bundle"
  | "bundle-version"
  | "bundle-digest"
  | "bundle-body"
  | "bundle-unsigned"
  | "bundle-signature"
>;
