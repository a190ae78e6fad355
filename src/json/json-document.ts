import { type AnyNode, parse, type ValueNode } from "@humanwhocodes/momoa";
import { isForbiddenKey } from "../model/forbidden-key.js";
import type { Issue } from "../model/issue.js";
import { encodePointerSegment, pointerSegments } from "./json-pointer.js";
import { locator } from "./locator.js";

/** What can say where a JSON pointer sits in a file's source text. */
export interface SourceLocator {
  readonly file: string;
  /** 1-based line and column of the node at `pointer`, or of its closest existing ancestor. */
  locate(pointer: string): { line: number; column: number };
  /** An issue located at `pointer`. */
  issue(code: string, message: string, pointer: string, severity?: Issue["severity"]): Issue;
}

/** A parsed JSON file that can say where any JSON pointer sits in the source text. */
export interface JsonDocument extends SourceLocator {
  readonly value: unknown;
  /**
   * A locator that keeps neither the text nor the value: it knows where the values of the top
   * two levels of objects are (`/version`, `/effective/until`) and places any deeper pointer
   * at the closest of those. For issues found across files, after each file has been checked
   * on its own and let go.
   */
  outline(): SourceLocator;
}

/**
 * The codes of the problems found here, before any schema: the loader's table of rule-file
 * issue codes (src/load/issue-codes.ts, a floor up) is typed by them.
 */
export type JsonIssueCode =
  | "file-too-large"
  | "too-deep"
  | "json-syntax"
  | "duplicate-key"
  | "forbidden-key";

export type ParseResult =
  | { ok: true; document: JsonDocument; issues: Issue[] }
  | { ok: false; issues: Issue[] };

/**
 * Bounds on a rule file, checked before it is parsed (see SECURITY.md). The bundled files are
 * at most 70 KB and 11 levels deep; the positional parser keeps a node with its position for
 * every token (about 70 bytes of memory per byte of text), and it and the schema validators
 * recurse once per level, so a 50 MB or 10,000-level file would exhaust memory or the stack.
 */
export const RULE_FILE_LIMITS = {
  /** Characters (UTF-16 code units) in one file. */
  maxCharacters: 4_000_000,
  /** Objects and arrays nested inside one another. */
  maxDepth: 64,
} as const;

/**
 * Parses JSON text keeping source positions. A syntax error is returned as an issue with its
 * line and column; prototype keys (`__proto__`, `constructor`, `prototype`) and duplicate keys
 * are reported (all of them) and left out of the value, so nothing downstream ever sees them.
 * A file beyond `RULE_FILE_LIMITS` is refused before parsing (`file-too-large`, `too-deep`).
 *
 * Most files are sound, and positions are needed only to report an issue: a sound file is read
 * with the native `JSON.parse`, and the positional parse is done when a position is first
 * asked for. A file the native parser rejects, or whose keys it would merge (a duplicate) or
 * that has a prototype key, takes the positional parse at once, which reports every problem.
 *
 * @example
 * const result = parseJsonDocument('{"a": 1}', "rules/x.json");
 * if (result.ok) result.document.locate("/a"); // { line: 1, column: 7 }
 */
export function parseJsonDocument(text: string, file: string): ParseResult {
  if (text.length > RULE_FILE_LIMITS.maxCharacters) {
    const message = `the file has ${text.length} characters; at most ${RULE_FILE_LIMITS.maxCharacters} are allowed`;
    return {
      ok: false,
      issues: [
        {
          code: "file-too-large" satisfies JsonIssueCode,
          severity: "error",
          message,
          file,
          pointer: "",
          line: 1,
          column: 1,
        },
      ],
    };
  }
  const scan = scanStructure(text, RULE_FILE_LIMITS.maxDepth);
  if (scan.tooDeep !== undefined) {
    const message = `objects and arrays are nested more than ${RULE_FILE_LIMITS.maxDepth} levels deep here`;
    return {
      ok: false,
      issues: [
        {
          code: "too-deep" satisfies JsonIssueCode,
          severity: "error",
          message,
          file,
          ...scan.tooDeep,
        },
      ],
    };
  }
  const value = nativeParse(text);
  if (value !== undefined && soundKeys(value.parsed) === scan.keys) {
    let root: ValueNode | undefined;
    return {
      ok: true,
      document: document(
        file,
        value.parsed,
        (pointer) => {
          root ??= parse(text, { mode: "json", ranges: false }).body;
          return locateNode(root, pointer);
        },
        scan.outline,
      ),
      issues: [],
    };
  }
  return positionalParse(text, file, scan.outline);
}

