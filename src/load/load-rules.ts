import { createHash, hash as hashOnce } from "node:crypto";
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { bundledCalendar } from "../calendar/bundled-calendar.js";
import type { WorkingCalendar } from "../calendar/working-calendar.js";
import type { CatalogFile } from "../model/catalog.js";
import type { Issue } from "../model/issue.js";
import { VERSION } from "../version.js";
import { ed25519Signer, ed25519Verifier } from "./bundle-signature.js";
import { ioIssue, readRuleFile } from "./read-rule-file.js";
import { RuleFileError } from "./rule-file-error.js";
import { RuleSet, type RuleSetOptions, type ValidatedRules } from "./rule-set.js";
import { decodeRulesBundle, encodeRulesBundle } from "./rules-bundle.js";
import type { RuleSource } from "./validate-sources.js";

// With validate-rules.ts, the node-only modules of the loader: everything else works on texts.

/** The rules bundled with this package (works from both `src/load` and `dist/load`). */
export const BUNDLED_RULES_DIR = fileURLToPath(new URL("../../rules", import.meta.url));

/**
 * Options of `loadRules`: `engine` — `compiled` (the default) or `json-rules-engine`, the
 * engine of record; `sha256` — the hash of decision records (node:crypto by default); `trust` —
 * Ed25519 public keys (PEM): when given, only a bundle signed by one of them is loaded, and an
 * unsigned bundle, a wrong signature or a rules directory is refused.
 */
export type LoadOptions = RuleSetOptions & { trust?: readonly string[] };

/** SHA-256 with node:crypto: synchronous, and much cheaper per decision than Web Crypto. */
export function nodeSha256(text: string): string {
  return hashOnce("sha256", text, "hex");
}

/**
 * Loads, validates and compiles every matter and catalog under a rules directory `path`
 * (`matters/<matter>/<version>.json`, `catalogs/*.json`); the bundled rules when no path is
 * given. Throws `RuleFileError` with every issue if any file has an error. `options.engine`
 * picks the evaluator: `compiled` (the default) or `json-rules-engine`, the engine of record.
 *
 * Given a bundle file instead (see `buildRulesBundle`), it loads the rules validated when the
 * bundle was built, without validating them again; each matter version is then compiled when
 * first decided on.
 *
 * @example
 * const rules = await loadRules();
 * const decision = await rules.decide(application);
 * const reference = await loadRules(undefined, { engine: "json-rules-engine" });
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
      {
        code: "bundle-unsigned",
        severity: "error",
        message:
          "trusted keys are configured: load a signed bundle (smart-approval bundle --sign KEY), not a rules directory",
        file: displayName(path),
        pointer: "",
        line: 1,
        column: 1,
      },
    ]);
  }
  if (resolve(path) === resolve(BUNDLED_RULES_DIR)) {
    const stored = storedBundledRules();
    if (stored !== undefined)
      return RuleSet.fromValidated(stored, { sha256: nodeSha256, ...options });
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
 * domain (not an object, an unknown engine, a `sha256` that is not a function, `trust` that is
 * not a list of texts, an option whose getter throws) is a `RangeError` naming the option.
 */
