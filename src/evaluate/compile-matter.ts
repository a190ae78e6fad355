import type { ValidateFunction } from "ajv";
import type { CatalogEntry } from "../model/catalog.js";
import type { LocalizedText } from "../model/common.js";
import type { DerivedFact, MatterFile } from "../model/matter.js";
import { ConditionEvaluator, ConditionSlots, type EvaluatorKind } from "./condition-evaluator.js";
import type { DerivedFunction } from "./derived/derived-function.js";
import { DERIVED_FUNCTIONS } from "./derived/registry.js";

/**
 * Where a matter's input-schema validators come from: ajv compiling them now
 * (`createSchemaCompiler`, schema-compiler.ts), or validators generated beforehand
 * (precompiled-validators.ts) — the browser, and the CLI on the rules stored at build time,
 * never load ajv.
 */
export interface SchemaValidators {
  compile(schema: object): ValidateFunction;
}

/** A matter version with everything that can be done once already done. */
export interface CompiledMatter {
  readonly file: MatterFile;
  readonly sha256: string;
  readonly laws: ReadonlyMap<string, LocalizedText>;
  readonly catalogs: ReadonlyMap<string, readonly CatalogEntry[]>;
  readonly validateData: ValidateFunction;
  readonly validateEvidence: ValidateFunction;
  readonly evaluator: ConditionEvaluator;
  /** Where each condition's tree is in the evaluator's results (see ConditionSlots). */
  readonly slots: MatterSlots;
  /** The derived facts in file order, each with its function looked up once. */
  readonly derivedSteps: ReadonlyArray<{
    id: string;
    spec: DerivedFact;
    fn: DerivedFunction | undefined;
  }>;
}

/**
 * The slot of each condition of a matter: the index of its evaluated tree in `evaluator.run`'s
 * results. Standards and materials in file order; `undefined` where there is no condition.
 */
export interface MatterSlots {
  readonly standards: ReadonlyArray<{
    readonly when: number | undefined;
    readonly require: number;
  }>;
  /** Each material's `requiredWhen`. */
  readonly materials: ReadonlyArray<number | undefined>;
  /** The matter's 告知承诺 credit guard (commitment.eligibility.require), when it offers one. */
  readonly commitmentEligibility: number | undefined;
}

/**
 * Compiles a validated matter file: its input schemas (`validators`), its conditions
 * (json-rules-engine rule JSON, built once) and its law titles. Throws only on what the
 * validator already reports (an input schema ajv cannot compile); callers validate first.
 *
 * @example
 * const compiled = compileMatter(file, { sha256, laws, catalogs, validators: createSchemaCompiler() });
 */
export function compileMatter(
  file: MatterFile,
  context: {
    sha256: string;
    laws: ReadonlyMap<string, LocalizedText>;
    catalogs: ReadonlyMap<string, readonly CatalogEntry[]>;
    validators: SchemaValidators;
    /** The evaluator of the conditions; the compiled one by default. */
    evaluator?: EvaluatorKind;
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
  const conditions = new ConditionSlots();
  const slots: MatterSlots = {
    standards: file.standards.map((standard) => ({
      when: standard.when ? conditions.slot(standard.when) : undefined,
      require: conditions.slot(standard.require),
    })),
    materials: file.materials.map((material) =>
      material.requiredWhen ? conditions.slot(material.requiredWhen) : undefined,
    ),
    commitmentEligibility:
      file.commitment?.available === true
        ? conditions.slot(file.commitment.eligibility.require)
        : undefined,
  };
  return {
    file,
    sha256: context.sha256,
    laws: context.laws,
    catalogs: context.catalogs,
    validateData: context.validators.compile(file.input.data),
    validateEvidence: context.validators.compile(file.input.evidence),
    evaluator: new ConditionEvaluator(
      conditions.conditions,
      context.evaluator ? { kind: context.evaluator } : {},
    ),
    slots,
    derivedSteps: Object.entries(file.derived).map(([id, spec]) => ({
      id,
      spec,
      fn: DERIVED_FUNCTIONS.get(spec.function),
    })),
  };
}
