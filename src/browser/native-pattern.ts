/**
 * The browser's stand-in for re2js (46 KB gzipped, most of a page's budget): rule files'
 * patterns, in RE2 syntax (see linear-pattern.ts), run on the browser's own RegExp — but only
 * patterns of a small subset whose meaning is the same in RE2 and in ECMAScript (`u` flag) by
 * construction, so that a decision in the browser is the decision the library makes:
 *
 * - literal characters; `\d` `\D`; `\f` `\n` `\r` `\t` `\v`; `\x{…}` (a code point, not a
 *   surrogate); a backslash before punctuation (`\.`, `\-`, `\/`…);
 * - classes `[…]` and `[^…]` of those, with ranges between single characters;
 * - groups `(…)` and `(?:…)`, alternation `|`, anchors `^` and `$` (without flags both mean the
 *   start and the end of the text in both engines);
 * - quantifiers `*` `+` `?` `{n}` `{n,}` `{n,m}` (at most 1000, RE2's limit), lazy or not.
 *
 * Everything else is refused, because the two engines read it differently or because
 * backtracking could take long: `.` (RE2's matches `\r`), `\s` `\w` `\b` (Unicode in one,
 * ASCII in the other), `\p{…}` (each engine's Unicode tables), flags `(?i)`, POSIX classes
 * `[[:alpha:]]`, backreferences, and a quantifier on a group that holds a quantifier or an
 * alternation (the only way a backtracking matcher's time grows faster than polynomially).
 * A refused pattern throws here, as RE2 throws on a pattern it cannot compile: the library
 * refuses such a rule file when it is loaded in a browser, and the browser rules module
 * (rules-module.ts) is not built for a matter with one, so no page ever decides otherwise
 * than the library.
 */

