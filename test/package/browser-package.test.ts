import { existsSync } from "node:fs";
import { join } from "node:path";
import { createContext, Script } from "node:vm";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_RULES_DIR, readSources, ruleFiles } from "../../src/node/rule-files.js";
import { approvable, bundledRules, ROOT } from "../helpers.js";

// `smart-approval/browser` as a consumer's bundler sees it: the built package (dist/, which
// `npm test` builds first) bundled by esbuild for browsers with no option of ours — the
// package's "browser" field alone must swap re2js and json-rules-engine out — and the rules
// module written by the built `smart-approval/browser-rules`.

const BUILT = existsSync(join(ROOT, "dist/entries/browser.js"));
const BUDGET = 120 * 1024;
const MATTER = "individual-business.establishment";

let core: string;
let inputs: string[];
let rules: string;

describe.skipIf(!BUILT)("smart-approval/browser, built and bundled by a consumer", () => {
  beforeAll(async () => {
    const result = await esbuild.build({
      stdin: {
        contents: 'export * from "smart-approval/browser";',
        resolveDir: ROOT,
        loader: "js",
      },
      bundle: true,
      platform: "browser",
      format: "iife",
      globalName: "SmartApproval",
      minify: true,
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    core = (result.outputFiles[0] as esbuild.OutputFile).text;
    inputs = Object.keys(result.metafile.inputs);
    const { browserRulesModule } = (await import(
      join(ROOT, "dist/browser/rules-module.js")
    )) as typeof import("../../src/browser/rules-module.js");
    ({ code: rules } = await browserRulesModule(readSources(ruleFiles(BUNDLED_RULES_DIR)), {
      matters: [MATTER],
      as: { global: "smartApprovalRules" },
    }));
  }, 120_000);

  it("has no node: import, and neither re2js nor json-rules-engine nor zod", () => {
    expect(core).not.toMatch(/["']node:/);
    expect(inputs.filter((path) => /node:|re2js|json-rules-engine|zod/.test(path))).toEqual([]);
    expect(inputs).toContain("dist/browser/native-pattern.js");
  });

  it(`is within ${BUDGET / 1024} KB gzipped with one matter's rules`, () => {
    const size = gzipSync(core, { level: 9 }).length + gzipSync(rules, { level: 9 }).length;
    console.log(`smart-approval/browser + ${MATTER} rules: ${(size / 1024).toFixed(1)} KB gzipped`);
    expect(size).toBeLessThanOrEqual(BUDGET);
  });

  it("decides the sample application as the library does, in a realm without eval", async () => {
    const context = createContext(
      { TextEncoder, TextDecoder, structuredClone, INPUT: JSON.stringify(approvable()) },
      { codeGeneration: { strings: false, wasm: false } },
    );
    new Script(core).runInContext(context);
    new Script(rules).runInContext(context);
    const options = { now: new Date("2025-06-30T10:00:00+08:00") };
    const actual = await new Script(
      `SmartApproval.BrowserRules.fromModule(globalThis.smartApprovalRules)
        .decide(JSON.parse(INPUT), { now: new Date(${JSON.stringify(options.now.toISOString())}) })
        .then((d) => JSON.stringify(d))`,
    ).runInContext(context);
    const expected = await (await bundledRules()).decide(approvable(), options);
    expect(expected.outcome).toBe("approve");
    expect(actual).toBe(JSON.stringify(expected));
  }, 60_000);
});
