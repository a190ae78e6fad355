import { Engine, type RuleProperties, type TopLevelCondition } from "json-rules-engine";
import { type Condition, type FactSource, isLeaf } from "../model/condition.js";
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
 * Runs a matter's conditions on json-rules-engine, the engine of record, hardened as
 * DESIGN §8 requires: a dot-path resolver instead of JSONPath, one priority level, and a pool
 * so that no Engine ever serves two overlapping runs (its run status is engine-wide state,
 * upstream issue #303). Every condition must come back with a result or the run is rejected.
 */
export class RuleEngine {
  readonly #rules: RuleProperties[];
  readonly #idle: Engine[] = [];

  /** Builds the rule JSON once; engines are created lazily, one per concurrent run. */
  constructor(conditions: readonly NamedCondition[]) {
    this.#rules = conditions.map(({ name, condition }) => ({
      name,
      // Wrapping in `all` gives json-rules-engine the top-level node it needs; the fold
      // unwraps it again.
      conditions: { all: [toEngineCondition(condition)] } as TopLevelCondition,
      event: { type: name },
    }));
  }

  /**
   * Evaluates every condition against the facts and returns each evaluated tree by name.
   *
   * @example
   * const trees = await engine.run({ data, evidence, derived });
   * fold(trees.get("standard:GT-C02")!);
   */
  async run(facts: Facts): Promise<Map<string, EvaluatedCondition>> {
    const engine = this.#idle.pop() ?? this.#createEngine();
    try {
      const { results, failureResults } = await engine.run(facts);
      const trees = new Map<string, EvaluatedCondition>();
      for (const result of [...results, ...failureResults]) {
        const top = result.conditions as unknown as { all: EvaluatedCondition[] };
        const tree = top.all[0];
        if (result.name !== undefined && tree !== undefined) trees.set(String(result.name), tree);
      }
      if (trees.size !== this.#rules.length) {
        throw new Error(
          `json-rules-engine returned ${trees.size} of ${this.#rules.length} rule results`,
        );
      }
      return trees;
    } finally {
      this.#idle.push(engine);
    }
  }

  #createEngine(): Engine {
    const engine = new Engine(this.#rules, {
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
