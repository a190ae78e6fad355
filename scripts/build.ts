// npm run build: the library's modules, the pre-check page's script, the command line as a
// bundle, and the bundled rules validated and stored for it.
//
// 1. dist/ from src/ (tsc: the modules the package's entry points export, with their types).
// 2. dist/precheck/precheck.bundle.js: the pre-check page's script (src/node/precheck-script.ts).
// 3. dist/bin/: the command line (`smart-approval`, package.json "bin") bundled from those
//    modules by esbuild: an `evaluate` opens about 35 chunks instead of about a hundred
//    modules, and Node's loader was most of the time a call took above `node -e 0`. Each
//    command stays its own chunk, loaded when it runs; the dependencies are imported from
//    node_modules as they are. The bundle is stamped with the build's id: the SHA-256 of the
//    modules it was bundled from.
// 4. dist/bundled-rules.json and dist/bundled-validators.js: the bundled rules validated by
//    the code just built, stored with that id (src/node/bundled-rules.ts). Not stored when
//    any issue is found: the command line then validates the rules at every start.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { storePageScript } from "../src/node/precheck-script.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIST = join(ROOT, "dist");
const BIN = join(DIST, "bin");

rmSync(DIST, { recursive: true, force: true });

const tsc = spawnSync(
  process.execPath,
  [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
  { cwd: ROOT, stdio: "inherit" },
);
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

await storePageScript(join(DIST, "precheck"));

const modules = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modules(path);
    return entry.name.endsWith(".js") ? [path] : [];
  });
const id = createHash("sha256");
for (const file of modules(DIST).sort()) {
  id.update(relative(DIST, file).split("\\").join("/")).update("\0");
  id.update(readFileSync(file)).update("\0");
}
const bundleId = id.digest("hex");

await esbuild.build({
  absWorkingDir: ROOT,
  // The names the bundle is reached by: the command (package.json "bin"), and the batch
  // worker, which batch.ts starts by its file name beside it.
  entryPoints: {
    "smart-approval": join(DIST, "cli/main.js"),
    "batch-worker": join(DIST, "cli/commands/batch-worker.js"),
  },
  outdir: BIN,
  bundle: true,
  // The dependencies stay in node_modules, imported as they are: a security fix npm installs
  // reaches the command too, and the package does not ship a second copy of each (3.9 MB of
  // bundle against 0.8 MB). Bundling them as well measured about 4% faster to start.
  packages: "external",
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // Every chunk sits beside the entries, one folder under dist/ like the modules it replaces,
  // so that the paths they compute from import.meta.url (../../rules, ../bundled-rules.json)
  // still lead to the same files.
  chunkNames: "[name]-[hash]",
  define: { SMART_APPROVAL_BUNDLE_ID: JSON.stringify(bundleId) },
  logLevel: "warning",
});
chmodSync(join(BIN, "smart-approval.js"), 0o755);

const { storeBundledRules } = (await import(
  pathToFileURL(join(DIST, "node/bundled-rules.js")).href
)) as typeof import("../src/node/bundled-rules.js");
try {
  const issues = await storeBundledRules(bundleId);
  if (issues.length > 0) {
    console.warn(
      `bundled rules not stored: ${issues.length} issue(s); smart-approval validate lists them`,
    );
  }
} catch (error) {
  console.warn("bundled rules not stored:", (error as Error).message);
}
