import type { Ajv, ValidateFunction } from "ajv";
import standaloneModule from "ajv/dist/standalone/index.js";
import { RUNTIME_MODULES, schemaKey } from "./precompiled-validators.js";
import { createSchemaCompiler } from "./schema-compiler.js";

// Input-schema validators written out as code, ahead of time (ajv's standalone code), for
// precompiled-validators.ts to link: the browser rules module and the bundled rules the build
// stores. They are compiled exactly as loadRules compiles them (the same compiler and options,
// so the same errors for the notices).

// ajv's standalone module is CommonJS with a default export: Node gives the exports object.
const standaloneCode = (
  standaloneModule as unknown as { default: (ajv: Ajv, validate: ValidateFunction) => string }
).default;

/**
 * The validators of `schemas` as the source of an object literal of ValidatorFactory
 * functions, by schemaKey; a schema given twice is written once.
 *
 * @example
 * const literal = validatorFactoriesCode([file.input.data, file.input.evidence]);
 */
export function validatorFactoriesCode(schemas: Iterable<object>): string {
  const ajv = createSchemaCompiler({ source: true });
  const written = new Map<string, string>();
  for (const schema of schemas) {
    const key = schemaKey(schema);
    if (!written.has(key)) written.set(key, factoryCode(ajv, ajv.compile(schema), schema));
  }
  const entries = [...written].map(([key, code]) => `${JSON.stringify(key)}: ${code}`);
  return `{\n${entries.join(",\n")}\n}`;
}

/**
 * A compiled validator as the text of a ValidatorFactory; only known run-time modules. ajv's
 * code holds the whole schema as a constant (it reads `enum` lists and the like from it): that
 * copy is replaced by the factory's `rootSchema`, the schema in the rules (the same JSON, as
 * the validator's key says), which is then shipped once.
 */
function factoryCode(ajv: Ajv, validate: ValidateFunction, schema: unknown): string {
  const written = JSON.stringify(schema)
    .replaceAll("\u2028", "\\u2028")
    .replaceAll("\u2029", "\\u2029");
  const code = standaloneCode(ajv, validate).replace(` = ${written};`, () => " = rootSchema;");

  for (const [, id] of code.matchAll(/require\("([^"]+)"\)/g)) {
    if (!(RUNTIME_MODULES as readonly string[]).includes(id as string)) {
      throw new Error(`a validator needs ${id}, which precompiled-validators.ts does not provide`);
    }
  }
  return `function (require, linearPattern, module, exports, rootSchema) {\n${code}\n}`;
}
