import { acceptedChannels } from "../../evaluate/material-channels.js";
import type { Issue } from "../../model/issue.js";
import { conditionRoots, isFactRef, leavesOf } from "../conditions/condition-roots.js";
import type { MatterRule } from "../lint-context.js";

/**
 * `unrestricted-material-channel` (error): a condition reads a material without naming the
 * channels it means (`present`, `absent`, `notIn`…). "Submitted" means different things by
 * channel — the document itself (`upload`, `e-sign`, `shared`), a promise to supply it
 * (`commitment`), a deferral — and a condition that counts any channel once let a
 * pre-approval document "sent by commitment" reach the check of shared data, which then
 * referred the case, where the law asks for a plain 补正 naming the accepted channels.
 * Write `"operator": "in", "value": [<channels>]` (or `equal` one channel), and `not` around
 * it for the negative.
 *
 * `unaccepted-material-channel` (error): such a list names a channel the material does not
 * accept (its `satisfiedBy`, and `deferred` when deferrable). A submission by it does not
 * count — the material is missing — so the comparison can never hold.
 */
export const materialChannel: MatterRule = ({ matter, issue }) => {
  const issues: Issue[] = [];
  const materials = new Map(matter.materials.map((m) => [m.id, m]));
  for (const { condition, at, owner } of conditionRoots(matter)) {
    for (const { leaf, at: leafAt } of leavesOf(condition, at)) {
      if (leaf.fact !== "materials") continue;
      const material = materials.get(leaf.path);
      // An unknown material is the loader's `unknown-path`.
      if (material === undefined) continue;
      const accepted: readonly string[] = acceptedChannels(material);
      const named =
        leaf.operator === "in" && Array.isArray(leaf.value)
          ? leaf.value
          : leaf.operator === "equal" && !isFactRef(leaf.value)
            ? [leaf.value]
            : undefined;
      if (named === undefined) {
        issues.push(
          issue(
            "unrestricted-material-channel",
            `${owner} reads material ${material.id} with "${leaf.operator}", which does not say by which channels it counts as submitted; write "operator": "in", "value": ${JSON.stringify(accepted)} (the channels ${material.id} accepts), or fewer, and "not" around it for the negative`,
            [...leafAt, "operator"],
          ),
        );
        continue;
      }
      named.forEach((channel, i) => {
        if (accepted.includes(String(channel))) return;
        issues.push(
          issue(
            "unaccepted-material-channel",
            `${owner} reads material ${material.id} as submitted via ${JSON.stringify(channel)}, which ${material.id} does not accept (it accepts ${accepted.join(", ")}): such a submission leaves the material missing, a 补正, so this can never hold`,
            Array.isArray(leaf.value) ? [...leafAt, "value", i] : [...leafAt, "value"],
          ),
        );
      });
    }
  }
  return issues;
};
