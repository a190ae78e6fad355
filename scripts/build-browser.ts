import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";

// Bundles the browser entry (src/entries/browser.ts, or a page's own script importing it) for
// browsers, as the tests and the pre-check page use it. Two modules are swapped for the
// browser, as package.json's "imports" (condition "browser") swaps them for a consumer's bundler:
// - re2js, by src/browser/native-pattern.ts (the browser's RegExp, for the patterns whose
//   meaning is the same in both; 46 KB gzipped saved);
// - json-rules-engine, the reference evaluator (loaded only when asked for by name, which the
//   browser entry never does), by src/browser/absent-engine.ts, which says so if it is reached.
// (package.json's "imports" point at dist/, built from these; this plugin serves src/.)
// Usage: tsx scripts/build-browser.ts [OUT_DIR] — writes smart-approval.js (a classic script
// defining the global SmartApproval, for pages opened from disk) and smart-approval.mjs.

const ROOT = fileURLToPath(new URL("..", import.meta.url));

export interface BrowserBundleOptions {
  /** The entry; src/entries/browser.ts by default. */
  entry?: string;
  /** `iife` (a classic script setting `globalName`) or `esm`. */
  format?: "iife" | "esm";
  globalName?: string;
  minify?: boolean;
}

/** The browser swaps (see above), as an esbuild plugin. */
export const browserSwaps: esbuild.Plugin = {
  name: "smart-approval-browser-swaps",
  setup(build) {
    build.onResolve({ filter: /^#?re2js$/ }, () => ({
      path: join(ROOT, "src/browser/native-pattern.ts"),
    }));
    build.onResolve({ filter: /^#?json-rules-engine$/ }, () => ({
      path: join(ROOT, "src/browser/absent-engine.ts"),
    }));
  },
};

/**
 * The browser bundle's code and what went into it (esbuild's metafile).
 *
 * @example
 * const { code } = await bundleBrowser({ format: "iife" });
 */
export async function bundleBrowser(
  options: BrowserBundleOptions = {},
): Promise<{ code: string; metafile: esbuild.Metafile }> {
  const format = options.format ?? "iife";
  const result = await esbuild.build({
    entryPoints: [options.entry ?? join(ROOT, "src/entries/browser.ts")],
    absWorkingDir: ROOT,
    bundle: true,
    platform: "browser",
    format,
    ...(format === "iife" && { globalName: options.globalName ?? "SmartApproval" }),
    target: "es2022",
    minify: options.minify ?? true,
    legalComments: "eof",
    write: false,
    metafile: true,
    outfile: "smart-approval.js",
    plugins: [browserSwaps],
    logLevel: "silent",
  });
  const output = result.outputFiles.find((file) => file.path.endsWith(".js"));
  if (output === undefined) throw new Error("esbuild wrote no script");
  return { code: output.text, metafile: result.metafile };
}

/** The size of a text gzipped (level 9, as a web server would serve it). */
export function gzippedSize(text: string): number {
  return gzipSync(text, { level: 9 }).length;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = process.argv[2] ?? join(ROOT, "dist/browser");
  mkdirSync(out, { recursive: true });
  for (const [format, file] of [
    ["iife", "smart-approval.js"],
    ["esm", "smart-approval.mjs"],
  ] as const) {
    const { code } = await bundleBrowser({ format });
    writeFileSync(join(out, file), code);
    console.log(`${join(out, file)}: ${code.length} bytes, ${gzippedSize(code)} gzipped`);
  }
}
