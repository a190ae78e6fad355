import { explainConflict } from "../conditions/analysis.js";
import type { MatterRule } from "../lint-context.js";

/**
 * `always-true-standard` (warning): a standard that can never fail where it applies — the
 * input schema already guarantees what `require` checks, so the standard can only ever be
 * unknown (asking for a missing value). If that is the intent, `present` says so plainly.
 */
export const alwaysTrueStandard: MatterRule = ({ matter, analysis, issue }) =>
  matter.standards.flatMap((standard, i) => {
    const when = standard.when && { condition: standard.when, at: ["standards", i, "when"] };
    const require = { condition: standard.require, at: ["standards", i, "require"] };
    if (when && !analysis.possible(when).possible) return [];
    if (!analysis.possible(...(when ? [when] : []), require).possible) return [];
    const failing = analysis.possible(...(when ? [when] : []), { ...require, negated: true });
    if (failing.possible) return [];
    return [
      issue(
        "always-true-standard",
        `standard ${standard.id} can never fail, only be unknown while values are missing: ${explainConflict(failing.conflict)}`,
        require.at,
      ),
    ];
  });
