import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import type { CatalogEntry } from "../model/catalog.js";
import type { LocalizedText } from "../model/common.js";
import type { MatterFile } from "../model/matter.js";
import { DERIVED_FUNCTIONS } from "./derived/registry.js";
import { type NamedCondition, RuleEngine } from "./rule-engine.js";

const addFormats = addFormatsModule.default;

/** A matter version with everything that can be done once already done. */
export interface CompiledMatter {
  readonly file: MatterFile;
  readonly sha256: string;
  readonly laws: ReadonlyMap<string, LocalizedText>;
  readonly catalogs: ReadonlyMap<string, readonly CatalogEntry[]>;
  readonly validateData: ValidateFunction;
  readonly validateEvidence: ValidateFunction;
  readonly engine: RuleEngine;
}

/** Names under which each condition of a matter is evaluated. */
export const conditionName = {
  when: (index: number) => `standard:${index}:when`,
  require: (index: number) => `standard:${index}:require`,
  requiredWhen: (index: number) => `material:${index}:requiredWhen`,
};

/**
 * One JSON Schema compiler for the whole process: matters' input schemas are compiled once at
 * load. `strict: false` lets authors annotate schemas (titles in Chinese, `x-` keywords).
 */
export function createSchemaCompiler(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv;
}

/**
 * Compiles a validated matter file: its input schemas (ajv), its conditions (json-rules-engine
 * rule JSON, built once) and its law titles. Throws only on what the validator already
 * reports (an input schema ajv cannot compile); callers validate first.
 *
 * @example
 * const compiled = compileMatter(file, { sha256, laws, ajv: createSchemaCompiler() });
 */
export function compileMatter(
  file: MatterFile,
  context: {
    sha256: string;
    laws: ReadonlyMap<string, LocalizedText>;
    catalogs: ReadonlyMap<string, readonly CatalogEntry[]>;
    ajv: Ajv;
  },
): CompiledMatter {
  for (const [id, derived] of Object.entries(file.derived)) {
    if (!DERIVED_FUNCTIONS.has(derived.function)) {
      throw new Error(`derived fact ${id}: unknown function ${derived.function}`);
    }
  }
  const conditions: NamedCondition[] = [];
  file.standards.forEach((standard, index) => {
    if (standard.when)
      conditions.push({ name: conditionName.when(index), condition: standard.when });
    conditions.push({ name: conditionName.require(index), condition: standard.require });
  });
  file.materials.forEach((material, index) => {
    if (material.requiredWhen) {
      conditions.push({
        name: conditionName.requiredWhen(index),
        condition: material.requiredWhen,
      });
    }
  });
  return {
    file,
    sha256: context.sha256,
    laws: context.laws,
    catalogs: context.catalogs,
    validateData: context.ajv.compile(file.input.data),
    validateEvidence: context.ajv.compile(file.input.evidence),
    engine: new RuleEngine(conditions),
  };
}