/** The positional parse: every syntax, duplicate-key and prototype-key problem, located. */
function positionalParse(text: string, file: string, outline: Outline): ParseResult {
  let root: ValueNode;
  try {
    root = parse(text, { mode: "json", ranges: false }).body;
  } catch (error) {
    const truncated = truncation(text);
    const {
      line = 1,
      column = 1,
      message,
    } = truncated ?? (error as { line?: number; column?: number; message: string });
    return {
      ok: false,
      issues: [
        {
          code: "json-syntax" satisfies JsonIssueCode,
          severity: "error",
          message,
          file,
          pointer: "",
          line,
          column,
        },
      ],
    };
  }
  const issues: Issue[] = [];
  const value = toValue(root, "", file, issues);
  return {
    ok: true,
    document: document(file, value, (pointer) => locateNode(root, pointer), outline),
    issues,
  };
}

export type Position = { line: number; column: number };

/** Where the values of the top two levels of objects start, by JSON pointer. */
type Outline = Map<string, Position>;

function document(
  file: string,
  value: unknown,
  locate: (pointer: string) => Position,
  outline: Outline,
): JsonDocument {
  return {
    ...locator(file, locate),
    value,
    outline: () => locator(file, (pointer) => outlinePosition(outline, pointer)),
  };
}

function outlinePosition(outline: Outline, pointer: string): Position {
  for (let at = pointer; ; at = at.slice(0, at.lastIndexOf("/"))) {
    const found = outline.get(at);
    if (found !== undefined || at === "") return found ?? { line: 1, column: 1 };
  }
}

