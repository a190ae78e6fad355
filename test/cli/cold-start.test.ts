import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { BIN, ROOT } from "../helpers.js";

// What a cold start of the shipped command loads. Deciding on the bundled rules must not load
// what only validating or explaining needs: ajv's schema compiler (the input schemas'
// validators were generated at build time), zod (the models explain unusual envelopes and
// validate rule files), the lint. Each is most of a cold start's time above `node -e 0`
// (README, "Cold start"); time itself is measured by scripts/security-figures.ts, not here.
// A load hook lists every file Node loads as a module (the bundle's chunks and the dependencies
// it imports from node_modules); the files' texts are searched for a string each of the three
// holds.

const MARKERS = {
  // ajv's entry module (its compiler); the modules it requires in turn are CommonJS, which the
  // load hook does not see on Node 20.
  "ajv's schema compiler": "class Ajv extends",
  zod: '$constructor("ZodObject"',
  "the rule-file lint": '"always-true-standard"',
} as const;

function loadedBy(args: string[]): { status: number | null; stdout: string; found: string[] } {
  const dir = mkdtempSync(join(tmpdir(), "sa-cold-"));
  const log = join(dir, "loaded.txt");
  writeFileSync(log, "");
  const hooks = join(dir, "hooks.mjs");
  writeFileSync(
    hooks,
    `import { appendFileSync } from "node:fs";
     export async function load(url, context, next) {
       if (url.startsWith("file:")) appendFileSync(${JSON.stringify(log)}, url + "\\n");
       return next(url, context);
     }`,
  );
  const register = join(dir, "register.mjs");
  writeFileSync(
    register,
    `import { register } from "node:module"; register(${JSON.stringify(pathToFileURL(hooks).href)});`,
  );
  const result = spawnSync(
    process.execPath,
    ["--import", pathToFileURL(register).href, BIN, ...args],
    {
      cwd: ROOT,
      encoding: "utf8",
    },
  );
  const files = readFileSync(log, "utf8").split("\n").filter(Boolean);
  const texts = files.map((url) => readFileSync(fileURLToPath(url), "utf8"));
  const found = Object.entries(MARKERS)
    .filter(([, marker]) => texts.some((text) => text.includes(marker)))
    .map(([name]) => name);
  return { status: result.status, stdout: result.stdout, found };
}

describe.skipIf(!existsSync(BIN))("the command line's cold start (the built bin)", () => {
  it("decides on the bundled rules loading neither ajv's compiler, zod nor the lint", () => {
    const { status, stdout, found } = loadedBy([
      "evaluate",
      "examples/1-approve-convenience-store.json",
      "--replay",
      "--format",
      "json",
    ]);
    expect(status).toBe(0);
    expect(JSON.parse(stdout).outcome).toBe("approve");
    expect(found).toEqual([]);
  });

  it("sees all three when a command needs them (the check is not blind)", () => {
    // validate checks the calendar against today: the rules are validated in full.
    const { status, found } = loadedBy(["validate"]);
    expect(status).toBe(0);
    expect(found.sort()).toEqual(Object.keys(MARKERS).sort());
  });
});
