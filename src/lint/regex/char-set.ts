/**
 * A set of Unicode code points as sorted, disjoint, inclusive ranges `[lo, hi]`: the label of
 * one position of a regular expression (`a`, `[a-z]`, `\d`, `.`).
 */
export type CharSet = ReadonlyArray<readonly [number, number]>;

const MAX_CODE_POINT = 0x10ffff;

/**
 * A set from ranges in any order, merged.
 *
 * @example
 * charSet([[0x61, 0x7a], [0x30, 0x39]]); // [[0x30, 0x39], [0x61, 0x7a]]
 */
export function charSet(ranges: ReadonlyArray<readonly [number, number]>): CharSet {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [lo, hi] of sorted) {
    const last = out.at(-1);
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

/** The set of one character. */
export function single(char: string): CharSet {
  const code = char.codePointAt(0) ?? 0;
  return [[code, code]];
}

/** Every code point not in the set. */
export function complement(set: CharSet): CharSet {
  const out: Array<[number, number]> = [];
  let next = 0;
  for (const [lo, hi] of set) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

/** The union of sets. */
export function union(...sets: CharSet[]): CharSet {
  return charSet(sets.flat());
}

/**
 * Whether two sets share a code point: whether two positions can read the same character.
 *
 * @example
 * intersects(DIGIT, WORD); // true
 */
export function intersects(a: CharSet, b: CharSet): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [alo, ahi] = a[i] as readonly [number, number];
    const [blo, bhi] = b[j] as readonly [number, number];
    if (ahi < blo) i++;
    else if (bhi < alo) j++;
    else return true;
  }
  return false;
}

/** The code points two sets share. */
export function intersection(a: CharSet, b: CharSet): CharSet {
  const out: Array<[number, number]> = [];
  for (const [alo, ahi] of a) {
    for (const [blo, bhi] of b) {
      const lo = Math.max(alo, blo);
      const hi = Math.min(ahi, bhi);
      if (lo <= hi) out.push([lo, hi]);
    }
  }
  return charSet(out);
}

export const DIGIT: CharSet = charSet([[0x30, 0x39]]);
export const WORD: CharSet = charSet([
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
]);
/** `\s`: ECMAScript WhiteSpace and LineTerminator. */
export const SPACE: CharSet = charSet([
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
]);
/** `.` without the `s` flag: anything but a line terminator. */
export const DOT: CharSet = complement(
  charSet([
    [0x0a, 0x0a],
    [0x0d, 0x0d],
    [0x2028, 0x2029],
  ]),
);

const propertyCache = new Map<string, CharSet>();

/**
 * The set of a Unicode property escape (`\p{Script=Han}`), computed once by asking the
 * platform's own RegExp about every code point, so the analysis agrees with the matcher.
 */
export function propertySet(property: string): CharSet {
  const cached = propertyCache.get(property);
  if (cached) return cached;
  const test = new RegExp(`^${property}$`, "u");
  const ranges: Array<[number, number]> = [];
  let start = -1;
  for (let cp = 0; cp <= MAX_CODE_POINT + 1; cp++) {
    const inSet = cp <= MAX_CODE_POINT && test.test(String.fromCodePoint(cp));
    if (inSet && start < 0) start = cp;
    if (!inSet && start >= 0) {
      ranges.push([start, cp - 1]);
      start = -1;
    }
  }
  propertyCache.set(property, ranges);
  return ranges;
}
