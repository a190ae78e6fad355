// Issue 11 class 4: catalogs are rule files too. Planted defects in a copy of the bundled
// catalogs — a duplicate id, a flag of the wrong type or left out, a law or entry that does not
// exist — are refused with located issues (file, JSON pointer, line:column), all of them, by
// `validateRules`, `loadRules` and bundles alike.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BUNDLED_RULES_DIR, validateRules } from "../../src/entries/authoring.js";
import { type Issue, loadRules, RuleFileError } from "../../src/index.js";
import { decodeRulesBundle } from "../../src/load/rules-bundle.js";
import { buildRulesBundle } from "../../src/node/load-rules.js";
import { nodeSha256 } from "../../src/node/rule-files.js";
import type { Json } from "../properties/support.js";

const scratch = mkdtempSync(join(tmpdir(), "sa-catalogs-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A full copy of the bundled rules, with one catalog changed by `edit`. */
function rulesWith(catalog: string, edit: (json: Json) => void): { dir: string; file: string } {
  const dir = mkdtempSync(join(scratch, "rules-"));
  cpSync(BUNDLED_RULES_DIR, dir, { recursive: true });
  const file = join(dir, "catalogs", `${catalog}.json`);
  const json = JSON.parse(readFileSync(file, "utf8"));
  edit(json);
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  return { dir, file };
}

/** The error issues of a rules directory: loadRules refuses it, validateRules lists the same. */
async function refused(dir: string): Promise<Issue[]> {
  const error = await loadRules(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RuleFileError);
  const issues = (error as RuleFileError).issues.filter((i) => i.severity === "error");
  const validated = validateRules([dir]).filter((i) => i.severity === "error");
  expect(validated.map(key)).toEqual(issues.map(key));
  for (const issue of issues) {
    expect(issue.line, JSON.stringify(issue)).toBeGreaterThan(0);
    expect(issue.column, JSON.stringify(issue)).toBeGreaterThan(0);
  }
  return issues;
}

function key(i: Issue): string {
  return `${i.code} ${i.pointer} ${i.line}:${i.column}`;
}

function entryIndex(json: Json, id: string): number {
  return (json.entries as Json[]).findIndex((e) => e.id === id);
}

describe("catalogs are checked as rule files", () => {
  it("the bundled catalogs have no issue at all", () => {
    expect(validateRules([BUNDLED_RULES_DIR])).toEqual([]);
  });

  it("a pasted duplicate that clears preApproval is refused, not read as the later entry", async () => {
    // hazardous-chemicals is a 登记前须经批准 item (条例 art 14(1)): without the duplicate check,
    // a copy with preApproval false pasted after it would win and clear the pre-approval.
    let at = -1;
    const { dir, file } = rulesWith("business-scope", (json) => {
      at = entryIndex(json, "hazardous-chemicals");
      const copy = structuredClone(json.entries[at]);
      copy.preApproval = false;
      copy.licensed = false;
      json.entries.push(copy);
    });
    const issues = await refused(dir);
    const pasted = issues.find((i) => i.code === "duplicate-id");
    expect(pasted).toMatchObject({
      file: expect.stringContaining("business-scope.json"),
      pointer: "/entries/59/id",
    });
    expect(pasted?.message).toContain(`entries[${at}]`);
    // The line is that of the pasted entry's id in the file as written.
    const lines = readFileSync(file, "utf8").split("\n");
    expect(lines[(pasted?.line ?? 0) - 1]).toContain('"id": "hazardous-chemicals"');
  });

  it("a flag written as a string, or left out, is refused: a look-up would read it as not set", async () => {
    const { dir } = rulesWith("business-scope", (json) => {
      json.entries[entryIndex(json, "hazardous-chemicals")].preApproval = "true";
      delete json.entries[entryIndex(json, "security-services")].preApproval;
      json.entries[entryIndex(json, "daily-goods-sales")].licensed = 0;
    });
    const issues = await refused(dir);
    expect(issues.map((i) => [i.code, i.pointer])).toEqual([
      ["catalog-field-type", "/entries/0/licensed"],
      ["catalog-field-type", "/entries/57/preApproval"],
      ["catalog-flag-missing", "/entries/58"],
    ]);
    expect(issues[1]?.message).toContain('"preApproval" is a flag');
  });

  it("a field of another type than in the other entries is refused", async () => {
    const { dir } = rulesWith("name-lexicon", (json) => {
      json.entries[3].category = ["art11-1"];
    });
    const issues = await refused(dir);
    expect(issues.map((i) => [i.code, i.pointer])).toEqual([
      ["catalog-field-type", "/entries/3/category"],
    ]);
  });

  it("a basis citing a law that does not exist, or malformed, is refused", async () => {
    const { dir } = rulesWith("business-scope", (json) => {
      json.entries[2].basis[0].ref = "no-such-law";
      json.entries[4].basis = [{ ref: "market-entity-regulation", articles: [] }];
    });
    const issues = await refused(dir);
    expect(issues.map((i) => [i.code, i.pointer])).toEqual([
      ["invalid-basis", "/entries/4/basis/0"],
      ["unknown-law", "/entries/2/basis/0/ref"],
    ]);
  });

  it("a parent that is not an entry, or leads round in a circle, is refused", async () => {
    const { dir } = rulesWith("administrative-divisions", (json) => {
      json.entries[entryIndex(json, "440305")].parent = "449999";
      json.entries[entryIndex(json, "440300")].parent = "440100";
      json.entries[entryIndex(json, "440100")].parent = "440300";
    });
    const issues = await refused(dir);
    const codes = issues.map((i) => i.code).sort();
    expect(codes).toEqual(["reference-cycle", "reference-cycle", "unknown-reference"]);
    expect(issues.find((i) => i.code === "unknown-reference")?.message).toContain('"449999"');
  });

  it("a references declaration naming no catalog or no field is refused", async () => {
    const { dir } = rulesWith("industry-terms", (json) => {
      json.references = { scope: "no-such-catalog" };
    });
    const issues = await refused(dir);
    expect(issues.map((i) => [i.code, i.pointer])).toEqual([
      ["unknown-reference-field", "/references/scope"],
      ["unknown-catalog", "/references/scope"],
    ]);
  });

  it("characterSets must name a text field the entries have", async () => {
    const { dir } = rulesWith("standard-characters", (json) => {
      json.characterSets = ["characters", "no-such-field", "level"];
    });
    const issues = await refused(dir);
    expect(issues.map((i) => [i.code, i.pointer])).toEqual([
      ["character-set-field", "/characterSets/1"],
      ["character-set-field", "/characterSets/2"],
    ]);
  });

  it("a reference to another catalog must name its entries", async () => {
    const { dir } = rulesWith("industry-terms", (json) => {
      json.references = { scope: "business-scope" };
      json.entries[0].scope = ["daily-goods-sales", "no-such-entry"];
      json.entries[1].scope = ["daily-goods-sales"];
    });
    const issues = await refused(dir);
    expect(issues.map((i) => [i.code, i.pointer])).toEqual([
      ["unknown-reference", "/entries/0/scope/1"],
    ]);
  });

  it("two files with the same catalog name are refused: only one would be used", async () => {
    const { dir } = rulesWith("business-scope", () => {});
    const text = readFileSync(join(dir, "catalogs", "business-scope.json"), "utf8");
    writeFileSync(join(dir, "catalogs", "business-scope-extra.json"), text);
    const issues = await refused(dir);
    expect(issues.map((i) => [i.code, i.pointer])).toEqual([["duplicate-catalog", "/catalog"]]);
  });

  it("reports every defect at once, across catalogs", async () => {
    const { dir } = rulesWith("business-scope", (json) => {
      json.entries.push(structuredClone(json.entries[0]), structuredClone(json.entries[1]));
      json.entries[5].filing = "no";
    });
    const lexicon = join(dir, "catalogs", "name-lexicon.json");
    const json = JSON.parse(readFileSync(lexicon, "utf8"));
    json.entries.push(structuredClone(json.entries[0]));
    writeFileSync(lexicon, JSON.stringify(json, null, 2));
    const issues = await refused(dir);
    expect(issues.map((i) => i.code).sort()).toEqual([
      "catalog-field-type",
      "duplicate-id",
      "duplicate-id",
      "duplicate-id",
    ]);
  });
});

describe("bundles are checked too", () => {
  it("a bundle whose catalogs were edited and whose digest was made to match is refused", async () => {
    const { dir } = rulesWith("business-scope", () => {});
    const { bundle } = await buildRulesBundle(dir);
    const [headerLine, body] = (bundle as string).split("\n") as [string, string];
    const rules = JSON.parse(body);
    const k = rules.catalogs.findIndex((c: Json) => c.catalog === "business-scope");
    const entries = rules.catalogs[k].entries as Json[];
    const at = entries.findIndex((e) => e.id === "hazardous-chemicals");
    entries.push({ ...structuredClone(entries[at]), preApproval: false });
    const forged = JSON.stringify(rules);
    const header = { ...JSON.parse(headerLine), sha256: nodeSha256(forged) };
    const text = `${JSON.stringify(header)}\n${forged}\n`;
    const decoded = decodeRulesBundle(text, "forged.bundle", nodeSha256);
    expect(decoded.rules).toBeUndefined();
    expect(decoded.issues.map((i) => [i.code, i.pointer, i.line])).toEqual([
      ["duplicate-id", `/catalogs/${k}/entries/${entries.length - 1}/id`, 2],
    ]);
    const file = join(scratch, "forged.bundle");
    writeFileSync(file, text);
    await expect(loadRules(file)).rejects.toBeInstanceOf(RuleFileError);
    expect(validateRules([file]).map((i) => i.code)).toEqual(["duplicate-id"]);
  });
});
