import { statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { WorkingCalendar } from "../calendar/working-calendar.js";
import { unlocatedIssue } from "../load/issue-codes.js";
import { RuleFileError } from "../load/rule-file-error.js";
import { decodeRulesBundle, encodeRulesBundle } from "../load/rules-bundle.js";
import type { RuleSource } from "../load/validate-sources.js";
import type { CatalogFile } from "../model/catalog.js";
import type { Issue } from "../model/issue.js";
import { fromStoredRules, RuleSet, type RuleSetOptions } from "../rule-set/rule-set.js";
import { ed25519Signer, ed25519Verifier } from "./bundle-signature.js";
import { storedBundledRules } from "./bundled-rules.js";
import { ioIssue, readRuleFile } from "./read-rule-file.js";
import {
  BUNDLED_RULES_DIR,
  displayName,
  nodeSha256,
  readSources,
  ruleFiles,
  walk,
} from "./rule-files.js";

// Loading rules from disk: a rules directory (validated and compiled) or a bundle (validated
// when it was built). Validating without loading is validate-rules.ts.

/**
 * Options of `loadRules`: `evaluator` — `compiled` (the default) or `json-rules-engine`, the
 * engine of record; `sha256` — the hash of decision records (node:crypto by default); `trust` —
 * Ed25519 public keys (PEM): when given, only a bundle signed by one of them is loaded, and an
 * unsigned bundle, a wrong signature or a rules directory is refused.
 */
export type LoadOptions = RuleSetOptions & { trust?: readonly string[] };

/**
 * Loads, validates and compiles every matter and catalog under a rules directory `path`
 * (`matters/<matter>/<version>.json`, `catalogs/*.json`); the bundled rules when no path is
 * given. Throws `RuleFileError` with every issue if any file has an error. `options.evaluator`
 * picks the evaluator: `compiled` (the default) or `json-rules-engine`, the engine of record.
 *
 * Given a bundle file instead (see `buildRulesBundle`), it loads the rules validated when the
 * bundle was built, without validating them again; each matter version is then compiled when
 * first decided on.
 *
 * @example
 * const rules = await loadRules();
 * const decision = await rules.decide(application);
 * const reference = await loadRules(undefined, { evaluator: "json-rules-engine" });
 * const fromBundle = await loadRules("dist/rules.bundle");
 */
export async function loadRules(
  path: string = BUNDLED_RULES_DIR,
  given?: LoadOptions | null,
): Promise<RuleSet> {
  if (typeof path !== "string") {
    throw new RangeError(`the rules path must be a string, not ${typeof path}`);
  }
  const { trust, ...options } = loadOptions(given);
  // A mistyped trusted key is never read as "trust nothing", nor left for later.
  let verifier: ReturnType<typeof ed25519Verifier> | undefined;
  try {
    verifier = trust === undefined ? undefined : ed25519Verifier(trust);
  } catch (error) {
    throw new RangeError(`options.trust: ${(error as Error).message}`);
  }
  if (trust !== undefined && !isFile(path)) {
    throw new RuleFileError([
      unlocatedIssue(
        displayName(path),
        "bundle-unsigned",
        "trusted keys are configured: load a signed bundle (smart-approval bundle --sign KEY), not a rules directory",
        1,
        1,
      ),
    ]);
  }
  if (resolve(path) === resolve(BUNDLED_RULES_DIR)) {
    const stored = await storedBundledRules();
    if (stored !== undefined) {
      return fromStoredRules(stored.rules, stored.validators, {
        sha256: nodeSha256,
        ...options,
        keySha256: nodeSha256,
      });
    }
  }
  if (isFile(path)) {
    const { rules, issues } = decodeRulesBundle(
      readRuleFile(path, displayName(path)),
      displayName(path),
      nodeSha256,
      verifier,
    );
    if (rules === undefined) throw new RuleFileError(issues);
    return RuleSet.fromValidated(rules, { sha256: nodeSha256, ...options });
  }
  let found: Awaited<ReturnType<typeof directorySources>>;
  try {
    found = await directorySources(path);
  } catch (error) {
    // A rules directory that is missing or cannot be listed: one located issue, not an errno.
    throw new RuleFileError([ioIssue(path, error)]);
  }
  const { sources, options: sourceOptions } = found;
  return RuleSet.fromSources(sources, { sha256: nodeSha256, ...options, ...sourceOptions });
}

/**
 * The options of `loadRules` read once and checked: `null` is no options; anything outside its
 * domain (not an object, an unknown evaluator, a `sha256` that is not a function, `trust` that is
 * not a list of texts, an option whose getter throws) is a `RangeError` naming the option.
 */
function loadOptions(options: unknown): LoadOptions {
  if (options === undefined || options === null) return {};
  if (typeof options !== "object" || Array.isArray(options)) {
    throw new RangeError(`options must be an object, not ${typeof options}`);
  }
  let evaluator: unknown;
  let sha256: unknown;
  let trust: unknown;
  try {
    ({ evaluator, sha256, trust } = options as Record<string, unknown>);
    if (Array.isArray(trust)) trust = [...trust];
  } catch (error) {
    throw new RangeError(`options could not be read: ${String((error as Error)?.message)}`);
  }
  const checked: LoadOptions = {};
  if (evaluator !== undefined) {
    if (evaluator !== "compiled" && evaluator !== "json-rules-engine") {
      throw new RangeError('options.evaluator must be "compiled" or "json-rules-engine"');
    }
    checked.evaluator = evaluator;
  }
  if (sha256 !== undefined) {
    if (typeof sha256 !== "function") throw new RangeError("options.sha256 must be a function");
    checked.sha256 = sha256 as NonNullable<LoadOptions["sha256"]>;
  }
  if (trust !== undefined) {
    if (!Array.isArray(trust) || !trust.every((key) => typeof key === "string")) {
      throw new RangeError("options.trust must be a list of PEM public keys (texts)");
    }
    checked.trust = trust;
  }
  return checked;
}

/**
 * Validates a rules directory as `loadRules` does and, when no error is found, gives the text
 * of a bundle of the validated rules (with the bundled catalogs and calendar the directory
 * relies on), for `loadRules(bundleFile)`; always every issue found.
 *
 * @example
 * const { issues, bundle } = await buildRulesBundle("rules");
 * if (bundle) writeFileSync("rules.bundle", bundle);
 * const signed = await buildRulesBundle("rules", { sign: readFileSync("key.pem", "utf8") });
 */
export async function buildRulesBundle(
  dir: string = BUNDLED_RULES_DIR,
  options: { sign?: string } = {},
): Promise<{ issues: Issue[]; bundle?: string }> {
  // A bad key is found before the work of validating, not after.
  const signer = options.sign === undefined ? undefined : ed25519Signer(options.sign);
  const { sources, options: sourceOptions } = await directorySources(dir);
  const calendarSources = sourceOptions.calendar
    ? readSources(walk(join(BUNDLED_RULES_DIR, "calendars")))
    : [];
  const { issues, rules } = await RuleSet.validate([...sources, ...calendarSources], {
    sha256: nodeSha256,
    ...(sourceOptions.baseCatalogs && { baseCatalogs: sourceOptions.baseCatalogs }),
  });
  if (rules === undefined) return { issues };
  const own = new Set(rules.catalogs.map((c) => c.catalog));
  for (const [name, catalog] of sourceOptions.baseCatalogs ?? []) {
    if (!own.has(name)) rules.catalogs.push(catalog);
  }
  return { issues, bundle: encodeRulesBundle(rules, nodeSha256, signer) };
}

/** The sources of a rules directory, with the bundled catalogs and calendar it relies on. */
async function directorySources(dir: string): Promise<{
  sources: RuleSource[];
  options: { calendar?: WorkingCalendar; baseCatalogs?: Map<string, CatalogFile> };
}> {
  const sources = readSources(ruleFiles(dir));
  // The catalogs' validation (and the lint it loads) is needed only here, not to decide.
  const baseCatalogs =
    resolve(dir) === resolve(BUNDLED_RULES_DIR)
      ? undefined
      : (await import("./bundled-catalogs.js")).bundledCatalogs();
  const hasCalendar = sources.some((s) => /(^|[\\/])calendars[\\/]/.test(s.file));
  // Read (and its file validated, with zod) only here: deciding on stored rules needs neither.
  const calendar = hasCalendar
    ? undefined
    : (await import("./bundled-calendar.js")).bundledCalendar();
  return {
    sources,
    options: {
      ...(calendar && { calendar }),
      ...(baseCatalogs && { baseCatalogs }),
    },
  };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
