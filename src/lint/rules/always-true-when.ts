import { explainConflict } from "../conditions/analysis.js";
import type { MatterRule } from "../lint-context.js";

/**
 * `always-true-when` (warning): a `when` that can never be false. It does not limit the
 * standard to any case; it only makes the standard unknown while its facts are missing.
 */
export const alwaysTrueWhen: MatterRule = ({ matter, analysis, issue }) =>
  matter.standards.flatMap((standard, i) => {
    if (standard.when === undefined) return [];
    const at = ["standards", i, "when"];
    if (!analysis.possible({ condition: standard.when, at }).possible) return [];
    const failing = analysis.possible({ condition: standard.when, at, negated: true });
    if (failing.possible) return [];
    return [
      issue(
        "always-true-when",
        `the when of standard ${standard.id} can never be false, so it limits nothing: ${explainConflict(failing.conflict)}`,
        at,
      ),
    ];
  });
