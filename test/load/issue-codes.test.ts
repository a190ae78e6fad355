import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { LINT_CODES } from "../../src/lint/codes.js";
import { RULE_FILE_ISSUE_CODES } from "../../src/load/issue-codes.js";

// One table of the codes of rule-file problems (src/load/issue-codes.ts), beside the lint's
// (src/lint/codes.ts). The emitters are typed by the table, but an issue can still be written
// as a literal `{ code: "…" }` or passed to the JSON layer's untyped `document.issue("…")`:
// this reads the sources of every folder that reports rule-file problems and finds each string
// used as a code, so that a new inline code fails here until it is in the table (and the guide).

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));
const DOC = readFileSync(new URL("../../docs/rule-authors.md", import.meta.url), "utf8");

/** The folders whose modules report rule-file problems (the lint's are in LINT_CODES). */
const FOLDERS = ["json", "calendar", "load", "node", "rule-set", "tester"];

/** What a code looks like: lower-case words joined by hyphens. */
const CODE_SHAPE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Functions (or methods) whose string arguments include an issue code. */
const EMITTERS = new Set(["error", "issue", "report", "ruleFileIssue", "unlocatedIssue"]);

interface Use {
  code: string;
  at: string;
}

/**
 * The strings used as issue codes in a module's text: the value of a `code:` property of an
 * object literal, a code-shaped string argument of an emitter (`error("unknown-law", …)`,
 * `document.issue("misplaced-file", …)`), and the values of a map typed by RuleFileIssueCode.
 * Conditionals and `satisfies` / `as` are looked through. A code in src/calendar is reported by
 * the loader as `calendar-<code>`, and is returned so.
 */
function codeUses(text: string, file: string): Use[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const calendar = file.startsWith("calendar/");
  const uses: Use[] = [];
  const add = (node: ts.Node, code: string) => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    uses.push({ code: calendar ? `calendar-${code}` : code, at: `${file}:${line + 1}` });
  };
  const strings = (node: ts.Expression | undefined, shaped: boolean): void => {
    if (node === undefined) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (!shaped || CODE_SHAPE.test(node.text)) add(node, node.text);
    } else if (
      ts.isParenthesizedExpression(node) ||
      ts.isSatisfiesExpression(node) ||
      ts.isAsExpression(node)
    ) {
      strings(node.expression, shaped);
    } else if (ts.isConditionalExpression(node)) {
      strings(node.whenTrue, shaped);
      strings(node.whenFalse, shaped);
    }
  };
  const visit = (node: ts.Node): void => {
    if (
      ts.isPropertyAssignment(node) &&
      ts.isObjectLiteralExpression(node.parent) &&
      node.name.getText(source) === "code"
    ) {
      strings(node.initializer, false);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee)
        ? callee.text
        : ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : "";
      if (EMITTERS.has(name)) for (const argument of node.arguments) strings(argument, true);
    } else if (
      ts.isVariableDeclaration(node) &&
      node.type?.getText(source).includes("RuleFileIssueCode") &&
      node.initializer !== undefined &&
      ts.isObjectLiteralExpression(node.initializer)
    ) {
      for (const property of node.initializer.properties) {
        if (ts.isPropertyAssignment(property)) strings(property.initializer, false);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return uses;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

const uses = FOLDERS.flatMap((folder) =>
  tsFiles(join(SRC, folder)).flatMap((path) =>
    codeUses(readFileSync(path, "utf8"), relative(SRC, path).replaceAll("\\", "/")),
  ),
);

/** The rows of the table of rule-file issue codes in docs/rule-authors.md, as the table says. */
function docRows(): string {
  return Object.entries(RULE_FILE_ISSUE_CODES)
    .map(([code, { severity, summary }]) => `| \`${code}\` | ${severity} | ${summary} |`)
    .join("\n");
}

describe("the table of rule-file issue codes", () => {
  it("has every code the sources use (a new inline code fails here)", () => {
    const unknown = uses.filter((u) => !Object.hasOwn(RULE_FILE_ISSUE_CODES, u.code));
    expect(unknown.map((u) => `${u.at}: ${u.code}`)).toEqual([]);
  });

  it("has no code the sources never use", () => {
    const used = new Set(uses.map((u) => u.code));
    expect(Object.keys(RULE_FILE_ISSUE_CODES).filter((code) => !used.has(code))).toEqual([]);
  });

  it("finds the codes where they are written (a scan that found nothing would pass)", () => {
    const where = (code: string) => uses.filter((u) => u.code === code).map((u) => u.at);
    expect(where("not-utf8")).toEqual([expect.stringMatching(/^load\/decode-rule-file\.ts:/)]);
    expect(where("json-syntax")).toEqual([expect.stringMatching(/^json\/json-document\.ts:/)]);
    expect(where("calendar-duplicate-date")).toEqual([
      expect.stringMatching(/^calendar\/check-calendar-file\.ts:/),
    ]);
    expect(where("schema-invalid-type")).toEqual([
      expect.stringMatching(/^load\/schema-issues\.ts:/),
    ]);
    expect(where("unknown-referral-code").length).toBe(4);
    expect(new Set(uses.map((u) => u.code)).size).toBe(Object.keys(RULE_FILE_ISSUE_CODES).length);
  });

  it("would catch a code written inline in any of the ways codes are written", () => {
    const planted = [
      'issues.push(document.issue("planted-one", "a message", "/x"));',
      'error(\n  "planted-two",\n  `a message`,\n  ["standards", 0],\n);',
      'issues.push({ code: "planted-three", severity: "error", message, file });',
      'return { code: flag ? "planted-four" : "planted-five", message };',
      'const c = { code: "planted-six" satisfies JsonIssueCode };',
      'ruleFileIssue(document, "planted-seven", "a message", "");',
    ].join("\n");
    expect(codeUses(planted, "load/planted.ts").map((u) => u.code)).toEqual([
      "planted-one",
      "planted-two",
      "planted-three",
      "planted-four",
      "planted-five",
      "planted-six",
      "planted-seven",
    ]);
    expect(
      codeUses('const issue = { code: "schema" };', "calendar/x.ts").map((u) => u.code),
    ).toEqual(["calendar-schema"]);
  });

  it("is disjoint from the lint's: a code says which check found the problem", () => {
    const both = Object.keys(LINT_CODES).filter((code) =>
      Object.hasOwn(RULE_FILE_ISSUE_CODES, code),
    );
    expect(both).toEqual([]);
  });

  it("gives every code a severity and a one-line summary", () => {
    for (const [code, { severity, summary }] of Object.entries(RULE_FILE_ISSUE_CODES)) {
      expect(code).toMatch(CODE_SHAPE);
      expect(["error", "warning"]).toContain(severity);
      expect(summary, code).toMatch(/^[^\n|]{10,140}$/);
      expect(summary, code).not.toMatch(/\.$/);
    }
  });
});

describe("docs/rule-authors.md", () => {
  it("lists every rule-file issue code, as the table says (paste the expected rows if not)", () => {
    const match =
      /<!-- rule-file-issue-codes -->\n\| code \| severity \| problem \|\n\|---\|---\|---\|\n((?:\|.*\|\n?)*)/.exec(
        DOC,
      );
    expect(match?.[1]?.trimEnd()).toBe(docRows());
  });

  it("lists every lint code with its severity", () => {
    for (const [code, { severity }] of Object.entries(LINT_CODES)) {
      expect(DOC).toContain(`| \`${code}\` | ${severity} |`);
    }
  });
});
