import type { Ajv, ValidateFunction } from "ajv";
import type { CatalogEntry } from "../model/catalog.js";
import type { LocalizedText } from "../model/common.js";
import type { DerivedFact, MatterFile } from "../model/matter.js";
import type { DerivedFunction } from "./derived/derived-function.js";
import { DERIVED_FUNCTIONS } from "./derived/registry.js";
import { type EngineKind, type NamedCondition, RuleEngine } from "./rule-engine.js";
import { type LeafPlan, leafPlan } from "./three-valued.js";

// The schema compiler is in its own module (ajv compiles with `new Function`): the browser
// entry compiles matters with validators generated beforehand and never loads ajv.
export {
  ANNOTATION_KEYWORDS,
  createSchemaCompiler,
  SchemaStrictError,
} from "./schema-compiler.js";

/** A matter version with everything that can be done once already done. */
export interface CompiledMatter {
  readonly file: MatterFile;
  readonly sha256: string;
  readonly laws: ReadonlyMap<string, LocalizedText>;
  readonly catalogs: ReadonlyMap<string, readonly CatalogEntry[]>;
  readonly validateData: ValidateFunction;
  readonly validateEvidence: ValidateFunction;
  readonly engine: RuleEngine;
  /** The derived facts in file order, each with its function looked up once. */
  readonly derivedSteps: ReadonlyArray<{
    id: string;
    spec: DerivedFact;
    fn: DerivedFunction | undefined;
  }>;
  /** Each standard's leaf plans (see foldPlanned), in file order. */
  readonly leafPlans: ReadonlyArray<{ when: LeafPlan | undefined; require: LeafPlan }>;
}

/** The same string for the same name every time, so map look-ups reuse its cached hash. */
function names(make: (index: number) => string): (index: number) => string {
  const made: string[] = [];
  return (index) => {
    let name = made[index];
    if (name === undefined) {
      name = make(index);
      made[index] = name;
    }
    return name;
  };
}

/** Names under which each condition of a matter is evaluated. */
export const conditionName = {
  when: names((index) => `standard:${index}:when`),
  require: names((index) => `standard:${index}:require`),
  requiredWhen: names((index) => `material:${index}:requiredWhen`),
  /** The matter's 告知承诺 credit guard (commitment.eligibility.require). */
  commitmentEligibility: "commitment:eligibility",
};

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
    /** The evaluator of the conditions; the compiled one by default. */
    engine?: EngineKind;
  },
): CompiledMatter {
  for (const [id, derived] of Object.entries(file.derived)) {
    const fn = DERIVED_FUNCTIONS.get(derived.function);
    if (fn === undefined) {
      throw new Error(`derived fact ${id}: unknown function ${derived.function}`);
    }
    // Catalog indexes are built now, at load, not by the first decision (DESIGN §3).
    fn.prepare?.({ options: derived.options, catalogs: context.catalogs });
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
  if (file.commitment?.available === true) {
    conditions.push({
      name: conditionName.commitmentEligibility,
      condition: file.commitment.eligibility.require,
    });
  }
  return {
    file,
    sha256: context.sha256,
    laws: context.laws,
    catalogs: context.catalogs,
    validateData: context.ajv.compile(file.input.data),
    validateEvidence: context.ajv.compile(file.input.evidence),
    engine: new RuleEngine(conditions, context.engine ? { engine: context.engine } : {}),
    derivedSteps: Object.entries(file.derived).map(([id, spec]) => ({
      id,
      spec,
      fn: DERIVED_FUNCTIONS.get(spec.function),
    })),
    leafPlans: file.standards.map((standard) => ({
      when: standard.when ? leafPlan(standard.when) : undefined,
      require: leafPlan(standard.require),
    })),
  };
}
