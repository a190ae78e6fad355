import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateRules } from "../../src/entries/authoring.js";
import { loadRules } from "../../src/index.js";
import { LINT_CODES } from "../../src/lint/codes.js";
import { OPERATORS } from "../../src/model/condition.js";
import { writeRules } from "./planted.js";

const DOC = readFileSync(new URL("../../docs/rule-authors.md", import.meta.url), "utf8");

/** The JSON code block right after an HTML comment marker in the guide. */
function block(marker: string): Record<string, unknown> {
  const match = new RegExp(`<!-- ${marker} -->\\n\`\`\`json\\n([\\s\\S]*?)\\n\`\`\``).exec(DOC);
  if (!match?.[1]) throw new Error(`no ${marker} block in docs/rule-authors.md`);
  return JSON.parse(match[1]);
}

describe("docs/rule-authors.md", () => {
  it("shows a complete matter file that validates without any issue", () => {
    const { files } = writeRules(block("example-matter"));
    expect(validateRules(files.map((f) => f.path))).toEqual([]);
  });

  it("shows an application that the example matter approves", async () => {
    const { root } = writeRules(block("example-matter"));
    const decision = await (await loadRules(root)).decide(block("example-application"), {
      replay: true,
    });
    expect(decision.outcome).toBe("approve");
  });

  it("documents every operator", () => {
    for (const operator of OPERATORS) expect(DOC).toContain(`| \`${operator}\` |`);
  });

  it("documents every lint code with its severity", () => {
    for (const [code, { severity }] of Object.entries(LINT_CODES)) {
      expect(DOC).toContain(`| \`${code}\` | ${severity} |`);
    }
  });
});
