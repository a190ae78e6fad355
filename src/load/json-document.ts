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
 * Parses JSON text keeping source positions. A syntax error is returned as an issue with its
 * line and column; prototype keys (`__proto__`, `constructor`, `prototype`) and duplicate keys
 * are reported (all of them) and left out of the value, so nothing downstream ever sees them.
 *
 * @example
 * const result = parseJsonDocument('{"a": 1}', "rules/x.json");
 * if (result.ok) result.document.locate("/a"); // { line: 1, column: 7 }
 */
export function parseJsonDocument(text: string, file: string): ParseResult {
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
