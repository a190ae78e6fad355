import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { BrowserRules } from "../../src/browser/browser-rules.js";
import { type BrowserRulesModule, browserRulesModule } from "../../src/browser/rules-module.js";
import { matterWithoutNotes } from "../../src/browser/without-notes.js";
import { buildGuide } from "../../src/guide/guide.js";
import { formatGuideHtml } from "../../src/guide/guide-html.js";
import { BUNDLED_RULES_DIR, readSources, ruleFiles } from "../../src/load/load-rules.js";
import { RuleFileError } from "../../src/load/rule-file-error.js";
import { approvable, bundledRules } from "../helpers.js";

// The browser rules module's trust checks, and what it leaves out. (That its decisions are
// the library's, byte for byte, is browser-bundle.test.ts.)

const MATTER = "individual-business.establishment";
let module: BrowserRulesModule;
let sha256: string;

beforeAll(async () => {
  const built = await browserRulesModule(readSources(ruleFiles(BUNDLED_RULES_DIR)), {
    matters: [MATTER],
  });
  sha256 = built.sha256;
  const file = join(mkdtempSync(join(tmpdir(), "sa-browser-rules-")), "rules.mjs");
  writeFileSync(file, built.code);
  module = (await import(pathToFileURL(file).href)).default;
}, 120_000);

/** A deep copy of the module, its functions kept. */
function copy(): BrowserRulesModule {
  return {
    ...module,
    bundle: JSON.parse(JSON.stringify(module.bundle)),
    validators: { ...module.validators },
  };
}

describe("browser rules", () => {
  it("load, pinned to their SHA-256 or not, and decide", async () => {
    const rules = BrowserRules.fromModule(module, { sha256 });
    expect(rules.sha256).toBe(sha256);
    expect(rules.matters().map((m) => m.id)).toEqual([MATTER]);
    const decision = await rules.decide(approvable(), {
      now: new Date("2025-06-30T10:00:00+08:00"),
    });
    expect(decision.outcome).toBe("approve");
  });

  it("are refused when a rule was edited after they were built", () => {
    const edited = copy();
    const body = edited.bundle.body as { matters: Array<{ file: Record<string, unknown> }> };
    (body.matters[0] as { file: Record<string, unknown> }).file.fee = { amount: 0 };
    expect(() => BrowserRules.fromModule(edited)).toThrow(RuleFileError);
    try {
      BrowserRules.fromModule(edited);
    } catch (error) {
      expect((error as RuleFileError).issues.map((i) => i.code)).toEqual(["bundle-digest"]);
    }
  });

  it("are refused when the page pins other rules", () => {
    expect(() => BrowserRules.fromModule(module, { sha256: "0".repeat(64) })).toThrow(
      /not those the page expects/,
    );
  });

  it("are refused when a validator is not filed under its schema's hash", () => {
    const swapped = copy();
    const [first, second] = Object.keys(swapped.validators) as [string, string];
    swapped.validators = { [first]: module.validators[second] as never };
    expect(() => BrowserRules.fromModule(swapped)).toThrow(/no validator/);
  });

  it("are not a browser rules module when the format is another", () => {
    expect(() => BrowserRules.fromModule({ ...module, format: "x" as never })).toThrow(
      RuleFileError,
    );
  });

  it("leave out the notes for rule authors, and nothing a page shows", async () => {
    const library = await bundledRules();
    const version = library.versionInForce(MATTER, "2025-06-30");
    if (version === undefined) throw new Error("no version in force");
    const text = JSON.stringify(version.file);
    const stripped = matterWithoutNotes(version.file);
    expect(text).toContain('"note":');
    expect(JSON.stringify(stripped)).not.toContain('"note":');
    // An applicant's field may be called note: only schema-typed notes go.
    const withField = {
      ...version.file,
      input: { ...version.file.input, data: { properties: { note: { type: "string" } } } },
    };
    expect(matterWithoutNotes(withField).input.data).toEqual(withField.input.data);
    const browser = BrowserRules.fromModule(module);
    for (const locale of ["zh-CN", "en"] as const) {
      const guide = browser.guide(MATTER, "2025-06-30", locale);
      expect(guide && formatGuideHtml(guide)).toBe(
        formatGuideHtml(
          buildGuide(version.file, { sha256: version.sha256, laws: version.laws, locale }),
        ),
      );
    }
    // The record names the whole file, notes and all, as the library hashed it.
    expect(browser.versionInForce(MATTER, "2025-06-30")?.sha256).toBe(version.sha256);
  });

  it("hold only the catalogs the matter reads", () => {
    const body = module.bundle.body as { catalogs: Array<{ catalog: string }> };
    const names = body.catalogs.map((c) => c.catalog);
    expect(names).toContain("laws");
    expect(names).toContain("standard-characters");
    expect(names).not.toContain("name-words-sole-proprietorship");
  });
});
