import { readFileSync } from "node:fs";
import { RE2JS } from "re2js";
import { toRe2Syntax } from "../evaluate/linear-pattern.js";
import { DEFAULT_MASK_SETTINGS, type MaskPattern, type MaskSettings } from "./masking.js";

/**
 * The masking setting of the decision log (`serve --mask FILE`, docs/service.md): a JSON file
 *
 *     { "keys": ["bankAccount"], "patterns": ["6\\d{15,18}"] }
 *
 * whose keys and patterns are masked in addition to the defaults. The defaults (identity
 * numbers, names, phone numbers, addresses) cannot be switched off by it — a deployment may
 * mask more, never less, so a typo in the file cannot put identity numbers in the log — and
 * whatever still looks like an identity or phone number after masking drops the entry as before.
 *
 * Patterns are matched with re2js (RE2's syntax, as rule-file patterns are): they run on every
 * string of every logged application, so a pattern that takes exponential time on some input
 * must not be possible. A pattern that matches the empty string is refused (it would mask
 * between every two characters and hide nothing).
 *
 * Throws an Error naming the file and what is wrong; the CLI reports it as a usage error.
 */
export function readMaskFile(path: string): MaskSettings {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
  return maskSettingsOf(parsed, path);
}

/** The settings a masking file's JSON gives (see readMaskFile); `where` names it in errors. */
export function maskSettingsOf(value: unknown, where: string): MaskSettings {
  const problems: string[] = [];
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new Error(`${where}: a masking file is an object with "keys" and "patterns"`);
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    // A misspelt field would mask nothing and say nothing: refused.
    if (key !== "keys" && key !== "patterns" && key !== "$comment") {
      problems.push(`unknown field "${key}" (known: keys, patterns)`);
    }
  }
  const strings = (field: "keys" | "patterns"): string[] => {
    const list = record[field];
    if (list === undefined) return [];
    if (!Array.isArray(list) || list.some((item) => typeof item !== "string" || item === "")) {
      problems.push(`"${field}" must be an array of non-empty strings`);
      return [];
    }
    return list as string[];
  };
  const keys = strings("keys");
  const patterns: MaskPattern[] = [];
  for (const [index, source] of strings("patterns").entries()) {
    let re: RE2JS;
    try {
      re = RE2JS.compile(toRe2Syntax(source));
    } catch (error) {
      problems.push(`patterns/${index} "${source}": ${(error as Error).message}`);
      continue;
    }
    if (re.matches("")) {
      problems.push(`patterns/${index} "${source}" matches the empty string`);
      continue;
    }
    patterns.push({
      mask: (text, by) => re.matcher(text).replaceAll(by.replaceAll("$", "$$")),
      toString: () => source,
    } as MaskPattern);
  }
  if (problems.length > 0) throw new Error(`${where}: ${problems.join("; ")}`);
  return {
    keys: [...DEFAULT_MASK_SETTINGS.keys, ...keys],
    // The file's first: they are the more specific (a 19-digit card number is masked whole,
    // not left with one digit after the identity-number pattern took 18).
    patterns: [...patterns, ...DEFAULT_MASK_SETTINGS.patterns],
  };
}