/** Why the pattern (RE2 syntax) is outside the subset, or undefined when it is inside. */
export function nativePatternError(pattern: string): string | undefined {
  try {
    nativeSource(pattern);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The pattern (RE2 syntax) as a RegExp with the same meaning; throws outside the subset. */
export function nativeRegExp(pattern: string): RegExp {
  return new RegExp(nativeSource(pattern), "u");
}

/** The part of re2js's API that linear-pattern.ts uses. */
export const RE2JS = {
  compile(pattern: string): { matcher(text: string): { find(): boolean } } {
    const regExp = nativeRegExp(pattern);
    return { matcher: (text) => ({ find: () => regExp.test(text) }) };
  },
};

const MAX_REPEAT = 1000;
/** Characters with a meaning of their own outside classes. */
const SPECIAL = new Set([..."\\^$.*+?()[]{}|"]);
/** Punctuation a backslash makes literal in both engines. */
const ESCAPABLE = new Set([..."\\^$.*+?()[]{}|/-"]);
const CONTROL: Record<string, string> = { f: "\\f", n: "\\n", r: "\\r", t: "\\t", v: "\\v" };

interface Parsed {
  /** The ECMAScript source. */
  source: string;
  /** Whether it holds a quantifier or an alternation (see the nesting rule above). */
  branches: boolean;
}

/** The ECMAScript source of an RE2 pattern of the subset; throws with the reason otherwise. */
function nativeSource(pattern: string): string {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at offset ${i} (not run natively in the browser)`);
  };
  const chars = [...pattern];

  /** A character after a backslash, outside or inside a class. */
  const escaped = (inClass: boolean): string => {
    const c = chars[i + 1];
    if (c === undefined) fail("trailing backslash");
    i += 2;
    if (c === "d" || c === "D") return `\\${c}`;
    const control = CONTROL[c as string];
    if (control !== undefined) return control;
    if (c === "x") {
      const match = /^\{([0-9A-Fa-f]{1,6})\}/.exec(chars.slice(i, i + 8).join(""));
      const code = match ? Number.parseInt(match[1] as string, 16) : -1;
      if (!match || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        fail("\\x is supported only as \\x{…} with a code point, not a surrogate");
      }
      i += (match as RegExpExecArray)[0].length;
      return `\\u{${code.toString(16)}}`;
    }
    if (ESCAPABLE.has(c as string)) {
      // ECMAScript's `u` flag allows `\-` only inside a class.
      return c === "-" && !inClass ? "-" : `\\${c}`;
    }
    return fail(`the escape \\${c}`);
  };

  const classItem = (): { source: string; single: boolean } => {
    const c = chars[i] as string;
    if (c === "\\") {
      const single = chars[i + 1] !== "d" && chars[i + 1] !== "D";
      return { source: escaped(true), single };
    }
    if (c === "[") fail("a [ inside a class");
    i++;
    return { source: c, single: true };
  };

  const characterClass = (): string => {
    i++; // [
    let source = "[";
    if (chars[i] === "^") {
      source += "^";
      i++;
    }
    if (chars[i] === "]") fail("an empty class or a ] first in a class");
    while (chars[i] !== "]") {
      if (i >= chars.length) fail("an unterminated class");
      const from = classItem();
      source += from.source;
      if (chars[i] === "-" && chars[i + 1] !== "]" && chars[i + 1] !== undefined) {
        i++;
        const to = classItem();
        if (!from.single || !to.single) fail("a range with a class at one end");
        source += `-${to.source}`;
      }
    }
    i++; // ]
    return `${source}]`;
  };

  /** A quantifier at i, or undefined. */
  const quantifier = (): string | undefined => {
    const c = chars[i];
    let source: string;
    if (c === "*" || c === "+" || c === "?") {
      source = c;
      i++;
    } else if (c === "{") {
      const match = /^\{(\d{1,4})(,(\d{1,4})?)?\}/.exec(chars.slice(i, i + 11).join(""));
      if (!match) return fail("a { that is not a repetition {n}, {n,} or {n,m}");
      const [text, min, comma, max] = match as unknown as [string, string, string?, string?];
      if (Number(min) > MAX_REPEAT || Number(max ?? 0) > MAX_REPEAT) fail("a repetition over 1000");
      if (max !== undefined && Number(max) < Number(min)) fail("a repetition {n,m} with m < n");
      source = `{${Number(min)}${comma === undefined ? "" : ","}${max === undefined ? "" : Number(max)}}`;
      i += text.length;
    } else return undefined;
    if (chars[i] === "?") {
      source += "?";
      i++;
    }
    return source;
  };

  const alternation = (depth: number): Parsed => {
    let source = "";
    let branches = false;
    for (;;) {
      const c = chars[i];
      if (c === undefined || c === ")") break;
      if (c === "|") {
        source += "|";
        branches = true;
        i++;
        continue;
      }
      let atom: Parsed;
      let quantifiable = true;
      if (c === "^" || c === "$") {
        atom = { source: c, branches: false };
        quantifiable = false;
        i++;
      } else if (c === "[") {
        atom = { source: characterClass(), branches: false };
      } else if (c === "\\") {
        atom = { source: escaped(false), branches: false };
      } else if (c === "(") {
        let open = "(";
        if (chars[i + 1] === "?") {
          if (chars[i + 2] !== ":") fail("a group with flags or a name");
          open = "(?:";
        }
        i += open.length;
        const inner = alternation(depth + 1);
        if (chars[i] !== ")") fail("an unterminated group");
        i++;
        atom = { source: `${open}${inner.source})`, branches: inner.branches };
      } else if (c === ".") {
        return fail("the dot (RE2's matches a carriage return, ECMAScript's does not)");
      } else if (SPECIAL.has(c)) {
        return fail(`a ${c} that quantifies nothing or closes nothing`);
      } else {
        atom = { source: c, branches: false };
        i++;
      }
      const quantified = quantifier();
      if (quantified !== undefined) {
        if (!quantifiable) fail("a quantified anchor");
        if (atom.branches) fail("a quantified group holding a quantifier or an alternation");
        if (SPECIAL.has(chars[i] as string) && quantifier() !== undefined) {
          fail("two quantifiers in a row");
        }
        branches = true;
      }
      source += atom.source + (quantified ?? "");
    }
    if (depth === 0 && i < chars.length) fail("a ) that closes nothing");
    return { source, branches };
  };

  return alternation(0).source;
}
