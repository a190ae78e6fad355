import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

// Packs the tarball and installs it into a scratch project, as a user would. Needs `npm run
// build` first (npm test does it) and the npm registry or cache for the dependencies.
const ROOT = new URL("../..", import.meta.url).pathname;
let project: string;

const sh = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

beforeAll(() => {
  const scratch = mkdtempSync(join(tmpdir(), "sa-pack-"));
  sh("npm", ["pack", "--silent", "--pack-destination", scratch], ROOT);
  const tarball = readdirSync(scratch).find((f) => f.endsWith(".tgz")) as string;
  project = join(scratch, "consumer");
  sh("mkdir", ["-p", project], scratch);
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module" }),
  );
  sh(
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", join(scratch, tarball)],
    project,
  );
}, 180_000);

describe("the published package", () => {
  it("imports by ESM import and decides with the bundled rules", () => {
    writeFileSync(
      join(project, "esm.mjs"),
      `import { loadRules } from "smart-approval";
       import schema from "smart-approval/schemas/decision.schema.json" with { type: "json" };
       const rules = await loadRules();
       console.log(JSON.stringify({ matters: rules.matters().map((m) => m.id), title: schema.title }));`,
    );
    expect(JSON.parse(sh("node", ["esm.mjs"], project))).toEqual({
      matters: expect.arrayContaining(["individual-business.establishment"]),
      title: "smart-approval decision",
    });
  });

  it("loads by require", () => {
    writeFileSync(
      join(project, "cjs.cjs"),
      `const { parseResidentId, validateRules } = require("smart-approval");
       console.log(JSON.stringify({ valid: parseResidentId("11010519491231002X").valid, issues: validateRules().length }));`,
    );
    expect(JSON.parse(sh("node", ["cjs.cjs"], project))).toEqual({ valid: true, issues: 0 });
  });

  it("runs the bin", () => {
    expect(sh("npx", ["--no-install", "smart-approval", "due", "2025-01-24", "3"], project)).toBe(
      "2025-02-05\n",
    );
    // The calendar warns while its published years end within 60 days (docs/rule-authors.md).
    expect(sh("npx", ["--no-install", "smart-approval", "validate"], project)).toMatch(/^0 errors/m);
  });
});
