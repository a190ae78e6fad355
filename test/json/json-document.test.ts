// The rule-file parser reads sound files with the native JSON.parse and parses positions only
// when one is asked for; these tests hold both paths to the same answers.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fc, test as propertyTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { parseJsonDocument } from "../../src/json/json-document.js";
import { ROOT } from "../helpers.js";

function parsed(text: string) {
  const result = parseJsonDocument(text, "f.json");
  if (!result.ok) throw new Error(`not parsed: ${JSON.stringify(result.issues)}`);
  return result;
}

describe("parseJsonDocument", () => {
  it("locates pointers in a sound file, parsing positions only when asked", () => {
    const { document, issues } = parsed('{\n  "a": [1, {"b\\"c": true}],\n  "d": null\n}');
    expect(issues).toEqual([]);
    expect(document.value).toEqual({ a: [1, { 'b"c': true }], d: null });
    expect(document.locate('/a/1/b"c')).toEqual({ line: 2, column: 21 });
    expect(document.locate("/d")).toEqual({ line: 3, column: 8 });
    // A pointer that goes nowhere is placed at its closest existing ancestor.
    expect(document.locate("/a/7")).toEqual({ line: 2, column: 8 });
    expect(document.issue("x", "m", "/d")).toMatchObject({ file: "f.json", line: 3, column: 8 });
  });

  it("reports every duplicate key, even nested in arrays, where the native parser merges them", () => {
    const { document, issues } = parsed('{"a": 1, "c": [{"d": 2, "d": 3}], "a": 4}');
    expect(issues.map((i) => [i.code, i.pointer, i.line, i.column])).toEqual([
      ["duplicate-key", "/c/0/d", 1, 25],
      ["duplicate-key", "/a", 1, 35],
    ]);
    // The first of the duplicates is kept, as before the native fast path.
    expect(document.value).toEqual({ a: 1, c: [{ d: 2 }] });
  });

  it("reports prototype keys at any depth and leaves them out", () => {
    const { document, issues } = parsed(
      '[{"x": {"__proto__": {"polluted": 1}, "constructor": 2}}]',
    );
    expect(issues.map((i) => [i.code, i.pointer])).toEqual([
      ["forbidden-key", "/0/x/__proto__"],
      ["forbidden-key", "/0/x/constructor"],
    ]);
    expect(document.value).toEqual([{ x: {} }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("reports a syntax error with its line and column", () => {
    const result = parseJsonDocument('{\n  "a": [1,]\n}', "f.json");
    expect(result.ok).toBe(false);
    expect(result.issues).toMatchObject([{ code: "json-syntax", line: 2, column: 11 }]);
  });

  propertyTest.prop([fc.jsonValue({ maxDepth: 6 }), fc.boolean()], { numRuns: 300 })(
    "gives the value JSON.parse gives, and each key's position as the positional parser does",
    (value, pretty) => {
      const text = JSON.stringify(value, null, pretty ? 2 : undefined);
      const { document, issues } = parsed(text);
      const hasForbidden = /"(__proto__|constructor|prototype)":/.test(text);
      if (!hasForbidden) {
        expect(issues).toEqual([]);
        expect(document.value).toEqual(JSON.parse(text));
      }
      if (typeof value === "object" && value !== null && !Array.isArray(value)) {
        for (const key of Object.keys(value)) {
          const pointer = `/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`;
          // The one-pass outline and the positional parser place every key's value alike.
          const position = document.locate(pointer);
          expect(position.line).toBeGreaterThanOrEqual(1);
          expect(document.outline().locate(pointer), pointer).toEqual(position);
        }
      }
    },
  );

  it("outlines the top two levels of every bundled rule file where the full parse places them", () => {
    const files = readdirSync(join(ROOT, "rules"), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".json"))
      .map((f) => join(ROOT, "rules", f));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const { document } = parsed(readFileSync(file, "utf8"));
      const outline = document.outline();
      const pointers = [""];
      const value = document.value as Record<string, unknown>;
      for (const [key, child] of Object.entries(value)) {
        pointers.push(`/${key}`, `/${key}/0`, `/${key}/0/deeper`);
        if (typeof child === "object" && child !== null && !Array.isArray(child)) {
          for (const inner of Object.keys(child)) pointers.push(`/${key}/${inner}/x`);
        }
      }
      for (const pointer of pointers) {
        // Beyond two levels the outline gives the closest ancestor it knows.
        const known = pointer.split("/").length <= 3 && !/\/\d+/.test(pointer);
        const expected = known ? document.locate(pointer) : undefined;
        if (expected) expect(outline.locate(pointer), `${file} ${pointer}`).toEqual(expected);
      }
      for (const [key, child] of Object.entries(value)) {
        if (typeof child !== "object" || child === null || Array.isArray(child)) continue;
        for (const inner of Object.keys(child)) {
          expect(outline.locate(`/${key}/${inner}/x/y`)).toEqual(
            document.locate(`/${key}/${inner}`),
          );
        }
      }
    }
  });

  it("outlines keys beside non-ASCII text, after escapes and on CRLF lines as the full parse does", () => {
    const text = '{\r\n  "title": {"zh-CN": "个体\\"户", "en": "x"},\r\n  "a\\u0062": 1\r\n}';
    const { document } = parsed(text);
    for (const pointer of ["", "/title", "/title/zh-CN", "/title/en", "/ab"]) {
      expect(document.outline().locate(pointer), pointer).toEqual(document.locate(pointer));
    }
  });
});
