import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { ValidatorFactories } from "../evaluate/precompiled-validators.js";
import type { ValidatedRules } from "../load/validated-rules.js";
import type { Issue } from "../model/issue.js";
import { RuleSet } from "../rule-set/rule-set.js";
import { VERSION } from "../version.js";
import { BUNDLED_RULES_DIR, nodeSha256, readSources, ruleFiles } from "./rule-files.js";

// The bundled rules, validated at build time. `npm run build` validates rules/ with the code it
// has just built and, when there is no issue at all (no error, no warning), stores the result
// next to the code: dist/bundled-rules.json, with the SHA-256 of every rule file and of every
// module of the build, and dist/bundled-validators.js, their input schemas' validators written
// out as code (validator-code.ts). A CLI call then loads those rules without parsing,
// validating and linting them again, and decides without loading ajv or compiling a schema —
// the bulk of its cold start — as long as every rule file and every module is byte for byte
// what was validated; anything else (a rule file edited, added or removed, a module rebuilt,
// tests running from src/) validates in full, as before.
//
// The command line runs as one bundle (dist/bin/, scripts/build.ts), stamped by the build with
// an id that the manifest records: the bundle is the code that validated (built from the same
// modules, in the same build) as long as its id is the manifest's, and it need not hash
// itself. The library's own modules are hashed, as their list in the manifest says.

/** The build id esbuild writes into the command-line bundle (undefined in the modules). */
declare const SMART_APPROVAL_BUNDLE_ID: string | undefined;
const BUNDLE_ID =
  typeof SMART_APPROVAL_BUNDLE_ID === "string" ? SMART_APPROVAL_BUNDLE_ID : undefined;
/** Where the build writes the command-line bundle, under dist/: not one of the library's modules. */
const BUNDLE_DIR = "bin";

const STORED = new URL("../bundled-rules.json", import.meta.url);
const VALIDATORS = new URL("../bundled-validators.js", import.meta.url);
const CODE_DIR = fileURLToPath(new URL("..", import.meta.url));

interface StoredRules {
  version: string;
  /** The library's modules (paths under dist/, sorted), validators included, and their SHA-256. */
  modules: string[];
  code: string;
  /** The id of the command-line bundle built with them. */
  bundle?: string;
  /** The SHA-256 of dist/bundled-validators.js (the bundle does not hash the modules). */
  validators: string;
  files: Record<string, string>;
  rules: ValidatedRules;
}

/** The bundled rules as the build stored them. */
export interface StoredBundledRules {
  rules: ValidatedRules;
  /** Their input schemas' validators, generated at build time (by schema key). */
  validators: ValidatorFactories;
}

// Checked again at every call, never remembered: a service reloading the bundled rules after
// a rule file was edited must get the edited file (validated), not the copy stored before.

/** Whether the build stored the bundled rules and they are still exactly what was validated. */
export function bundledRulesStored(): boolean {
  return readStored() !== undefined;
}

/** The stored validated bundled rules and their validators, if `bundledRulesStored()`. */
export async function storedBundledRules(): Promise<StoredBundledRules | undefined> {
  const rules = readStored();
  if (rules === undefined) return undefined;
  try {
    // Checked by its hash in the manifest: the validators generated with these rules.
    const { default: validators } = (await import(VALIDATORS.href)) as {
      default: ValidatorFactories;
    };
    return { rules, validators };
  } catch {
    return undefined;
  }
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
    if (manifest.version !== VERSION) return undefined;
    if (
      BUNDLE_ID !== undefined
        ? manifest.bundle !== BUNDLE_ID
        : manifest.code !== codeFingerprint(manifest.modules)
    ) {
      return undefined;
    }
    if (manifest.validators !== fileSha256(fileURLToPath(VALIDATORS))) return undefined;
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
 * `loadRules` and `validateRules` (run by `npm run build`, after the command-line bundle whose
 * id it is given; throws outside a build in dist/). Returns the issues found.
 *
 * @example
 * await storeBundledRules(bundleId); // []
 */
export async function storeBundledRules(bundle?: string): Promise<Issue[]> {
  if (!import.meta.url.endsWith(".js")) throw new Error("run storeBundledRules from the build");
  rmSync(STORED, { force: true });
  rmSync(VALIDATORS, { force: true });
  const { issues, rules } = await RuleSet.validate(readSources(ruleFiles(BUNDLED_RULES_DIR)), {
    sha256: nodeSha256,
  });
  if (rules === undefined || issues.length > 0) return issues;
  const { validatorFactoriesCode } = await import("../evaluate/validator-code.js");
  const factories = validatorFactoriesCode(
    rules.matters.flatMap(({ file }) => [file.input.data, file.input.evidence]),
  );
  writeFileSync(
    VALIDATORS,
    `// The bundled rules' input-schema validators (ajv standalone code), generated by npm run build: do not edit.
export default ${factories};
`,
  );
  const modules = buildModules();
  const manifest: StoredRules = {
    version: VERSION,
    modules,
    code: codeFingerprint(modules),
    ...(bundle !== undefined && { bundle }),
    validators: fileSha256(fileURLToPath(VALIDATORS)),
    files: bundledFileHashes(),
    rules,
  };
  writeFileSync(STORED, JSON.stringify(manifest));
  return issues;
}

/** SHA-256 of every rule file (its bytes) under the bundled rules directory, by relative path. */
function bundledFileHashes(): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const file of ruleFiles(BUNDLED_RULES_DIR)) {
    hashes[portable(relative(BUNDLED_RULES_DIR, file))] = fileSha256(file);
  }
  return hashes;
}

/** The library's modules: the .js files under dist/ but the bundle's, as sorted portable paths. */
function buildModules(): string[] {
  const modules = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return path === join(CODE_DIR, BUNDLE_DIR) ? [] : modules(path);
      return entry.name.endsWith(".js") ? [portable(relative(CODE_DIR, path))] : [];
    });
  return modules(CODE_DIR).sort();
}

/**
 * SHA-256 over the build's modules (paths and contents), so that a rebuild invalidates. The
 * list is the one the build stored, not walked again: a module added since can only run if a
 * module on the list imports it, and that module's contents would have changed.
 */
function codeFingerprint(modules: readonly string[]): string {
  const hash = createHash("sha256");
  for (const module of modules) {
    hash.update(module);
    hash
      .update("\u0000")
      .update(readFileSync(join(CODE_DIR, module)))
      .update("\u0000");
  }
  return hash.digest("hex");
}

function portable(path: string): string {
  return path.split(sep).join("/");
}

function fileSha256(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}
