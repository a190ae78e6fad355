import { statSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { buildRulesBundle } from "../../node/load-rules.js";
import { formatIssues } from "../../report/issues.js";
import { type CliIo, EXIT, IoError, ioReason, oneOf, requirePath, UsageError } from "../io.js";
import { readTextFile } from "../read-text.js";

/**
 * `bundle [DIR] --out FILE [--sign KEY] [--format text|json|github]`: validates a rules directory (the
 * bundled rules by default) and, when no error is found, writes a bundle of the validated
 * rules that `--rules FILE` and `loadRules(FILE)` load without validating again. Every issue
 * is reported as by `validate`; exits 2, writing nothing, when an error is found. `--sign` signs
 * the bundle with an Ed25519 private key (PEM), for loaders given `--trust`.
 */
export async function bundleCommand(
  args: string[],
  options: Record<string, string | undefined>,
  io: CliIo,
): Promise<number> {
  const format = oneOf("format", options.format, ["text", "json", "github"], "text");
  if (options.out === undefined) throw new UsageError("bundle needs --out FILE");
  if (args.length > 1) throw new UsageError("bundle takes one rules directory");
  const dir = args[0] === undefined ? undefined : resolve(io.cwd, args[0]);
  if (dir !== undefined) requirePath(args[0] as string, dir, "directory");
  const out = resolve(io.cwd, options.out);
  // Said before the rules are validated, not after: a directory is never a place to write to.
  if (isDirectory(out)) throw new IoError(`cannot write --out ${options.out}: is a directory`);
  const sign = options.sign === undefined ? undefined : readTextFile(options.sign, io.cwd);
  let built: Awaited<ReturnType<typeof buildRulesBundle>>;
  try {
    built = await buildRulesBundle(dir, sign === undefined ? {} : { sign });
  } catch (error) {
    // Only the signing key is checked before validation starts: say which option is wrong.
    if (sign === undefined) throw error;
    throw new UsageError(`--sign ${options.sign}: ${(error as Error).message}`);
  }
  const { issues, bundle } = built;
  if (issues.length > 0 || format === "json") io.stdout(formatIssues(issues, format));
  if (bundle === undefined) return EXIT.checksFailed;
  try {
    writeFileSync(out, bundle);
  } catch (error) {
    throw new IoError(`cannot write --out ${options.out}: ${ioReason(error)}`);
  }
  if (format === "text") io.stderr(`bundle written to ${options.out}\n`);
  return EXIT.ok;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
