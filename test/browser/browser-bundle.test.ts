import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createContext, Script } from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
import { bundleBrowser, gzippedSize } from "../../scripts/build-browser.js";
import { browserRulesModule } from "../../src/browser/rules-module.js";
import { ApplicationError } from "../../src/evaluate/application-error.js";
import { BUNDLED_RULES_DIR, readSources, ruleFiles } from "../../src/node/rule-files.js";
import { bundledRules, ROOT } from "../helpers.js";

// The browser entry bundled for browsers as a page gets it (esbuild, platform=browser, one
// classic script), and one matter's browser rules module, run together in a bare JavaScript
// realm: no require, no process, no Web Crypto, no eval (code generation from strings is
// disallowed in the realm, as a Content-Security-Policy without 'unsafe-eval' disallows it).
// Only what every browser has is given: TextEncoder, TextDecoder, structuredClone.

const MATTER = "individual-business.establishment";
/** Issue 15: core plus one matter's rules, gzipped. */
const BUDGET = 120 * 1024;

interface Fixture {
  application: unknown;
  decidedAt?: string;
}

const fixtures: Array<{ file: string; fixture: Fixture }> = readdirSync(
  join(ROOT, "fixtures", MATTER),
)
  .filter((file) => file.endsWith(".json"))
  .sort()
  .map((file) => ({
    file,
    fixture: JSON.parse(readFileSync(join(ROOT, "fixtures", MATTER, file), "utf8")),
  }));

let core: string;
let coreInputs: string[];
let coreImports: string[];
let rules: string;

beforeAll(async () => {
  const bundle = await bundleBrowser({ format: "iife" });
  core = bundle.code;
  coreInputs = Object.keys(bundle.metafile.inputs);
  coreImports = Object.values(bundle.metafile.inputs).flatMap((input) =>
    input.imports.map((i) => i.path),
  );
  const sources = readSources(ruleFiles(BUNDLED_RULES_DIR));
  ({ code: rules } = await browserRulesModule(sources, {
    matters: [MATTER],
    as: { global: "smartApprovalRules" },
  }));
}, 120_000);

/** Runs the bundle and the rules in a fresh bare realm; gives what `driver` returns. */
async function runInRealm(driver: string, input: unknown): Promise<unknown> {
  const context = createContext(
    { TextEncoder, TextDecoder, structuredClone, INPUT: JSON.stringify(input) },
    { codeGeneration: { strings: false, wasm: false } },
  );
  for (const [name, code] of [
    ["smart-approval.js", core],
    ["rules.js", rules],
  ] as const) {
    new Script(code, { filename: name }).runInContext(context);
  }
  return await new Script(driver, { filename: "driver.js" }).runInContext(context);
}

/** Decides every fixture in the realm; each a decision's JSON or the refusal's problems. */
const DECIDE_ALL = `(async () => {
  const rules = SmartApproval.BrowserRules.fromModule(globalThis.smartApprovalRules);
  const out = [];
  for (const { application, decidedAt } of JSON.parse(INPUT)) {
    const options = decidedAt === undefined ? { now: new Date(0), replay: true } : { now: new Date(decidedAt) };
    try {
      out.push(JSON.stringify(await rules.decide(application, options)));
    } catch (error) {
      if (error.name !== "ApplicationError") throw error;
      out.push("refused " + JSON.stringify(error.problems));
    }
  }
  return JSON.stringify(out);
})()`;

describe("the browser entry, bundled for browsers", () => {
  it("imports no node: module and none of zod, ajv's compiler, re2js or json-rules-engine", () => {
    expect(coreImports.filter((path) => path.startsWith("node:"))).toEqual([]);
    expect(core).not.toMatch(/["']node:/);
    const heavy = coreInputs.filter((path) =>
      /node_modules\/(zod|re2js|json-rules-engine|@humanwhocodes\/momoa)\/|node_modules\/ajv\/dist\/(ajv|core|compile)/.test(
        path,
      ),
    );
    // Inputs esbuild read but dropped are listed too: what counts is that none is in the code.
    expect(core).not.toContain("RE2JS");
    expect(core).not.toMatch(/new Function|\beval\(/);
    expect(heavy.filter((path) => /zod|re2js|momoa/.test(path))).toEqual([]);
  });

  it(`is within ${BUDGET / 1024} KB gzipped with any one matter's rules`, async () => {
    const coreSize = gzippedSize(core);
    const sources = readSources(ruleFiles(BUNDLED_RULES_DIR));
    const matters = readdirSync(join(BUNDLED_RULES_DIR, "matters")).sort();
    expect(matters.length).toBeGreaterThanOrEqual(4);
    for (const matter of matters) {
      const { code } = await browserRulesModule(sources, { matters: [matter] });
      const rulesSize = gzippedSize(code);
      console.log(
        `browser core ${(coreSize / 1024).toFixed(1)} KB + ${matter} rules ${(rulesSize / 1024).toFixed(1)} KB = ${((coreSize + rulesSize) / 1024).toFixed(1)} KB gzipped (budget ${BUDGET / 1024} KB)`,
      );
      expect(coreSize + rulesSize, matter).toBeLessThanOrEqual(BUDGET);
    }
  }, 120_000);

  it("decides every fixture of a matter byte for byte as the Node library does", async () => {
    expect(fixtures.length).toBeGreaterThan(20);
    const library = await bundledRules();
    const expected: string[] = [];
    for (const { fixture } of fixtures) {
      const options =
        fixture.decidedAt === undefined
          ? { now: new Date(0), replay: true }
          : { now: new Date(fixture.decidedAt) };
      try {
        expected.push(JSON.stringify(await library.decide(fixture.application, options)));
      } catch (error) {
        if (!(error instanceof ApplicationError)) throw error;
        expected.push(`refused ${JSON.stringify(error.problems)}`);
      }
    }
    const actual = JSON.parse(
      (await runInRealm(
        DECIDE_ALL,
        fixtures.map(({ fixture }) => fixture),
      )) as string,
    ) as string[];
    expect(actual.length).toBe(expected.length);
    fixtures.forEach(({ file }, index) => {
      expect(`${file}: ${actual[index]}`).toBe(`${file}: ${expected[index]}`);
    });
    // Both outcomes and refusals are among them, so both paths are compared.
    expect(expected.some((text) => text.startsWith("refused"))).toBe(true);
    const outcomes = expected
      .filter((text) => !text.startsWith("refused"))
      .map((text) => (JSON.parse(text) as { outcome: string }).outcome);
    expect(new Set(outcomes)).toEqual(new Set(["approve", "incomplete", "refer"]));
  }, 120_000);
});
