import { explainConflict } from "../conditions/analysis.js";
import type { MatterRule } from "../lint-context.js";

/**
 * `material-never-required` (error): a material whose `requiredWhen` can never hold. No
 * application is ever asked for it, though the checklist lists it.
 */
export const materialNeverRequired: MatterRule = ({ matter, analysis, issue }) =>
  matter.materials.flatMap((material, i) => {
    if (material.requiredWhen === undefined) return [];
    const goal = { condition: material.requiredWhen, at: ["materials", i, "requiredWhen"] };
    if (analysis.possible(goal).possible) return [];
    const { at, conflict } = analysis.culprit(goal);
    return [
      issue(
        "material-never-required",
        `material ${material.id} is never required: ${explainConflict(conflict)}`,
        at,
      ),
    ];
  });