function loadOptions(options: unknown): LoadOptions {
  if (options === undefined || options === null) return {};
  if (typeof options !== "object" || Array.isArray(options)) {
    throw new RangeError(`options must be an object, not ${typeof options}`);
  }
  let engine: unknown;
  let sha256: unknown;
  let trust: unknown;
  try {
    ({ engine, sha256, trust } = options as Record<string, unknown>);
    if (Array.isArray(trust)) trust = [...trust];
  } catch (error) {
    throw new RangeError(`options could not be read: ${String((error as Error)?.message)}`);
  }
  const checked: LoadOptions = {};
  if (engine !== undefined) {
    if (engine !== "compiled" && engine !== "json-rules-engine") {
      throw new RangeError('options.engine must be "compiled" or "json-rules-engine"');
    }
    checked.engine = engine;
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
  const { issues, rules } = await RuleSet.precompile([...sources, ...calendarSources], {
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
  // The validator is loaded only when rule files are validated, not to load stored rules.
  const { bundledCatalogs } = await import("./validate-rules.js");
  const baseCatalogs = resolve(dir) === resolve(BUNDLED_RULES_DIR) ? undefined : bundledCatalogs();
  const hasCalendar = sources.some((s) => /(^|[\\/])calendars[\\/]/.test(s.file));
  return {
    sources,
    options: {
      ...(!hasCalendar && { calendar: bundledCalendar() }),
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

// The bundled rules, validated at build time. `npm run build` validates rules/ with the code it
// has just built and, when there is no issue at all (no error, no warning), stores the result
// next to the code (dist/bundled-rules.json) with the SHA-256 of every rule file and of every
// module of the build. A CLI call then loads those rules without parsing, validating and linting
// them again — the bulk of its cold start — as long as every rule file and every module is
// byte for byte what was validated; anything else (a rule file edited, added or removed, a
// module rebuilt, tests running from src/) validates in full, as before.

const STORED = new URL("../bundled-rules.json", import.meta.url);
const CODE_DIR = fileURLToPath(new URL("..", import.meta.url));

interface StoredRules {
  version: string;
  code: string;
  files: Record<string, string>;
  rules: ValidatedRules;
}

let stored: { rules: ValidatedRules | undefined } | undefined;

/** The stored validated bundled rules, if they are still exactly what was validated. */
export function storedBundledRules(): ValidatedRules | undefined {
  stored ??= { rules: readStored() };
  return stored.rules;
}

function readStored(): ValidatedRules | undefined {
  if (!import.meta.url.endsWith(".js")) return undefined;
  let manifest: StoredRules;
  try {
    manifest = JSON.parse(readFileSync(STORED, "utf8")) as StoredRules;
  } catch {
    return undefined;
  }
  try {
    if (manifest.version !== VERSION || manifest.code !== codeFingerprint()) return undefined;
    const files = bundledFileHashes();
    const expected = Object.entries(manifest.files);
    if (expected.length !== Object.keys(files).length) return undefined;
    for (const [file, sha256] of expected) if (files[file] !== sha256) return undefined;
    return manifest.rules;
  } catch {
    return undefined;
  }
}

/**
 * Validates the bundled rules with this build and, when no issue is found, stores them for
 * `loadRules` and `validateRules` (run by `npm run build`; a no-op outside a build in dist/).
 * Returns the issues found.
 *
 * @example
 * await storeBundledRules(); // []
 */
export async function storeBundledRules(): Promise<Issue[]> {
  if (!import.meta.url.endsWith(".js")) throw new Error("run storeBundledRules from the build");
  rmSync(STORED, { force: true });
  stored = undefined;
  const { issues, rules } = await RuleSet.precompile(readSources(ruleFiles(BUNDLED_RULES_DIR)), {
    sha256: nodeSha256,
  });
  if (rules === undefined || issues.length > 0) return issues;
  const manifest: StoredRules = {
    version: VERSION,
    code: codeFingerprint(),
    files: bundledFileHashes(),
    rules,
  };
  writeFileSync(STORED, JSON.stringify(manifest));
  return issues;
}

/** SHA-256 of every rule file under the bundled rules directory, by relative path. */
function bundledFileHashes(): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const file of ruleFiles(BUNDLED_RULES_DIR)) {
    hashes[portable(relative(BUNDLED_RULES_DIR, file))] = nodeSha256(readFileSync(file, "utf8"));
  }
  return hashes;
}

/** SHA-256 over every module of this build (paths and contents), so a rebuild invalidates. */
function codeFingerprint(): string {
  const hash = createHash("sha256");
  const modules = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return modules(path);
      return entry.name.endsWith(".js") ? [path] : [];
    });
  for (const file of modules(CODE_DIR).sort()) {
    hash.update(portable(relative(CODE_DIR, file)));
    hash.update("\u0000").update(readFileSync(file)).update("\u0000");
  }
  return hash.digest("hex");
}

function portable(path: string): string {
  return path.split(sep).join("/");
}

/** Every `.json` file under `matters/`, `catalogs/` and `calendars/` of a rules directory, sorted. */
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
