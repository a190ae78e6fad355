import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { ValidatedRules } from "../load/validated-rules.js";
import type { Issue } from "../model/issue.js";
import { RuleSet } from "../rule-set/rule-set.js";
import { VERSION } from "../version.js";
import { BUNDLED_RULES_DIR, nodeSha256, readSources, ruleFiles } from "./rule-files.js";

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
  const { issues, rules } = await RuleSet.validate(readSources(ruleFiles(BUNDLED_RULES_DIR)), {
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