function nativeParse(text: string): { parsed: unknown } | undefined {
  try {
    return { parsed: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/**
 * The number of keys in a parsed value, or -1 when one is a prototype key. The native parser
 * keeps the last of duplicate keys, so a value with fewer keys than the text has had some
 * merged. (Its depth was bounded by the scan of the text, so the recursion is too.)
 */
function soundKeys(value: unknown): number {
  if (typeof value !== "object" || value === null) return 0;
  let keys = 0;
  if (Array.isArray(value)) {
    for (const element of value) {
      const inner = soundKeys(element);
      if (inner < 0) return -1;
      keys += inner;
    }
    return keys;
  }
  for (const key in value) {
    if (isForbiddenKey(key)) return -1;
    const inner = soundKeys((value as Record<string, unknown>)[key]);
    if (inner < 0) return -1;
    keys += inner + 1;
  }
  return keys;
}

function toValue(node: AnyNode, pointer: string, file: string, issues: Issue[]): unknown {
  switch (node.type) {
    case "Object": {
      const object: Record<string, unknown> = {};
      const seen = new Set<string>();
      for (const member of node.members) {
        const key = member.name.type === "String" ? member.name.value : member.name.name;
        const at = `${pointer}/${encodePointerSegment(key)}`;
        const { line, column } = member.name.loc.start;
        if (isForbiddenKey(key)) {
          issues.push({
            code: "forbidden-key" satisfies JsonIssueCode,
            severity: "error",
            file,
            pointer: at,
            line,
            column,
            message: `the key "${key}" is not allowed: it could reach the object prototype`,
          });
          continue;
        }
        if (seen.has(key)) {
          issues.push({
            code: "duplicate-key" satisfies JsonIssueCode,
            severity: "error",
            file,
            pointer: at,
            line,
            column,
            message: `the key "${key}" appears more than once in this object`,
          });
          continue;
        }
        seen.add(key);
        object[key] = toValue(member.value, at, file, issues);
      }
      return object;
    }
    case "Array":
      return node.elements.map((element, index) =>
        toValue(element.value, `${pointer}/${index}`, file, issues),
      );
    case "String":
    case "Number":
    case "Boolean":
      return node.value;
    case "Null":
      return null;
    default:
      return undefined;
  }
}

function locateNode(root: ValueNode, pointer: string): { line: number; column: number } {
  let node: AnyNode = root;
  for (const segment of pointerSegments(pointer)) {
    let next: AnyNode | undefined;
    if (node.type === "Object") {
      next = node.members.find(
        (m) => (m.name.type === "String" ? m.name.value : m.name.name) === segment,
      )?.value;
    } else if (node.type === "Array") {
      next = node.elements[Number(segment)]?.value;
    }
    if (next === undefined) break;
    node = next;
  }
  return { line: node.loc.start.line, column: node.loc.start.column };
}

/**
 * One pass over the characters, without recursion and building nothing but a stack of open
 * containers: the number of object keys in the text, where the values of the top two levels
 * of objects start (the outline), and where the text first nests objects and arrays more than
 * `maxDepth` levels deep, if it does (following strings, keys and array indexes well enough
 * to give the JSON pointer, line and column). Text that is not JSON is left to the parser.
 */
function scanStructure(
  text: string,
  maxDepth: number,
): { keys: number; outline: Outline; tooDeep?: { pointer: string } & Position } {
  // One frame per open container: where the key of the child being read is, or its index;
  // `pointer` for the objects whose values go into the outline.
  const frames: Array<{
    array: boolean;
    keyStart: number;
    keyEnd: number;
    index: number;
    expectKey: boolean;
    pointer: string | undefined;
  }> = [];
  const outline: Outline = new Map();
  // The pointer of the value that starts at the next character other than white space.
  let pending: string | undefined = "";
  let keys = 0;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      line++;
      lineStart = i + 1;
      continue;
    }
    if (c === 0x20 || c === 0x09 || c === 0x0d) continue;
    const starting = pending;
    if (pending !== undefined) {
      outline.set(pending, { line, column: i - lineStart + 1 });
      pending = undefined;
    }
    if (c === 0x22) {
      const start = i;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22 || d === 0x0a) break;
      }
      const top = frames.at(-1);
      if (top && !top.array && top.expectKey) {
        keys++;
        top.keyStart = start;
        top.keyEnd = i + 1;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (frames.length >= maxDepth) {
        const pointer = frames
          .map(
            (f) =>
              `/${encodePointerSegment(f.array ? f.index : decodeString(text.slice(f.keyStart, f.keyEnd)))}`,
          )
          .join("");
        return { keys, outline, tooDeep: { pointer, line, column: i - lineStart + 1 } };
      }
      frames.push({
        array: c === 0x5b,
        keyStart: 0,
        keyEnd: 0,
        index: 0,
        expectKey: c === 0x7b,
        pointer: c === 0x7b && frames.length < 2 ? starting : undefined,
      });
    } else if (c === 0x7d || c === 0x5d) {
      frames.pop();
    } else if (c === 0x2c) {
      const top = frames.at(-1);
      if (top?.array) top.index++;
      else if (top) top.expectKey = true;
    } else if (c === 0x3a) {
      const top = frames.at(-1);
      if (top && !top.array) {
        top.expectKey = false;
        if (top.pointer !== undefined) {
          const key = decodeString(text.slice(top.keyStart, top.keyEnd));
          pending = `${top.pointer}/${encodePointerSegment(key)}`;
        }
      }
    }
  }
  return { keys, outline };
}

function decodeString(literal: string): string {
  try {
    return String(JSON.parse(literal));
  } catch {
    return literal.slice(1, -1);
  }
}

/**
 * When the text is JSON cut short (a file truncated in transfer or by a full disk), where it
 * ends and what is left open: the parser alone reports some of these at 1:1. It is truncated
 * when closing what is open makes it parse, or makes it fail no earlier than the added closers.
 */
function truncation(text: string): (Position & { message: string }) | undefined {
  const open: string[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") open.push("}");
    else if (c === "[") open.push("]");
    else if (c === "}" || c === "]") open.pop();
  }
  if (open.length === 0 && !inString) return undefined;
  const end = text.trimEnd().length;
  try {
    parse(`${text}${inString ? '"' : ""}${open.reverse().join("")}`, {
      mode: "json",
      ranges: false,
    });
  } catch (error) {
    const offset = (error as { offset?: number }).offset;
    if (offset === undefined || offset < end) return undefined;
  }
  const before = text.slice(0, end);
  const lineStart = before.lastIndexOf("\n") + 1;
  const what = [
    ...(inString ? ["a string"] : []),
    ...(open.length > 0 ? [`${open.length} object(s) or array(s)`] : []),
  ].join(" and ");
  return {
    line: before.split("\n").length,
    column: end - lineStart + 1,
    message: `the file ends before its JSON does (truncated?): ${what} not closed`,
  };
}
