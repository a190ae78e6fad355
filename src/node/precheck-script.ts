import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));

/** The name of the page's script as stored by the build, in dist/precheck/. */
const STORED = "precheck.bundle.js";

/**
 * The pre-check page's script: the browser entry of the library and the page in one classic
 * script (an IIFE, not an ES module, which Chromium refuses to load from file://). The script
 * stored by `npm run build` when there is one (the published package has no bundler); bundled
 * from the sources otherwise (a checkout, with esbuild, a development dependency).
 */
export async function pageScript(): Promise<string> {
  const stored = join(HERE, "../precheck", STORED);
  if (existsSync(stored)) return readFileSync(stored, "utf8");
  return bundlePageScript();
}

/** The browser bundler's interface (scripts/build-browser.ts), as far as it is used here. */
interface BrowserBundler {
  bundleBrowser(options: {
    entry: string;
    format: "iife";
    globalName: string;
  }): Promise<{ code: string }>;
}

/**
 * Bundles the page's script from the sources with the browser bundler of scripts/, which swaps
 * the modules a browser does without (see build-browser.ts); throws when it is not there.
 */
export async function bundlePageScript(): Promise<string> {
  const root = resolve(HERE, "../..");
  const entry = join(root, "src/precheck/page/main.ts");
  const bundlerFile = join(root, "scripts/build-browser.ts");
  if (!existsSync(entry) || !existsSync(bundlerFile)) {
    throw new Error("the pre-check page's script was not built with the package (npm run build)");
  }
  const bundler = (await import(pathToFileURL(bundlerFile).href)) as BrowserBundler;
  const { code } = await bundler.bundleBrowser({
    entry,
    format: "iife",
    globalName: "SmartApprovalPrecheck",
  });
  return code;
}

/** Stores the page's script in `dir` (the build: `tsx src/node/precheck-script.ts dist/precheck`). */
export async function storePageScript(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, STORED), await bundlePageScript());
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await storePageScript(process.argv[2] ?? join(HERE, "../../dist/precheck"));
}
