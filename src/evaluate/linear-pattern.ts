// "#re2js" is re2js, except in a browser build (package.json "imports"): see native-pattern.ts.
import { RE2JS } from "#re2js";

/**
 * Regular expressions from rule files — `matches` comparisons and the input schemas' `pattern`
 * and `patternProperties` — run on applicant data, so their time must be bounded whatever the
 * pattern. They are matched with re2js, a JavaScript port of RE2: an automaton matcher whose
 * time is linear in the input for every pattern it accepts, so no pattern a rule author writes
 * (or a reviewer misses) can take quadratic or exponential time. The price is RE2's syntax: no
 * backreferences or lookaround, `\x{4E00}` for a code point rather than `\u4E00`. A pattern
 * RE2 cannot express is refused when the rule file is validated (`invalid-regex`, located).
 */
export interface LinearPattern {
  /** Whether the pattern matches somewhere in the text (search, like RegExp.prototype.test). */
  test(text: string): boolean;
  /** Shown in messages and used by ajv as the cache key. */
  toString(): string;
}

const compiledPatterns = new Map<string, LinearPattern>();
/** Bounded, so a stream of distinct patterns cannot grow the cache without limit. */
const MAX_CACHED = 4096;

/**
 * The pattern in RE2's syntax: the JavaScript escapes RE2 spells differently are rewritten —
 * `\uXXXX` and `\u{X…}` become `\x{X…}`, `\p{Script=Han}` and `\p{sc=Han}` become `\p{Han}` —
 * so that a pattern written for JavaScript (as JSON Schema's are) means the same on RE2.
 * Escapes are read in pairs, so an escaped backslash is never taken for the start of one.
 */
export function toRe2Syntax(pattern: string): string {
  if (!pattern.includes("\\")) return pattern;
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c !== "\\") {
      out += c;
      continue;
    }
    const rest = pattern.slice(i + 1);
    const unicode = /^u(?:\{([0-9A-Fa-f]{1,6})\}|([0-9A-Fa-f]{4}))/.exec(rest);
    const script = /^([pP])\{(?:Script|sc)=([A-Za-z_]+)\}/.exec(rest);
    if (unicode !== null) {
      out += `\\x{${unicode[1] ?? unicode[2]}}`;
      i += unicode[0].length;
    } else if (script !== null) {
      out += `\\${script[1]}{${script[2]}}`;
      i += script[0].length;
    } else {
      out += c + (pattern[i + 1] ?? "");
      i++;
    }
  }
  return out;
}

/** Why RE2 cannot compile the pattern, or undefined when it can. */
export function linearPatternError(pattern: string): string | undefined {
  try {
    RE2JS.compile(toRe2Syntax(pattern));
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * The pattern compiled for linear-time matching, once per pattern text. Throws (with RE2's
 * reason) on a pattern RE2 cannot express; the validator has refused such rule files already.
 */
export function linearPattern(pattern: string): LinearPattern {
  let compiled = compiledPatterns.get(pattern);
  if (compiled === undefined) {
    const re2 = RE2JS.compile(toRe2Syntax(pattern));
    const shown = `/${pattern}/re2`;
    compiled = { test: (text) => re2.matcher(text).find(), toString: () => shown };
    if (compiledPatterns.size >= MAX_CACHED) compiledPatterns.clear();
    compiledPatterns.set(pattern, compiled);
  }
  return compiled;
}

const MATCHES_NOTHING: LinearPattern = { test: () => false, toString: () => "/(?!)/re2" };

/**
 * ajv's `code.regExp` hook: the input schemas' `pattern` and `patternProperties` are matched
 * by RE2 too. A pattern RE2 cannot compile matches nothing here (the value then fails its schema
 * and counts as missing), so that ajv still compiles the schema and the validator's located
 * `unsupported-regex` issue is the one reported. (`code` names the engine in ajv's standalone
 * output, which is not used.)
 */
export const linearRegExpEngine = Object.assign(
  (pattern: string): LinearPattern => {
    try {
      return linearPattern(pattern);
    } catch {
      return MATCHES_NOTHING;
    }
  },
  { code: "linearPattern" },
);
