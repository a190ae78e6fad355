import { type Condition, type FactSource, isLeaf } from "../../model/condition.js";
import type { MatterFile } from "../../model/matter.js";
import { type FactDomain, factDomain } from "./fact-domain.js";
import { type Conjunct, disjuncts, type Literal, product, type Segments } from "./normal-form.js";
import { type Conflict, type Possibility, possibility } from "./satisfiable.js";

/** A condition as a lint rule asks about it: where it is, and whether it must hold or fail. */
export interface Goal {
  condition: Condition;
  at: Segments;
  /** Ask whether the condition can be false (with its values known) instead of true. */
  negated?: boolean;
}

/** The innermost part of an impossible goal that is impossible on its own, and why. */
export interface Culprit {
  at: Segments;
  conflict: Conflict;
}

/** What the condition lint rules of one matter share: fact domains are looked up once. */
export interface ConditionAnalysis {
  /** Whether all the goals can be met by one application. */
  possible(...goals: Goal[]): Possibility;
  /** For an impossible goal: the innermost part that is impossible on its own. */
  culprit(goal: Goal): Culprit;
  /** Parts of a possible goal that can never be met, outermost first. */
  deadParts(goal: Goal): Culprit[];
}

/**
 * Static analysis of a matter's conditions over the values its input schema, derived
 * functions and material channels allow.
 *
 * @example
 * const analysis = conditionAnalysis(matter);
 * analysis.possible({ condition: standard.when, at: ["standards", 3, "when"] }).possible; // false: never applies
 */
export function conditionAnalysis(
  matter: Pick<MatterFile, "input" | "derived"> & Partial<Pick<MatterFile, "materials">>,
): ConditionAnalysis {
  const domains = new Map<FactSource, Map<string, FactDomain>>();
  const domainOf = (fact: FactSource, path: string): FactDomain => {
    let byPath = domains.get(fact);
    if (byPath === undefined) {
      byPath = new Map();
      domains.set(fact, byPath);
    }
    let domain = byPath.get(path);
    if (domain === undefined) {
      domain = factDomain(matter, fact, path);
      byPath.set(path, domain);
    }
    return domain;
  };
  // The rules ask about the same conditions again and again (a standard's `when` alone, with
  // its `require`, negated…), and `culprit` and `deadParts` about their parts: each goal's
  // normal form and each combination's answer are worked out once per matter. Conditions are
  // told apart by identity: each sits at one place in the file (parsed JSON shares no object),
  // so its `at` goes with it.
  const ids = new WeakMap<Condition, number>();
  let nextId = 0;
  const goalKey = ({ condition, negated }: Goal): string => {
    let id = ids.get(condition);
    if (id === undefined) {
      id = nextId++;
      ids.set(condition, id);
    }
    return negated ? `!${id}` : String(id);
  };
  const normalForms = new Map<string, Conjunct[] | undefined>();
  const alternatives = (goal: Goal, key: string): Conjunct[] | undefined => {
    if (normalForms.has(key)) return normalForms.get(key);
    const found = disjuncts(goal.condition, goal.negated ?? false, goal.at);
    normalForms.set(key, found);
    return found;
  };
  const answers = new Map<string, Possibility>();
  const satisfiable = new Map<string, boolean>();
  const possible = (...goals: Goal[]): Possibility => {
    const keys = goals.map(goalKey);
    const key = keys.join("&");
    let answer = answers.get(key);
    if (answer === undefined) {
      const lists = goals.map((goal, i) => alternatives(goal, keys[i] as string));
      answer = lists.some((l) => l === undefined)
        ? { possible: true }
        : possibility(product(lists as Conjunct[][]), domainOf, satisfiable);
      answers.set(key, answer);
    }
    return answer;
  };

  const culprit = (goal: Goal): Culprit => {
    const here = possible(goal);
    const conflict = here.possible ? undefined : here.conflict;
    const { condition, at } = goal;
    const negated = goal.negated ?? false;
    if (conflict === undefined) return { at, conflict: conflict as unknown as Conflict };
    // One comparison to blame: point at what it compares with.
    if (isLeaf(condition)) {
      return { at: [...at, condition.value === undefined ? "operator" : "value"], conflict };
    }
    if ("not" in condition) {
      return culprit({ condition: condition.not, at: [...at, "not"], negated: !negated });
    }
    const [key, parts] = "all" in condition ? ["all", condition.all] : ["any", condition.any];
    const children = parts.map((part, i) => ({
      condition: part,
      at: [...at, key, i],
      negated,
    }));
    const conjunctive = (key === "all") !== negated;
    if (conjunctive) {
      const impossible = children.find((child) => !possible(child).possible);
      return impossible ? culprit(impossible) : { at, conflict };
    }
    return children.length === 1 ? culprit(children[0] as Goal) : { at, conflict };
  };

  const deadParts = (goal: Goal): Culprit[] => {
    const { condition, at } = goal;
    const negated = goal.negated ?? false;
    if (isLeaf(condition)) return [];
    const children: Goal[] =
      "not" in condition
        ? [{ condition: condition.not, at: [...at, "not"], negated: !negated }]
        : ("all" in condition ? condition.all : condition.any).map((part, i) => ({
            condition: part,
            at: [...at, "all" in condition ? "all" : "any", i],
            negated,
          }));
    return children.flatMap((child) =>
      possible(child).possible ? deadParts(child) : [culprit(child)],
    );
  };

  return { possible, culprit, deadParts };
}

