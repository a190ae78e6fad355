import { resolve } from "node:path";
import { loadRules } from "../load/load-rules.js";
import { RuleFileError } from "../load/rule-file-error.js";
import type { RuleSet } from "../load/rule-set.js";
import { formatIssues } from "../report/issues.js";
import type { CliIo } from "./io.js";

/**
 * Loads the rules a command was pointed at with `--rules` (the bundled ones otherwise). When a
 * rule file has errors it writes every issue to stderr and returns undefined: the command then
 * exits 2 (checks failed) rather than crashing.
 */
export async function loadRulesOrReport(
  rulesOption: unknown,
  io: CliIo,
): Promise<RuleSet | undefined> {
  try {
    return await loadRules(
      typeof rulesOption === "string" ? resolve(io.cwd, rulesOption) : undefined,
    );
  } catch (error) {
    if (!(error instanceof RuleFileError)) throw error;
    io.stderr(formatIssues(error.issues, "text"));
    return undefined;
  }
}
