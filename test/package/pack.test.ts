import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

// Packs the tarball and installs it into a scratch project, as a user would. Needs `npm run
// build` first (npm test does it) and the npm registry or cache for the dependencies.
const ROOT = new URL("../..", import.meta.url).pathname;
let project: string;
let tarballPath: string;

const sh = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

beforeAll(() => {
  const scratch = mkdtempSync(join(tmpdir(), "sa-pack-"));
  // --ignore-scripts: npm test built dist/ already, and prepack rebuilding it (emptying dist/
  // first) would pull it from under the tests that run the built CLI meanwhile.
  sh("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", scratch], ROOT);
  const tarball = readdirSync(scratch).find((f) => f.endsWith(".tgz")) as string;
  tarballPath = join(scratch, tarball);
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
    expect(sh("npx", ["--no-install", "smart-approval", "validate"], project)).toMatch(
      /^0 errors/m,
    );
  });
});

describe("the tarball", () => {
  it("is built when packed (prepack), with the licence and self-contained source maps", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    // A fresh clone has no dist/: packing it must build it rather than ship nothing.
    expect(pkg.scripts.prepack).toBe("npm run build");
    const files = sh("tar", ["tzf", tarballPath], ROOT).split("\n");
    expect(files).toContain("package/dist/index.js");
    expect(files).toContain("package/LICENSE");
    expect(files.some((f) => f.startsWith("package/src/"))).toBe(false);
    // src/ is not shipped, so every map must carry the sources it points at.
    const maps = files.filter((f) => f.endsWith(".js.map"));
    expect(maps.length).toBeGreaterThan(50);
    for (const map of maps) {
      const json = JSON.parse(readFileSync(join(ROOT, map.replace(/^package\//, "")), "utf8"));
      expect(json.sourcesContent?.length, map).toBe(json.sources.length);
    }
  });

  it("passes publint and arethetypeswrong (ESM-only: require() of ESM is Node >= 20.19's)", () => {
    expect(sh("npx", ["--no-install", "publint", "run", tarballPath, "--strict"], ROOT)).toContain(
      "All good!",
    );
    expect(
      sh(
        "npx",
        ["--no-install", "attw", tarballPath, "--ignore-rules", "cjs-resolves-to-esm"],
        ROOT,
      ),
    ).toContain("No problems found");
  }, 120_000);

  it("installs no runtime dependency the library does not import", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    // Static imports and dynamic ones (json-rules-engine is loaded only when chosen).
    const dist = sh(
      "grep",
      ["-rhoE", '(from |import\\()"[^".][^"]*"', "--include=*.js", join(ROOT, "dist")],
      ROOT,
    );
    const imported = new Set(
      [...dist.matchAll(/"((?:@[^/"]+\/)?[^/"]+)/g)].map((m) => m[1] as string),
    );
    // Subpath imports ("#re2js") stand for the package they map to outside a browser build.
    for (const [name, target] of Object.entries(pkg.imports ?? {})) {
      const outside = (target as { default?: string }).default;
      if (imported.has(name) && outside !== undefined) imported.add(outside);
    }
    // Pinned, not imported: fastify's own dependency, held at 6.6.0 because later 6.x need
    // Node 22 (through cookie 2) while engines say >=20.19; a direct pin is what npm dedupes
    // onto in a user's install (overrides apply only to the root project).
    const pinnedOnly = new Set(["light-my-request"]);
    for (const name of Object.keys(pkg.dependencies)) {
      if (!pinnedOnly.has(name)) expect(imported, name).toContain(name);
    }
  });
});
