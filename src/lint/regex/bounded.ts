import { type CharSet, intersects } from "./char-set.js";
import { positionAutomaton } from "./glushkov.js";
import type { RegexNode } from "./parse-regex.js";

/**
 * The expression with every counted repetition that can multiply the ways of matching turned
 * into an unbounded one, for the exponential-ambiguity check.
 *
 * The position automaton unrolls `x{m,n}` into copies, so it has no loop to flag; yet the ways
 * of matching multiply with each copy: `(a|a){30}` matches 30 characters in 2^30 ways,
 * `(a{1,20}){1,20}` splits a run of `a` in countless ways, `(a?){30}` places k characters in
 * C(30, k) ways. A backtracking matcher tries them all. So a repetition whose bound allows two
 * copies or more becomes `x+` when its body `x`
 * - can match the same text in more than one way (`a|a`), or
 * - can match texts of different lengths (`a{1,20}`, `ab?`): copies can then split the same
 *   text differently; the loop check tells whether they really can (`(ab?)+` is fine).
 * A body that can match both the empty text and a character (`a?`) becomes `(x|x)+`, which is
 * always refused: bounded copies may each take the characters or leave them, and a backtracking
 * matcher's empty-iteration check does not cut mandatory copies.
 * Fixed-length, unambiguous bodies (`\d{6}`, `(?:[01]\d){3}`) stay bounded.
 *
 * Returns the same object when nothing changes.
 *
 * @example
 * loosenCounts(parseRegex("(?:a|a){1,30}")); // the tree of (?:a|a)+
 */
export function loosenCounts(node: RegexNode): RegexNode {
  switch (node.type) {
    case "seq": {
      const items = node.items.map(loosenCounts);
      return items.every((n, i) => n === node.items[i]) ? node : { type: "seq", items };
    }
    case "alt": {
      const options = node.options.map(loosenCounts);
      return options.every((n, i) => n === node.options[i]) ? node : { type: "alt", options };
    }
    case "repeat": {
      const body = loosenCounts(node.body);
      const several = node.max >= 2;
      const [shortest, longest] = lengths(node.body);
      if (several && shortest === 0 && longest > 0 && !plainLoop(node)) {
        return {
          type: "repeat",
          body: { type: "alt", options: [body, body] },
          min: 0,
          max: Infinity,
        };
      }
      if (several && (shortest !== longest || ambiguous(node.body))) {
        return { type: "repeat", body, min: Math.min(node.min, 1), max: Infinity };
      }
      return body === node.body ? node : { ...node, body };
    }
    default:
      // Lookaround bodies read nothing here: the caller analyses them on their own.
      return node;
  }
}

/** `x*` and `x+`: a matcher skips an empty iteration of these, so a nullable body is harmless. */
function plainLoop(node: { min: number; max: number }): boolean {
  return node.max === Infinity && node.min <= 1;
}

/** The shortest and longest text an expression can match (Infinity when unbounded). */
function lengths(node: RegexNode): [number, number] {
  switch (node.type) {
    case "char":
      return [1, 1];
    case "seq":
      return node.items.map(lengths).reduce(([a, b], [c, d]) => [a + c, b + d], [0, 0]);
    case "alt": {
      const parts = node.options.map(lengths);
      return [Math.min(...parts.map((p) => p[0])), Math.max(...parts.map((p) => p[1]))];
    }
    case "repeat": {
      const [shortest, longest] = lengths(node.body);
      return [shortest * node.min, longest === 0 || node.max === 0 ? 0 : longest * node.max];
    }
    default:
      return [0, 0];
  }
}

/** A label no character carries: marks the end of a match. */
const END: RegexNode = { type: "char", set: [[0x110000, 0x110000]] as CharSet };

/**
 * Whether some text matches the whole expression along two different paths of its position
 * automaton (used on fixed-length expressions, whose automaton has no cycle). An expression too
 * large to analyse counts as ambiguous.
 */
function ambiguous(node: RegexNode): boolean {
  const automaton = positionAutomaton({ type: "seq", items: [node, END] });
  if (automaton === undefined) return true;
  const { labels, next } = automaton;
  const size = labels.length;
  const end = size - 1;
  // A state is a pair of positions and whether the two paths have already parted.
  const key = (p: number, q: number, parted: boolean) => (p * size + q) * 2 + (parted ? 1 : 0);
  const seen = new Set<number>([key(0, 0, false)]);
  const queue: Array<[number, number, boolean]> = [[0, 0, false]];
  while (queue.length > 0) {
    const [p, q, parted] = queue.pop() as [number, number, boolean];
    for (const [p2, m1] of next[p] as Map<number, number>) {
      for (const [q2, m2] of next[q] as Map<number, number>) {
        if (!intersects(labels[p2] as CharSet, labels[q2] as CharSet)) continue;
        const apart = parted || p2 !== q2 || (p === q && (m1 > 1 || m2 > 1));
        if (p2 === end && q2 === end && apart) return true;
        const k = key(p2, q2, apart);
        if (seen.has(k)) continue;
        seen.add(k);
        queue.push([p2, q2, apart]);
      }
    }
  }
  return false;
}
