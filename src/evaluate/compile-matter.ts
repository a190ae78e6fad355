import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { canonicalJson } from "../json/canonical-json.js";
import type { CatalogEntry } from "../model/catalog.js";
import type { LocalizedText } from "../model/common.js";
import type { DerivedFact, MatterFile } from "../model/matter.js";
import type { DerivedFunction } from "./derived/derived-function.js";
import { DERIVED_FUNCTIONS } from "./derived/registry.js";
import { ENUM_TITLES_KEYWORD } from "./field-messages.js";
import { linearRegExpEngine } from "./linear-pattern.js";
import { ConditionSlots, type EngineKind, RuleEngine } from "./rule-engine.js";

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
  /** Where each condition's tree is in the engine's results (see ConditionSlots). */
  readonly slots: MatterSlots;
  /** The derived facts in file order, each with its function looked up once. */
  readonly derivedSteps: ReadonlyArray<{
    id: string;
    spec: DerivedFact;
    fn: DerivedFunction | undefined;
  }>;
}

/**
 * The slot of each condition of a matter: the index of its evaluated tree in `engine.run`'s
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
 * Keywords a rule file may add to its input schemas: annotations only, read by the notices
 * (`x-enumTitles`, field-messages.ts) and the lint (`x-identity-number`). They are declared to
 * ajv so that strict mode accepts them, and every other unknown keyword is an error.
 */
export const ANNOTATION_KEYWORDS: readonly string[] = [ENUM_TITLES_KEYWORD, "x-identity-number"];

/**
 * Thrown by a schema compiler's `compile` when a schema breaks ajv's strict mode: every problem
 * ajv found (an unknown keyword or format, `required` naming a property not described, a type
 * a keyword needs not stated…), each as ajv words it, most with the schema path (`#/…`).
 */
export class SchemaStrictError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(problems.join("; "));
    this.name = "SchemaStrictError";
    this.problems = problems;
  }
}

/**
 * One JSON Schema compiler for the whole process: matters' input schemas are compiled once at
 * load, in ajv's strict mode. A schema mistake ajv would only warn about (an unknown `format` —
 * then never checked —, `required` naming a property the schema does not describe — then never
 * satisfiable —, an unknown keyword, a typo'd type) is an error, never a line on stderr: ajv's
 * strict problems are gathered (`strict: "log"` into a logger of our own) and, if there is any,
 * `compile` throws `SchemaStrictError` with all of them, so the checker can locate each one.
 * `title`, `description` and the other annotations of JSON Schema are accepted, as are the
 * `ANNOTATION_KEYWORDS`. Compiled validators are shared by schema text, not only by object
 * identity as in ajv's own cache: the versions of a matter, or matters sharing one form,
 * compile their schema once.
 */
export function createSchemaCompiler(options: { trusted?: boolean } = {}): Ajv {
  let problems: string[] | undefined;
  const collect = (...args: unknown[]) => {
    const message = args.map(String).join(" ");
    if (problems) problems.push(message);
  };
  // Ajv's code-optimisation pass saves about a tenth of a microsecond per validation and costs
  // about a third of the compile time, which is cold start: it is off. `trusted` schemas were
  // validated before (stored rules): they are not checked against the meta-schema again.
  const ajv = new Ajv({
    allErrors: true,
    strict: "log",
    logger: { log: () => {}, warn: collect, error: collect },
    code: { optimize: false, regExp: linearRegExpEngine },
    ...(options.trusted && { validateSchema: false }),
  });
  addFormats(ajv);
  for (const keyword of ANNOTATION_KEYWORDS) ajv.addKeyword({ keyword });
  const strictCompile = (schema: object, meta?: boolean): ValidateFunction => {
    const outer = problems;
    problems = [];
    try {
      const validate = compile(schema, meta);
      if (problems.length > 0) {
        // Ajv keeps what it compiled by object identity: it must not be found there next time.
        ajv.removeSchema(schema);
        throw new SchemaStrictError(problems);
      }
      return validate;
    } finally {
      problems = outer;
    }
  };
  const compile = ajv.compile.bind(ajv);
  const byText = new Map<string, ValidateFunction>();
  ajv.compile = ((schema: unknown, meta?: boolean) => {
    if (meta === true || schema === null || typeof schema !== "object") {
      return strictCompile(schema as object, meta);
    }
    const text = canonicalJson(schema);
    let validate = byText.get(text);
    if (validate === undefined) {
      validate = strictCompile(schema as object, meta);
      byText.set(text, validate);
    }
    return validate;
  }) as Ajv["compile"];
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
    validateData: context.ajv.compile(file.input.data),
    validateEvidence: context.ajv.compile(file.input.evidence),
    engine: new RuleEngine(conditions.conditions, context.engine ? { engine: context.engine } : {}),
    slots,
    derivedSteps: Object.entries(file.derived).map(([id, spec]) => ({
      id,
      spec,
      fn: DERIVED_FUNCTIONS.get(spec.function),
    })),
  };
}
