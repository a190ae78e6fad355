import { resolve } from "node:path";
import { RuleFileError } from "../load/rule-file-error.js";
import { ed25519Verifier, pemBlocks } from "../node/bundle-signature.js";
import { loadRules } from "../node/load-rules.js";
import { formatIssues } from "../report/issues.js";
import type { RuleSet } from "../rule-set/rule-set.js";
import { type CliIo, requirePath, UsageError } from "./io.js";
import { readTextFile } from "./read-text.js";

/**
 * Loads the rules a command was pointed at with `--rules` (the bundled ones otherwise), and with
 * `--trust FILE` only a bundle signed by one of the file's public keys. When a rule file has
 * errors it writes every issue to stderr and returns undefined: the command then exits 2 (checks
 * failed) rather than crashing.
 */
export async function loadRulesOrReport(
  rulesOption: unknown,
  io: CliIo,
  trustOption?: unknown,
): Promise<RuleSet | undefined> {
  const trust = typeof trustOption === "string" ? readTrustFile(trustOption, io.cwd) : undefined;
  const path = typeof rulesOption === "string" ? resolve(io.cwd, rulesOption) : undefined;
  if (path !== undefined) requirePath(`--rules ${rulesOption}`, path);
  try {
    return await loadRules(path, trust === undefined ? {} : { trust });
  } catch (error) {
    if (!(error instanceof RuleFileError)) throw error;
    io.stderr(formatIssues(error.issues, "text"));
    return undefined;
  }
}

/**
 * The public keys of a `--trust` file (one or more PEM blocks), checked to be Ed25519 public keys:
 * a file holding none, or something else, is a usage error rather than "trust nothing".
 */
export function readTrustFile(path: string, cwd: string): string[] {
  const keys = pemBlocks(readTextFile(path, cwd));
  if (keys.length === 0) throw new UsageError(`--trust ${path}: no PEM public key in the file`);
  try {
    ed25519Verifier(keys);
  } catch (error) {
    throw new UsageError(`--trust ${path}: ${(error as Error).message}`);
  }
  return keys;
}