/**
 * Says in one phrase why literals can never hold together, naming the fact's allowed values.
 *
 * @example
 * explainConflict(conflict); // 'data.organization equal "company" can never hold (data.organization is "individual" or "family" in input.data)'
 */
export function explainConflict(conflict: Conflict): string {
  const { fact, path, domain } = conflict;
  const literals = [...new Set(conflict.literals.map(renderLiteral))];
  // Negated literals that can never hold together: one of the comparisons always holds.
  const alwaysTrue = conflict.literals.every((l) => l.negated);
  const claim = alwaysTrue
    ? `${[...new Set(conflict.literals.map((l) => renderLiteral({ ...l, negated: false })))].join(" or ")} always holds when known`
    : literals.length === 1
      ? `${literals[0]} can never hold`
      : `${literals.join(" and ")} can never hold together`;
  const subject = `${fact}.${path}`;
  if (fact === "materials") {
    return `${claim} (material ${path} counts only when submitted via ${domain.values?.join(", ")})`;
  }
  if (domain.values) {
    const values = domain.values.map((v) => JSON.stringify(v)).join(" or ");
    return `${claim} (${subject} is ${values} in ${domain.source})`;
  }
  if (domain.types && literals.length === 1) {
    const bounds = [
      domain.minimum !== undefined && `≥ ${domain.minimum}`,
      domain.exclusiveMinimum !== undefined && `> ${domain.exclusiveMinimum}`,
      domain.maximum !== undefined && `≤ ${domain.maximum}`,
      domain.exclusiveMaximum !== undefined && `< ${domain.exclusiveMaximum}`,
    ].filter(Boolean);
    const kind = [...domain.types].join(" or ");
    return `${claim} (${subject} is ${kind === "integer" ? "an" : "a"} ${kind}${bounds.length > 0 ? ` ${bounds.join(", ")}` : ""} in ${domain.source})`;
  }
  return claim;
}

function renderLiteral({ leaf, negated }: Literal): string {
  const value = leaf.value;
  const operand =
    value === undefined
      ? ""
      : typeof value === "object" && value !== null && !Array.isArray(value) && "fact" in value
        ? ` ${String(value.fact)}.${String(value.path)}`
        : ` ${JSON.stringify(value)}`;
  const text = `${leaf.fact}.${leaf.path} ${leaf.operator}${operand}`;
  return negated ? `not (${text})` : text;
}
