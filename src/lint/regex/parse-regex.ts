import {
  type CharSet,
  charSet,
  complement,
  DIGIT,
  DOT,
  propertySet,
  SPACE,
  single,
  union,
  WORD,
} from "./char-set.js";

/**
 * A regular expression as the ReDoS analysis sees it: positions that read one character,
 * sequences, alternatives and repetitions. Assertions (`^`, `$`, `\b`) read nothing;
 * lookarounds read nothing here and are analysed on their own; captures are plain groups.
 */
export type RegexNode =
  | { type: "empty" }
  | { type: "start" }
  | { type: "char"; set: CharSet }
  | { type: "seq"; items: RegexNode[] }
  | { type: "alt"; options: RegexNode[] }
  | { type: "repeat"; body: RegexNode; min: number; max: number }
  | { type: "look"; body: RegexNode }
  | { type: "backref" };

/** A pattern the analysis cannot read (the caller has already checked it compiles). */
export class RegexSyntaxError extends Error {
  override name = "RegexSyntaxError";
}

const CONTROL_ESCAPES: Readonly<Record<string, number>> = {
  n: 0x0a,
  r: 0x0d,
  t: 0x09,
  v: 0x0b,
  f: 0x0c,
  "0": 0x00,
};

/**
 * Parses a JavaScript regular expression source, as compiled with the `u` flag.
 *
 * @example
 * parseRegex("^a+$"); // { type: "seq", items: [{ type: "empty" }, { type: "repeat", … }, …] }
 */
export function parseRegex(source: string): RegexNode {
  const chars = [...source];
  let i = 0;
  const peek = () => chars[i];
  const eat = (expected?: string): string => {
    const c = chars[i];
    if (c === undefined || (expected !== undefined && c !== expected)) {
      throw new RegexSyntaxError(`expected ${expected ?? "more"} at ${i}`);
    }
    i++;
    return c;
  };

  const alternation = (): RegexNode => {
    const options = [sequence()];
    while (peek() === "|") {
      eat("|");
      options.push(sequence());
    }
    return options.length === 1 ? (options[0] as RegexNode) : { type: "alt", options };
  };

  const sequence = (): RegexNode => {
    const items: RegexNode[] = [];
    while (i < chars.length && peek() !== "|" && peek() !== ")") items.push(quantified());
    return items.length === 1 ? (items[0] as RegexNode) : { type: "seq", items };
  };

  const quantified = (): RegexNode => {
    const body = atom();
    const bounds = quantifier();
    if (bounds === undefined) return body;
    if (peek() === "?") eat("?");
    return { type: "repeat", body, ...bounds };
  };

  const quantifier = (): { min: number; max: number } | undefined => {
    const c = peek();
    const simple = c === "*" ? [0, Infinity] : c === "+" ? [1, Infinity] : c === "?" ? [0, 1] : [];
    if (simple.length === 2) {
      eat();
      return { min: simple[0] as number, max: simple[1] as number };
    }
    if (c !== "{") return undefined;
    const match = /^\{(\d+)(,(\d*))?\}/.exec(chars.slice(i).join(""));
    if (!match) throw new RegexSyntaxError(`bad quantifier at ${i}`);
    i += [...match[0]].length;
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : match[3] === "" ? Infinity : Number(match[3]);
    return { min, max };
  };

  const atom = (): RegexNode => {
    const c = eat();
    switch (c) {
      case "^":
        return { type: "start" };
      case "$":
        return { type: "empty" };
      case ".":
        return { type: "char", set: DOT };
      case "[":
        return { type: "char", set: characterClass() };
      case "(":
        return group();
      case "\\":
        return escapeAtom();
      default:
        return { type: "char", set: single(c) };
    }
  };

  const group = (): RegexNode => {
    let look = false;
    if (peek() === "?") {
      eat("?");
      const kind = eat();
      if (kind === "=" || kind === "!") look = true;
      else if (kind === "<" && (peek() === "=" || peek() === "!")) {
        eat();
        look = true;
      } else if (kind === "<") {
        while (peek() !== ">") eat();
        eat(">");
      } else if (kind !== ":") throw new RegexSyntaxError(`unsupported group (?${kind}`);
    }
    const body = alternation();
    eat(")");
    return look ? { type: "look", body } : body;
  };

  const escapeAtom = (): RegexNode => {
    const c = eat();
    if (c === "b" || c === "B") return { type: "empty" };
    if (/[1-9]/.test(c)) {
      while (/\d/.test(peek() ?? "")) eat();
      return { type: "backref" };
    }
    if (c === "k") {
      eat("<");
      while (peek() !== ">") eat();
      eat(">");
      return { type: "backref" };
    }
    return { type: "char", set: escapedSet(c) };
  };

  /** The set an escape stands for, inside or outside a class (`\b` is a backspace inside). */
  const escapedSet = (c: string): CharSet => {
    switch (c) {
      case "d":
        return DIGIT;
      case "D":
        return complement(DIGIT);
      case "w":
        return WORD;
      case "W":
        return complement(WORD);
      case "s":
        return SPACE;
      case "S":
        return complement(SPACE);
      case "p":
      case "P": {
        eat("{");
        let name = "";
        while (peek() !== "}") name += eat();
        eat("}");
        return propertySet(`\\${c}{${name}}`);
      }
      default:
        return single(String.fromCodePoint(escapedCode(c)));
    }
  };

  const escapedCode = (c: string): number => {
    const control = CONTROL_ESCAPES[c];
    if (control !== undefined) return control;
    if (c === "c") return (eat().codePointAt(0) ?? 0) % 32;
    if (c === "x") return Number.parseInt(eat() + eat(), 16);
    if (c === "u") {
      if (peek() === "{") {
        eat("{");
        let hex = "";
        while (peek() !== "}") hex += eat();
        eat("}");
        return Number.parseInt(hex, 16);
      }
      return Number.parseInt(eat() + eat() + eat() + eat(), 16);
    }
    return c.codePointAt(0) ?? 0;
  };

  const characterClass = (): CharSet => {
    const negated = peek() === "^";
    if (negated) eat("^");
    const parts: CharSet[] = [];
    while (peek() !== "]") {
      const from = classAtom();
      if (peek() === "-" && chars[i + 1] !== "]" && chars[i + 1] !== undefined) {
        eat("-");
        const to = classAtom();
        const lo = from[0]?.[0] ?? 0;
        const hi = to[0]?.[1] ?? lo;
        parts.push([[lo, hi]]);
      } else {
        parts.push(from);
      }
    }
    eat("]");
    const set = union(...parts);
    return negated ? complement(set) : set;
  };

  const classAtom = (): CharSet => {
    const c = eat();
    if (c !== "\\") return single(c);
    const e = eat();
    if (e === "b") return charSet([[0x08, 0x08]]);
    if (e === "-") return single("-");
    return escapedSet(e);
  };

  const root = alternation();
  if (i < chars.length) throw new RegexSyntaxError(`unbalanced ")" at ${i}`);
  return root;
}
