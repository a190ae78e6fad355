import { explainConflict } from "../conditions/analysis.js";
import type { MatterRule } from "../lint-context.js";

/**
 * `unreachable-standard` (error): a standard whose `when` can never hold, given the values the
 * input schema, the derived functions and the material channels allow. The standard is never
 * applied: whatever it was meant to enforce is silently not enforced.
 */
export const unreachableStandard: MatterRule = ({ matter, analysis, issue }) =>
  matter.standards.flatMap((standard, i) => {
    if (standard.when === undefined) return [];
    const goal = { condition: standard.when, at: ["standards", i, "when"] };
    if (analysis.possible(goal).possible) return [];
    const { at, conflict } = analysis.culprit(goal);
    return [
      issue(
        "unreachable-standard",
        `standard ${standard.id} can never apply: ${explainConflict(conflict)}`,
        at,
      ),
    ];
  });
