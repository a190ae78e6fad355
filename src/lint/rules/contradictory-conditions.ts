import { explainConflict } from "../conditions/analysis.js";
import type { MatterRule } from "../lint-context.js";

/**
 * `contradictory-conditions` (error): a standard whose `when` and `require` can each hold but
 * never together — whenever the standard applies, it fails. (Contradictions inside one
 * `require` are reported by the impossible-requirement rule, under the same code.)
 */
export const contradictoryConditions: MatterRule = ({ matter, analysis, issue }) =>
  matter.standards.flatMap((standard, i) => {
    if (standard.when === undefined) return [];
    const when = { condition: standard.when, at: ["standards", i, "when"] };
    const require = { condition: standard.require, at: ["standards", i, "require"] };
    if (!analysis.possible(when).possible || !analysis.possible(require).possible) return [];
    const together = analysis.possible(when, require);
    if (together.possible) return [];
    return [
      issue(
        "contradictory-conditions",
        `standard ${standard.id} can never pass when it applies (its when and require contradict): ${explainConflict(together.conflict)}`,
        require.at,
      ),
    ];
  });
