import type { CharSet } from "./char-set.js";
import type { RegexNode } from "./parse-regex.js";

/**
 * A position automaton (Glushkov) of a regular expression: state 0 is the start, states
 * 1…n are the character positions, and a transition into a state reads that state's label.
 * `next` counts, for each transition, the distinct ways the expression produces it: `(a+)+`
 * reaches `a` from `a` through the inner and through the outer loop, which a backtracking
 * matcher tries one after the other — the root of exponential blow-up.
 */
export interface PositionAutomaton {
  labels: CharSet[];
  next: Array<Map<number, number>>;
}

/** Bounded repetitions up to this many copies are expanded exactly; larger ones approximated. */
const MAX_COPIES = 32;

/** More positions than this and the analysis gives up (the pattern is refused). */
export const MAX_POSITIONS = 400;

interface Fragment {
  nullable: boolean;
  first: number[];
  last: number[];
}

/**
 * Builds the position automaton of a parsed expression, or undefined when it would need more
 * than `MAX_POSITIONS` positions. Lookarounds read nothing here (analyse their bodies apart).
 *
 * @example
 * positionAutomaton(parseRegex("a+"))?.next[1]; // Map { 1 => 1 }
 */
export function positionAutomaton(root: RegexNode): PositionAutomaton | undefined {
  const labels: CharSet[] = [[]];
  const next: Array<Map<number, number>> = [new Map()];
  const link = (from: readonly number[], to: readonly number[]) => {
    for (const p of from) {
      const targets = next[p] as Map<number, number>;
      for (const q of to) targets.set(q, (targets.get(q) ?? 0) + 1);
    }
  };
  const concat = (a: Fragment, b: Fragment): Fragment => {
    link(a.last, b.first);
    return {
      nullable: a.nullable && b.nullable,
      first: a.nullable ? [...a.first, ...b.first] : a.first,
      last: b.nullable ? [...b.last, ...a.last] : b.last,
    };
  };
  const EMPTY: Fragment = { nullable: true, first: [], last: [] };

  const build = (node: RegexNode): Fragment => {
    if (labels.length > MAX_POSITIONS + 1) throw new TooLarge();
    switch (node.type) {
      case "empty":
      case "start":
      case "look":
      case "backref":
        return EMPTY;
      case "char": {
        const p = labels.length;
        labels.push(node.set);
        next.push(new Map());
        return { nullable: false, first: [p], last: [p] };
      }
      case "seq":
        return node.items.reduce((acc, item) => concat(acc, build(item)), EMPTY);
      case "alt": {
        const parts = node.options.map(build);
        return {
          nullable: parts.some((p) => p.nullable),
          first: parts.flatMap((p) => p.first),
          last: parts.flatMap((p) => p.last),
        };
      }
      case "repeat":
        return repeat(node.body, node.min, node.max);
    }
  };

  /** `x{min,max}`: mandatory copies, then nested optional ones `(x(x)?)?` or a loop. */
  const repeat = (body: RegexNode, min: number, max: number): Fragment => {
    const bounded = max !== Infinity && max <= MAX_COPIES;
    const mandatory = Math.min(min, MAX_COPIES);
    let result = EMPTY;
    const copies = bounded || mandatory === 0 ? mandatory : mandatory - 1;
    for (let k = 0; k < copies; k++) result = concat(result, build(body));
    if (bounded) return concat(result, optionalChain(body, max - min));
    const looped = build(body);
    link(looped.last, looped.first);
    return concat(result, { ...looped, nullable: looped.nullable || mandatory === 0 });
  };

  const optionalChain = (body: RegexNode, count: number): Fragment => {
    if (count <= 0) return EMPTY;
    const head = build(body);
    const tail = optionalChain(body, count - 1);
    return { ...concat(head, tail), nullable: true };
  };

  try {
    const fragment = build(root);
    link([0], fragment.first);
  } catch (error) {
    if (error instanceof TooLarge) return undefined;
    throw error;
  }
  return { labels, next };
}

class TooLarge extends Error {}
