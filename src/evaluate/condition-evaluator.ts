import type { Engine, RuleProperties, TopLevelCondition } from "json-rules-engine";
import { canonicalJson } from "../json/canonical-json.js";
import type { Condition, FactSource } from "../model/condition.js";
import { isLeaf } from "../model/is-leaf.js";
import { type CompiledCondition, compileCondition } from "./compiled-condition.js";
import { CUSTOM_OPERATORS } from "./operators.js";
import { resolvePath } from "./path-resolver.js";
import type { EvaluatedCondition, Unreadable } from "./three-valued.js";

export type Facts = Record<FactSource, Record<string, unknown>>;

/**
 * Which evaluator runs the conditions:
 * - `json-rules-engine`: the engine of record, run through the hardened wrapper below;
 * - `compiled`: the same condition JSON compiled once into synchronous functions that give the
 *   same evaluated trees (see compiled-condition.ts), held to json-rules-engine's results by the
 *   differential test. Tens of times faster, and synchronous; the default.
 */
export type EvaluatorKind = "compiled" | "json-rules-engine";
export const EVALUATOR_KINDS: readonly EvaluatorKind[] = ["compiled", "json-rules-engine"];
export const DEFAULT_EVALUATOR: EvaluatorKind = "compiled";

/**
 * The evaluated trees of one run, by slot: the tree of the engine's `conditions[slot]`. Empty
 * only when the engine has no condition at all.
 */
export type ConditionTrees = readonly EvaluatedCondition[];

/** What the assessments read of one application's run: the trees by slot, and what was unreadable. */
export interface Evaluation {
  /** Empty when the engine failed (decide has referred): every condition is then unknown. */
  readonly trees: ConditionTrees;
  /** The values that failed their input schema (see `Unreadable`). */
  readonly unreadable: Unreadable;
}

/**
 * Gives each condition of a matter its slot, the index of its tree in every run's results:
 * compile-matter.ts asks once per condition and keeps the slot beside the standard or material
 * it belongs to, and the assessments read `trees[slot]` — no name is built or looked up. A
 * condition identical to one already slotted (the same `when` on several standards, by
 * canonical text) shares its slot, so it is evaluated once.
 *
 * @example
 * const slots = new ConditionSlots();
 * const when = slots.slot(standard.when); // 0
 * const engine = new ConditionEvaluator(slots.conditions);
 */
export class ConditionSlots {
  readonly conditions: Condition[] = [];
  readonly #byText = new Map<string, number>();

  slot(condition: Condition): number {
    const text = canonicalJson(condition);
    let slot = this.#byText.get(text);
    if (slot === undefined) {
      slot = this.conditions.push(condition) - 1;
      this.#byText.set(text, slot);
    }
    return slot;
  }
}

/**
 * json-rules-engine is imported only when a json-rules-engine run first needs it (as
 * "#json-rules-engine": not in a browser build, see package.json "imports").
 */
let engineClass: Promise<typeof Engine> | undefined;

/**
 * Evaluates a list of conditions and returns their evaluated trees in the same order (by slot,
 * see ConditionSlots), with either evaluator.
 *
 * json-rules-engine runs hardened as DESIGN §8 requires: a dot-path resolver instead of
 * JSONPath, one rule at one priority level holding every condition (json-rules-engine deep-clones
 * each rule on every run, so one rule is cheaper than one per condition, and no condition is
 * short-circuited), and a pool so that no Engine ever serves two overlapping runs (its run status
 * is engine-wide state, upstream issue #303). Every condition must come back with a result or
 * the run is rejected.
 */
export class ConditionEvaluator {
  readonly kind: EvaluatorKind;
  readonly #conditions: readonly Condition[];
  readonly #compiled: readonly CompiledCondition[] = [];
  #rules: RuleProperties[] | undefined;
  readonly #idle: Engine[] = [];

  /** Compiles or builds the rule JSON once; json-rules-engine engines are made lazily. */
  constructor(conditions: readonly Condition[], options: { kind?: EvaluatorKind } = {}) {
    this.kind = options.kind ?? DEFAULT_EVALUATOR;
    this.#conditions = [...conditions];
    if (this.kind === "compiled") this.#compiled = this.#conditions.map(compileCondition);
  }

  /**
   * Evaluates every condition against the facts: synchronously with the compiled evaluator, as
   * a promise with json-rules-engine. Throws (or rejects) when any condition cannot be
   * evaluated; the caller refers the case.
   *
   * @example
   * const ran = engine.run({ data, evidence, derived, materials });
   * const trees = ran instanceof Promise ? await ran : ran;
   * fold(trees[slot]);
   */
  run(facts: Facts): ConditionTrees | Promise<ConditionTrees> {
    if (this.kind === "compiled") {
      const compiled = this.#compiled;
      const trees: EvaluatedCondition[] = new Array(compiled.length);
      for (let i = 0; i < compiled.length; i++)
        trees[i] = (compiled[i] as CompiledCondition)(facts);
      return trees;
    }
    return this.#runEngine(facts);
  }

  async #runEngine(facts: Facts): Promise<ConditionTrees> {
    if (this.#conditions.length === 0) return [];
    const engine = this.#idle.pop() ?? (await this.#createEngine());
    try {
      const { results, failureResults } = await engine.run(facts);
      const [result, ...others] = [...results, ...failureResults];
      const top = result?.conditions as unknown as { all?: EvaluatedCondition[] } | undefined;
      const trees = top?.all ?? [];
      const evaluated = trees.filter((tree) => typeof tree.result === "boolean").length;
      if (others.length > 0 || trees.length !== this.#conditions.length) {
        throw new Error("json-rules-engine returned an unexpected set of rule results");
      }
      if (evaluated !== this.#conditions.length) {
        throw new Error(
          `json-rules-engine evaluated ${evaluated} of ${this.#conditions.length} conditions`,
        );
      }
      return trees;
    } finally {
      this.#idle.push(engine);
    }
  }

  async #createEngine(): Promise<Engine> {
    engineClass ??= import("#json-rules-engine").then((module) => module.Engine);
    const EngineClass = await engineClass;
    this.#rules ??= [
      {
        name: "conditions",
        conditions: { all: this.#conditions.map(toEngineCondition) } as TopLevelCondition,
        event: { type: "conditions" },
      },
    ];
    const engine = new EngineClass(this.#rules, {
      allowUndefinedFacts: true,
      pathResolver: (object, path) => resolvePath(object, path),
    });
    for (const [name, evaluate] of Object.entries(CUSTOM_OPERATORS)) {
      engine.addOperator(name, (a: unknown, b: unknown) => evaluate(a, b));
    }
    return engine;
  }
}

/** json-rules-engine requires a `value` on every leaf, even for `present` and `absent`. */
function toEngineCondition(condition: Condition): unknown {
  if (isLeaf(condition)) return { ...condition, value: condition.value ?? null };
  if ("all" in condition) return { all: condition.all.map(toEngineCondition) };
  if ("any" in condition) return { any: condition.any.map(toEngineCondition) };
  return { not: toEngineCondition(condition.not) };
}
