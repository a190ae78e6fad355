import { loosenCounts } from "./bounded.js";
import { type CharSet, intersection, intersects, union } from "./char-set.js";
import { MAX_POSITIONS, type PositionAutomaton, positionAutomaton } from "./glushkov.js";
import { parseRegex, type RegexNode, RegexSyntaxError } from "./parse-regex.js";
import { components } from "./strongly-connected.js";

/** What the analysis concluded about a pattern. */
export type RegexVerdict =
  | { ok: true }
  | { ok: false; code: "invalid-regex" | "unsafe-regex"; reason: string };

/** Polynomial blow-up of this degree or more is refused (n³ on a 10 000-character input). */
const MAX_POLYNOMIAL_DEGREE = 3;

/**
 * Decides whether a regular expression (compiled with the `u` flag) is safe for a
 * backtracking matcher such as V8's on untrusted input. Refused:
 * - backreferences (matching becomes NP-hard);
 * - exponential ambiguity: some state can return to itself along two different paths that
 *   read the same text — nested quantifiers `(a+)+`, `(a*)*`, overlapping alternatives under a
 *   repetition `(a|aa)+`, `(\w|\d)+` — found in the square of the position automaton;
 * - polynomial ambiguity of degree 3 or more: a chain of loops that can all consume the same
 *   characters, such as `(.*a){12}` or `.*a.*b.*c`;
 * - counted repetitions that multiply the ways of matching: `x{m,n}` (n ≥ 2) whose body is
 *   ambiguous, of variable length or can be empty, such as `(a|a){1,30}`, `(a{1,20}){1,20}` or
 *   `(a?){30}` — checked as the unbounded `x+` (see `loosenCounts`).
 * Lookaround bodies are checked on their own. Patterns too large to analyse are refused too.
 *
 * @example
 * analyseRegex("^\\d{6}$"); // { ok: true }
 * analyseRegex("^(a+)+$"); // { ok: false, code: "unsafe-regex", reason: "…" }
 */
export function analyseRegex(source: string): RegexVerdict {
  try {
    new RegExp(source, "u");
  } catch (error) {
    return { ok: false, code: "invalid-regex", reason: (error as Error).message };
  }
  let root: RegexNode;
  try {
    root = parseRegex(source);
  } catch (error) {
    if (!(error instanceof RegexSyntaxError)) throw error;
    return unsafe(`it cannot be analysed (${error.message})`);
  }
  if (contains(root, (n) => n.type === "backref")) {
    return unsafe("backreferences can make matching take exponential time");
  }
  // An unanchored pattern is tried at every start position: one more loop in front.
  const searched: RegexNode = anchoredAtStart(root)
    ? root
    : { type: "seq", items: [{ type: "repeat", body: ANY, min: 0, max: Infinity }, root] };
  for (const part of [searched, ...lookarounds(root)]) {
    const automaton = positionAutomaton(part);
    if (automaton === undefined) {
      return unsafe(`it is too large to analyse (more than ${MAX_POSITIONS} positions)`);
    }
    if (exponentiallyAmbiguous(automaton)) {
      return unsafe(
        "a repetition can match the same text in more than one way (nested or overlapping quantifiers), so matching can take exponential time",
      );
    }
    const degree = polynomialDegree(automaton);
    if (degree >= MAX_POLYNOMIAL_DEGREE) {
      return unsafe(
        `${degree} repetitions one after another can take the same characters${part === searched && searched !== root ? " (counting the search for where a match starts; anchor the pattern with ^)" : ""}, so matching time can grow as the input length to the power ${degree}`,
      );
    }
    const loosened = loosenCounts(part);
    if (loosened === part) continue;
    const unbounded = positionAutomaton(loosened);
    if (unbounded === undefined) {
      return unsafe(`it is too large to analyse (more than ${MAX_POSITIONS} positions)`);
    }
    if (exponentiallyAmbiguous(unbounded)) {
      return unsafe(
        "a counted repetition ({m,n}) repeats a part that can match the same text in more than one way, at different lengths or empty, so the ways of matching multiply with each copy and matching can take time exponential in the count",
      );
    }
  }
  return { ok: true };
}

const ANY: RegexNode = { type: "char", set: [[0, 0x10ffff]] };

function anchoredAtStart(node: RegexNode): boolean {
  switch (node.type) {
    case "start":
      return true;
    case "seq":
      return node.items[0] !== undefined && anchoredAtStart(node.items[0]);
    case "alt":
      return node.options.every(anchoredAtStart);
    default:
      return false;
  }
}

