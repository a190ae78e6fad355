import { explainConflict } from "../conditions/analysis.js";
import { conditionRoots } from "../conditions/condition-roots.js";
import type { MatterRule } from "../lint-context.js";

/**
 * `dead-condition` (warning): a part of a condition that can never hold (or, under `not`,
 * never be false) while the condition as a whole still can — a branch of `any` that never
 * matters, usually a typo in a value. Whole conditions that can never hold are errors of
 * their own (unreachable-standard, impossible-requirement, material-never-required).
 */
export const deadCondition: MatterRule = ({ matter, analysis, issue }) =>
  conditionRoots(matter).flatMap(({ condition, at, owner }) => {
    if (!analysis.possible({ condition, at }).possible) return [];
    return analysis
      .deadParts({ condition, at })
      .map((dead) =>
        issue(
          "dead-condition",
          `this part of ${owner} never matters: ${explainConflict(dead.conflict)}`,
          dead.at,
        ),
      );
  });
