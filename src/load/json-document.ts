import { type AnyNode, parse, type ValueNode } from "@humanwhocodes/momoa";
import { isForbiddenKey } from "../model/common.js";
import type { Issue } from "../model/issue.js";
import { encodePointerSegment, pointerSegments } from "../model/json-pointer.js";

/** A parsed JSON file that can say where any JSON pointer sits in the source text. */
export interface JsonDocument {
  readonly file: string;
  readonly value: unknown;
  /** 1-based line and column of the node at `pointer`, or of its closest existing ancestor. */
  locate(pointer: string): { line: number; column: number };
  /** An issue located at `pointer`. */
  issue(code: string, message: string, pointer: string, severity?: Issue["severity"]): Issue;
}

export type ParseResult =
  | { ok: true; document: JsonDocument; issues: Issue[] }
  | { ok: false; issues: Issue[] };

/**
 * Bounds on a rule file, checked before it is parsed (see SECURITY.md). The bundled files are
 * at most 70 KB and 11 levels deep; the parser keeps a node with its position for every token
 * (about 70 bytes of memory per byte of text), and it and the schema validators recurse once
 * per level, so a 50 MB or 10,000-level file would exhaust memory or the stack.
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
          code: "file-too-large",
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
  const deep = tooDeep(text, RULE_FILE_LIMITS.maxDepth);
  if (deep !== undefined) {
    const message = `objects and arrays are nested more than ${RULE_FILE_LIMITS.maxDepth} levels deep here`;
    return { ok: false, issues: [{ code: "too-deep", severity: "error", message, file, ...deep }] };
  }
  let root: ValueNode;
  try {
    root = parse(text, { mode: "json", ranges: false }).body;
  } catch (error) {
    const {
      line = 1,
      column = 1,
      message,
    } = error as { line?: number; column?: number; message: string };
    return {
      ok: false,
      issues: [
        { code: "json-syntax", severity: "error", message, file, pointer: "", line, column },
      ],
    };
  }
  const issues: Issue[] = [];
  const value = toValue(root, "", file, issues);
  const locate = (pointer: string) => locateNode(root, pointer);
  const document: JsonDocument = {
    file,
    value,
    locate,
    issue: (code, message, pointer, severity = "error") => ({
      code,
      severity,
      message,
      file,
      pointer,
      ...locate(pointer),
    }),
  };
  return { ok: true, document, issues };
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
            code: "forbidden-key",
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
            code: "duplicate-key",
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
 * Where the text first nests objects and arrays more than `maxDepth` levels deep: a single
 * pass over the characters, without recursion and without building anything, that follows
 * strings, keys and array indexes well enough to give the JSON pointer, line and column. Text
 * that is not JSON is left to the parser to report.
 */
function tooDeep(
  text: string,
  maxDepth: number,
): { pointer: string; line: number; column: number } | undefined {
  // One frame per open container: the key or index of the child being read.
  const frames: Array<{ array: boolean; key: string; index: number; expectKey: boolean }> = [];
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      line++;
      lineStart = i + 1;
    } else if (c === 0x22) {
      const start = i;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22 || d === 0x0a) break;
      }
      const top = frames.at(-1);
      if (top && !top.array && top.expectKey) top.key = decodeString(text.slice(start, i + 1));
    } else if (c === 0x7b || c === 0x5b) {
      if (frames.length >= maxDepth) {
        const pointer = frames
          .map((f) => `/${encodePointerSegment(f.array ? f.index : f.key)}`)
          .join("");
        return { pointer, line, column: i - lineStart + 1 };
      }
      frames.push({ array: c === 0x5b, key: "", index: 0, expectKey: c === 0x7b });
    } else if (c === 0x7d || c === 0x5d) {
      frames.pop();
    } else if (c === 0x2c) {
      const top = frames.at(-1);
      if (top?.array) top.index++;
      else if (top) top.expectKey = true;
    } else if (c === 0x3a) {
      const top = frames.at(-1);
      if (top && !top.array) top.expectKey = false;
    }
  }
  return undefined;
}

function decodeString(literal: string): string {
  try {
    return String(JSON.parse(literal));
  } catch {
    return literal.slice(1, -1);
  }
}