function unsafe(reason: string): RegexVerdict {
  return { ok: false, code: "unsafe-regex", reason };
}

function contains(node: RegexNode, test: (n: RegexNode) => boolean): boolean {
  if (test(node)) return true;
  switch (node.type) {
    case "seq":
      return node.items.some((n) => contains(n, test));
    case "alt":
      return node.options.some((n) => contains(n, test));
    case "repeat":
    case "look":
      return contains(node.body, test);
    default:
      return false;
  }
}

function lookarounds(node: RegexNode): RegexNode[] {
  switch (node.type) {
    case "seq":
      return node.items.flatMap(lookarounds);
    case "alt":
      return node.options.flatMap(lookarounds);
    case "repeat":
      return lookarounds(node.body);
    case "look":
      return [node.body, ...lookarounds(node.body)];
    default:
      return [];
  }
}

/**
 * Exponential degree of ambiguity (Weideman et al.): in the product of the automaton with
 * itself, a component holding a pair (q, q) also holds a pair (p, p′) with p ≠ p′, or uses a
 * transition the expression produces in two ways.
 */
function exponentiallyAmbiguous({ labels, next }: PositionAutomaton): boolean {
  const size = labels.length;
  const edges = new Map<number, number[]>();
  const doubled = new Set<number>();
  const successors = (pair: number): number[] => {
    const cached = edges.get(pair);
    if (cached) return cached;
    const p = Math.floor(pair / size);
    const q = pair % size;
    const out: number[] = [];
    for (const [p2, m1] of next[p] as Map<number, number>) {
      for (const [q2, m2] of next[q] as Map<number, number>) {
        if (!intersects(labels[p2] as CharSet, labels[q2] as CharSet)) continue;
        const target = p2 * size + q2;
        out.push(target);
        if (p === q && p2 === q2 && (m1 > 1 || m2 > 1)) doubled.add(pair * size * size + target);
      }
    }
    edges.set(pair, out);
    return out;
  };
  const component = components([0], successors);
  const diagonal = new Set<number>();
  const mixed = new Set<number>();
  for (const [pair, c] of component) {
    const p = Math.floor(pair / size);
    const q = pair % size;
    if (p === q) diagonal.add(c);
    else mixed.add(c);
  }
  for (const c of diagonal) if (mixed.has(c)) return true;
  for (const key of doubled) {
    const from = Math.floor(key / (size * size));
    const to = key % (size * size);
    if (component.get(from) === component.get(to)) return true;
  }
  return false;
}

/**
 * An upper bound on the degree of polynomial ambiguity: the longest chain of loops where each
 * next loop can be reached from the one before while reading only characters both loops accept.
 */
function polynomialDegree({ labels, next }: PositionAutomaton): number {
  const successors = (s: number) => [...(next[s] as Map<number, number>).keys()];
  const component = components([0], successors);
  const members = new Map<number, number[]>();
  for (const [state, c] of component) members.set(c, [...(members.get(c) ?? []), state]);
  const loops = [...members.entries()]
    .filter(
      ([, states]) => states.length > 1 || successors(states[0] ?? 0).includes(states[0] ?? -1),
    )
    .map(([, states]) => ({
      states,
      alphabet: union(...states.map((s) => labels[s] as CharSet)),
    }));
  const chained = loops.map((from, i) =>
    loops.flatMap((to, j) => {
      if (i === j) return [];
      const shared = intersection(from.alphabet, to.alphabet);
      return shared.length > 0 && reaches(from.states, to.states, shared, labels, successors)
        ? [j]
        : [];
    }),
  );
  const longest = new Map<number, number>();
  const depth = (i: number): number => {
    const known = longest.get(i);
    if (known !== undefined) return known;
    longest.set(i, 1);
    const value = 1 + Math.max(0, ...(chained[i] ?? []).map(depth));
    longest.set(i, value);
    return value;
  };
  return Math.max(0, ...loops.map((_, i) => depth(i)));
}

function reaches(
  from: readonly number[],
  to: readonly number[],
  alphabet: CharSet,
  labels: readonly CharSet[],
  successors: (s: number) => number[],
): boolean {
  const targets = new Set(to);
  const seen = new Set(from);
  const queue = [...from];
  while (queue.length > 0) {
    const s = queue.pop() as number;
    for (const t of successors(s)) {
      if (seen.has(t) || !intersects(labels[t] as CharSet, alphabet)) continue;
      if (targets.has(t)) return true;
      seen.add(t);
      queue.push(t);
    }
  }
  return false;
}
