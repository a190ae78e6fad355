import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));

/**
 * The page's script as built with the package (`npm run build` stores it beside this module):
 * the published package runs it without a bundler.
 */
const PREBUILT = join(HERE, "precheck.bundle.js");

/**
 * The pre-check page's script: the library and the page in one classic script (an IIFE, not an
 * ES module, which Chromium refuses to load from file://). The stored build when there is one;
 * from the sources (with esbuild, a development dependency) otherwise.
 */
export async function pageScript(): Promise<string> {
  if (existsSync(PREBUILT)) return readFileSync(PREBUILT, "utf8");
  return bundlePageScript();
}

/** Bundles the page's script with esbuild; throws when esbuild is not installed. */
export async function bundlePageScript(): Promise<string> {
  const entry = ["page/main.ts", "page/main.js"].map((f) => join(HERE, f)).find(existsSync);
  if (entry === undefined) throw new Error("the pre-check page's sources are not installed");
  let esbuild: typeof import("esbuild");
  try {
    esbuild = await import("esbuild");
  } catch {
    throw new Error("the pre-check page's script was not built with the package (npm run build)");
  }
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    charset: "utf8",
    legalComments: "eof",
    write: false,
    logLevel: "silent",
  });
  const text = result.outputFiles[0]?.text;
  if (text === undefined) throw new Error("esbuild wrote no page script");
  return text;
}

/** Stores the page's script beside this module (the build calls it). */
export async function storePageScript(): Promise<void> {
  writeFileSync(PREBUILT, await bundlePageScript());
}
