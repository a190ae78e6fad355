import type { ValidateFunction } from "ajv";
import * as equalModule from "ajv/dist/runtime/equal.js";
import * as ucs2lengthModule from "ajv/dist/runtime/ucs2length.js";
import * as formatsModule from "ajv-formats/dist/formats.js";
import { linearRegExpEngine } from "../evaluate/linear-pattern.js";
import type { ValidatorFactory } from "./rules-module.js";

// What ajv's standalone validators refer to (rules-module.ts writes them): a few run-time
// helpers and the formats, by the module names ajv writes in `require(…)`, and the patterns'
// engine — the library's own (linear-pattern.ts; in a browser build re2js is replaced by
// native-pattern.ts, see package.json "imports"). Nothing here generates code.

/** What a browser rules module names itself; another format is refused. */
export const BROWSER_RULES = "smart-approval/browser-rules@1";

/** The module names a validator may `require`: the browser entry provides these only. */
export const RUNTIME_MODULES = [
  "ajv/dist/runtime/ucs2length",
  "ajv/dist/runtime/equal",
  "ajv-formats/dist/formats",
] as const;

/**
 * A CommonJS module's exports object, however it was imported: bundlers give the namespace
 * its properties, Node gives the exports object as `default`.
 */
function exportsOf(namespace: object, name: string): unknown {
  const fallback = (namespace as { default?: unknown }).default;
  if (fallback !== null && typeof fallback === "object" && name in fallback) return fallback;
  return namespace;
}

const MODULES: Readonly<Record<(typeof RUNTIME_MODULES)[number], unknown>> = {
  "ajv/dist/runtime/ucs2length": exportsOf(ucs2lengthModule, "default"),
  "ajv/dist/runtime/equal": exportsOf(equalModule, "default"),
  "ajv-formats/dist/formats": exportsOf(formatsModule, "fullFormats"),
};

function runtimeRequire(id: string): unknown {
  if (!Object.hasOwn(MODULES, id)) throw new Error(`a validator asked for ${id}`);
  return MODULES[id as keyof typeof MODULES];
}

/**
 * The validator a ValidatorFactory (rules-module.ts) defines, linked to the run-time helpers.
 *
 * @example
 * const validate = linkValidator(module.validators[key], schema);
 */
export function linkValidator(factory: ValidatorFactory, schema: unknown): ValidateFunction {
  const module: { exports: unknown } = { exports: {} };
  factory(runtimeRequire, linearRegExpEngine, module, module.exports, schema);
  if (typeof module.exports !== "function") throw new Error("a validator defined no function");
  return module.exports as ValidateFunction;
}
