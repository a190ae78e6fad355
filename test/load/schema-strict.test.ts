import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { validateRules } from "../../src/entries/authoring.js";
import { type Issue, loadRules, RuleFileError } from "../../src/index.js";

// Issue 14, "schema mistakes that pass today": each was accepted (or reported at the top of
// `input` only) before input schemas were compiled in ajv's strict mode and rule files were
// decoded as strict UTF-8.

const MATTER_FILE = new URL(
  "../../rules/matters/individual-business.establishment/1.0.0.json",
  import.meta.url,
);
const pristine = () => JSON.parse(readFileSync(MATTER_FILE, "utf8"));

/** Writes a matter file into a scratch rules tree (with no catalogs: the bundled ones apply). */
function writeMatter(content: string | Uint8Array): { root: string; file: string } {
  const root = mkdtempSync(join(tmpdir(), "sa-strict-"));
  const dir = join(root, "matters", "individual-business.establishment");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "1.0.0.json"), content);
  return { root, file: join(dir, "1.0.0.json") };
}

/** 1-based line of the first occurrence of `needle` in `text`. */
const lineOf = (text: string, needle: string) =>
  text.slice(0, text.indexOf(needle)).split("\n").length;

const OPERATOR = "/input/data/properties/operator";

/** The located errors `validateRules` and `loadRules` both give for a matter file. */
async function errorsOf(content: string | Uint8Array): Promise<Issue[]> {
  const { root, file } = writeMatter(content);
  const issues = validateRules([file]).filter((i) => i.severity === "error");
  const thrown = await loadRules(root).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(thrown).toBeInstanceOf(RuleFileError);
  const loaded = (thrown as RuleFileError).issues.filter((i) => i.severity === "error");
  expect(loaded.map((i) => [i.code, i.pointer, i.line])).toEqual(
    issues.map((i) => [i.code, i.pointer, i.line]),
  );
  return issues;
}

describe("input schemas are compiled in ajv's strict mode", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("an unknown format is a located error, with nothing written to stderr", async () => {
    const warn = vi.spyOn(console, "warn");
    const write = vi.spyOn(process.stderr, "write");
    const m = pristine();
    m.input.data.properties.operator.properties.name.format = "dat";
    const text = JSON.stringify(m, null, 2);
    const issues = await errorsOf(text);
    expect(issues).toEqual([
      expect.objectContaining({
        code: "invalid-input-schema",
        pointer: `${OPERATOR}/properties/name/format`,
        line: lineOf(text, '"format": "dat"'),
        message: expect.stringContaining('unknown format "dat"'),
      }),
    ]);
    expect(warn).not.toHaveBeenCalled();
    expect(write).not.toHaveBeenCalled();
  });

  it("`required` naming a property the schema does not describe is an error at that name", async () => {
    const m = pristine();
    m.input.data.properties.operator.required.push("residnce");
    m.input.data.required.push("liasion");
    const text = JSON.stringify(m, null, 2);
    const issues = await errorsOf(text);
    expect(issues).toEqual([
      expect.objectContaining({
        code: "invalid-input-schema",
        pointer: "/input/data/required/5",
        line: lineOf(text, '"liasion"'),
        message: expect.stringContaining('"liasion"'),
      }),
      expect.objectContaining({
        code: "invalid-input-schema",
        pointer: `${OPERATOR}/required/3`,
        line: lineOf(text, '"residnce"'),
      }),
    ]);
  });

  it("what the meta-schema refuses, an unknown keyword and a dangling $ref are each at their keyword", async () => {
    const m = pristine();
    const name = m.input.data.properties.operator.properties.name;
    name.minLength = -1;
    m.input.data.properties.operator.properties.document.type = "objct";
    let text = JSON.stringify(m, null, 2);
    let issues = await errorsOf(text);
    expect(issues.map((i) => [i.pointer, i.line])).toEqual([
      [`${OPERATOR}/properties/name/minLength`, lineOf(text, '"minLength": -1')],
      [`${OPERATOR}/properties/document/type`, lineOf(text, '"type": "objct"')],
    ]);

    const again = pristine();
    again.input.data.properties.operator.properties.name.minLenght = 1;
    again.input.data.properties.contact = { $ref: "#/definitions/contact" };
    text = JSON.stringify(again, null, 2);
    issues = await errorsOf(text);
    expect(issues.map((i) => [i.code, i.pointer, i.line])).toEqual([
      [
        "invalid-input-schema",
        `${OPERATOR}/properties/name/minLenght`,
        lineOf(text, '"minLenght"'),
      ],
      ["invalid-input-schema", "/input/data/properties/contact/$ref", lineOf(text, '"$ref"')],
    ]);
  });

  it("accepts the annotations rule files use: title, description and the declared x- keywords", () => {
    const m = pristine();
    m.input.data.properties.operator.description = "经营者本人";
    const { file } = writeMatter(JSON.stringify(m, null, 2));
    expect(validateRules([file]).filter((i) => i.severity === "error")).toEqual([]);
  });
});

describe("rule files are read as strict UTF-8", () => {
  it("a byte that is not UTF-8 is an error at its line and column, not U+FFFD", async () => {
    const text = JSON.stringify(pristine(), null, 2);
    const at = text.indexOf("经营者姓名");
    // "经营者姓名" with its first character in GBK (0xBE 0xAD), as an editor set to GBK writes it.
    const bytes = Buffer.concat([
      Buffer.from(text.slice(0, at), "utf8"),
      Buffer.from([0xbe, 0xad]),
      Buffer.from(text.slice(at + 1), "utf8"),
    ]);
    const line = lineOf(text, "经营者姓名");
    const column = at - text.lastIndexOf("\n", at);
    const issues = await errorsOf(bytes);
    expect(issues).toEqual([
      expect.objectContaining({
        code: "not-utf8",
        line,
        column,
        message: expect.stringContaining("offset"),
      }),
    ]);
  });

  it("a leading byte order mark is not an error", () => {
    const { file } = writeMatter(`\uFEFF${JSON.stringify(pristine(), null, 2)}`);
    expect(validateRules([file]).filter((i) => i.severity === "error")).toEqual([]);
  });
});
