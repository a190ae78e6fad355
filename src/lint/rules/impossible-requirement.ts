import { explainConflict } from "../conditions/analysis.js";
import type { MatterRule } from "../lint-context.js";

/**
 * A `require` that can never hold, on its own: every application the standard applies to
 * fails it (or stays unknown). `impossible-requirement` (error) when one comparison can never
 * hold given the values allowed; `contradictory-conditions` (error) when comparisons that can
 * each hold contradict one another (`age ≥ 18` and `age < 16`).
 */
export const impossibleRequirement: MatterRule = ({ matter, analysis, issue }) =>
  matter.standards.flatMap((standard, i) => {
    const goal = { condition: standard.require, at: ["standards", i, "require"] };
    if (analysis.possible(goal).possible) return [];
    const { at, conflict } = analysis.culprit(goal);
    const contradiction = new Set(conflict.literals.map((l) => l.at.join("/"))).size > 1;
    const consequence =
      standard.onFail.outcome === "refer"
        ? `every application it applies to is referred (${standard.onFail.code})`
        : `every application it applies to is asked to correct ${standard.onFail.field}`;
    return [
      issue(
        contradiction ? "contradictory-conditions" : "impossible-requirement",
        `standard ${standard.id} can never pass: ${explainConflict(conflict)}; ${consequence}`,
        at,
      ),
    ];
  });
