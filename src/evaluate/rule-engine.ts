import type { Engine, RuleProperties, TopLevelCondition } from "json-rules-engine";
import type { Condition, FactSource } from "../model/condition.js";
import { isLeaf } from "../model/is-leaf.js";
import { canonicalJson } from "./canonical-json.js";
import { type CompiledCondition, compileCondition } from "./compiled-condition.js";
import { CUSTOM_OPERATORS } from "./operators.js";
import { resolvePath } from "./path-resolver.js";
import type { EvaluatedCondition } from "./three-valued.js";

/** One condition tree to evaluate, named so its result can be found again. */
export interface NamedCondition {
  name: string;
  condition: Condition;
}

export type Facts = Record<FactSource, Record<string, unknown>>;

/**
 * Which evaluator runs the conditions:
 * - `json-rules-engine`: the engine of record, run through the hardened wrapper below;
 * - `compiled`: the same condition JSON compiled once into synchronous functions that give the
 *   same evaluated trees (see compiled-condition.ts), held to json-rules-engine's results by the
 *   differential test. Tens of times faster, and synchronous; the default.
 */
export type EngineKind = "compiled" | "json-rules-engine";
export const ENGINE_KINDS: readonly EngineKind[] = ["compiled", "json-rules-engine"];
export const DEFAULT_ENGINE: EngineKind = "compiled";

export type ConditionTrees = ReadonlyMap<string, EvaluatedCondition>;

/**
 * json-rules-engine is imported only when a json-rules-engine run first needs it (as
 * "#json-rules-engine": not in a browser build, see package.json "imports").
 */
let engineClass: Promise<typeof Engine> | undefined;

/**
 * Evaluates a matter's named conditions and returns each evaluated tree by name, with either
 * evaluator. Identical conditions (the same `when` on several standards) are evaluated once.
 *
 * json-rules-engine runs hardened as DESIGN §8 requires: a dot-path resolver instead of
 * JSONPath, one rule at one priority level holding every condition (json-rules-engine deep-clones
 * each rule on every run, so one rule is cheaper than one per condition, and no condition is
 * short-circuited), and a pool so that no Engine ever serves two overlapping runs (its run status
 * is engine-wide state, upstream issue #303). Every condition must come back with a result or
 * the run is rejected.
 */
export class RuleEngine {
  readonly kind: EngineKind;
  /** The distinct conditions, and for each name the index of its condition. */
  readonly #conditions: Condition[] = [];
  readonly #slots = new Map<string, number>();
  readonly #compiled: CompiledCondition[] = [];
  #rules: RuleProperties[] | undefined;
  readonly #idle: Engine[] = [];

  /** Compiles or builds the rule JSON once; json-rules-engine engines are made lazily. */
  constructor(conditions: readonly NamedCondition[], options: { engine?: EngineKind } = {}) {
    this.kind = options.engine ?? DEFAULT_ENGINE;
    const byText = new Map<string, number>();
    for (const { name, condition } of conditions) {
      const text = canonicalJson(condition);
      let index = byText.get(text);
      if (index === undefined) {
        index = this.#conditions.push(condition) - 1;
        byText.set(text, index);
      }
      this.#slots.set(name, index);
    }
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
   * fold(trees.get("standard:3:require")!);
   */
  run(facts: Facts): ConditionTrees | Promise<ConditionTrees> {
    if (this.kind === "compiled") {
      const compiled = this.#compiled;
      const trees: EvaluatedCondition[] = new Array(compiled.length);
      for (let i = 0; i < compiled.length; i++)
        trees[i] = (compiled[i] as CompiledCondition)(facts);
      return this.#byName(trees);
    }
    return this.#runEngine(facts);
  }

  async #runEngine(facts: Facts): Promise<ConditionTrees> {
    if (this.#conditions.length === 0) return this.#byName([]);
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
      return this.#byName(trees);
    } finally {
      this.#idle.push(engine);
    }
  }

  #byName(trees: readonly EvaluatedCondition[]): ConditionTrees {
    return new TreesByName(this.#slots, trees);
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

/** The evaluated trees by condition name, without building a map on every run. */
class TreesByName implements ReadonlyMap<string, EvaluatedCondition> {
  readonly #slots: ReadonlyMap<string, number>;
  readonly #trees: readonly EvaluatedCondition[];

  constructor(slots: ReadonlyMap<string, number>, trees: readonly EvaluatedCondition[]) {
    this.#slots = slots;
    this.#trees = trees;
  }

  get size(): number {
    return this.#trees.length === 0 ? 0 : this.#slots.size;
  }

  get(name: string): EvaluatedCondition | undefined {
    const index = this.#slots.get(name);
    return index === undefined ? undefined : this.#trees[index];
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  *entries(): MapIterator<[string, EvaluatedCondition]> {
    for (const [name, index] of this.#slots) {
      const tree = this.#trees[index];
      if (tree !== undefined) yield [name, tree];
    }
  }

  *keys(): MapIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): MapIterator<EvaluatedCondition> {
    for (const [, tree] of this.entries()) yield tree;
  }

  [Symbol.iterator](): MapIterator<[string, EvaluatedCondition]> {
    return this.entries();
  }

  forEach(
    callback: (
      tree: EvaluatedCondition,
      name: string,
      map: ReadonlyMap<string, EvaluatedCondition>,
    ) => void,
  ): void {
    for (const [name, tree] of this.entries()) callback(tree, name, this);
  }
}

/** json-rules-engine requires a `value` on every leaf, even for `present` and `absent`. */
function toEngineCondition(condition: Condition): unknown {
  if (isLeaf(condition)) return { ...condition, value: condition.value ?? null };
  if ("all" in condition) return { all: condition.all.map(toEngineCondition) };
  if ("any" in condition) return { any: condition.any.map(toEngineCondition) };
  return { not: toEngineCondition(condition.not) };
}
