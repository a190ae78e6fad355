import type { ValidateFunction } from "ajv";
import * as equalModule from "ajv/dist/runtime/equal.js";
import * as ucs2lengthModule from "ajv/dist/runtime/ucs2length.js";
import * as formatsModule from "ajv-formats/dist/formats.js";
import { canonicalJson } from "../json/canonical-json.js";
import { sha256Sync } from "../validators/sha256.js";
import type { SchemaValidators } from "./compile-matter.js";
import { linearRegExpEngine } from "./linear-pattern.js";

// Input-schema validators generated beforehand (validator-code.ts writes them, as ajv's
// standalone code), linked here to what they refer to: a few of ajv's run-time helpers and the
// formats, by the module names ajv writes in `require(…)`, and the patterns' engine — the
// library's own (linear-pattern.ts; in a browser build re2js is replaced by native-pattern.ts,
// see package.json "imports"). Nothing here generates code or loads ajv's compiler: the browser
// decides with these under a Content-Security-Policy without 'unsafe-eval', and the command line
// decides with them on the rules stored at build time without paying for ajv's import and
// compile at every start.

/**
 * A validator as ajv's standalone code, wrapped so that it receives what it refers to:
 * `require` for ajv's run-time helpers and formats, `linearPattern` for the patterns' engine,
 * `rootSchema` for the schema it validates against.
 */
export type ValidatorFactory = (
  require: (id: string) => unknown,
  linearPattern: unknown,
  module: { exports: unknown },
  exports: unknown,
  rootSchema: unknown,
) => void;

/** Validators generated beforehand, by the SHA-256 of their schema's canonical JSON. */
export type ValidatorFactories = Readonly<Record<string, ValidatorFactory>>;

/** The module names a validator may `require`: these only are provided. */
export const RUNTIME_MODULES = [
  "ajv/dist/runtime/ucs2length",
  "ajv/dist/runtime/equal",
  "ajv-formats/dist/formats",
] as const;

/** The key a validator is filed under: the SHA-256 of its schema's canonical JSON (RFC 8785). */
export function schemaKey(schema: unknown, sha256: (text: string) => string = sha256Sync): string {
  return sha256(canonicalJson(schema));
}

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
 * The validator a ValidatorFactory defines, linked to the run-time helpers.
 *
 * @example
 * const validate = linkValidator(factories[schemaKey(schema)], schema);
 */
function linkValidator(factory: ValidatorFactory, schema: unknown): ValidateFunction {
  const module: { exports: unknown } = { exports: {} };
  factory(runtimeRequire, linearRegExpEngine, module, module.exports, schema);
  if (typeof module.exports !== "function") throw new Error("a validator defined no function");
  return module.exports as ValidateFunction;
}

/**
 * Schema validators from factories generated beforehand: each schema gets the validator filed
 * under its own key (never another schema's), linked once.
 * `sha256` (synchronous) computes the keys: @noble/hashes' by default, node:crypto's where the
 * caller has it. A schema with none is an Error (`has` says beforehand).
 *
 * @example
 * const validators = precompiledValidators(module.validators);
 */
export function precompiledValidators(
  factories: ValidatorFactories,
  sha256?: (text: string) => string,
): SchemaValidators & { has(schema: object): boolean } {
  const linked = new Map<string, ValidateFunction>();
  const keys = new WeakMap<object, string>();
  const keyOf = (schema: object) => {
    let key = keys.get(schema);
    if (key === undefined) {
      key = schemaKey(schema, sha256);
      keys.set(schema, key);
    }
    return key;
  };
  const factoryFor = (key: string) => (Object.hasOwn(factories, key) ? factories[key] : undefined);
  return {
    has: (schema) => factoryFor(keyOf(schema)) !== undefined,
    compile(schema) {
      const key = keyOf(schema);
      let validate = linked.get(key);
      if (validate === undefined) {
        const factory = factoryFor(key);
        if (factory === undefined) {
          throw new Error(`no validator generated beforehand for an input schema (${key})`);
        }
        validate = linkValidator(factory, schema);
        linked.set(key, validate);
      }
      return validate;
    },
  };
}
