import type { CatalogFile } from "../model/catalog.js";
import type { Issue } from "../model/issue.js";
import {
  type LintTarget,
  type MatterRule,
  matterLintContext,
  type VersionsRule,
  type VersionTarget,
} from "./lint-context.js";
import { alwaysTrueStandard } from "./rules/always-true-standard.js";
import { alwaysTrueWhen } from "./rules/always-true-when.js";
import { contradictoryConditions } from "./rules/contradictory-conditions.js";
import { deadCondition } from "./rules/dead-condition.js";
import { effectiveGap } from "./rules/effective-gap.js";
import { impossibleRequirement } from "./rules/impossible-requirement.js";
import { invalidOperand } from "./rules/invalid-operand.js";
import { linearRegex } from "./rules/linear-regex.js";
import { materialChannel } from "./rules/material-channel.js";
import { materialNeverRequired } from "./rules/material-never-required.js";
import { rawIdentityNumber } from "./rules/raw-identity-number.js";
import { unknownCatalogField } from "./rules/unknown-catalog-field.js";
import { unreachableStandard } from "./rules/unreachable-standard.js";
import { versionOrder } from "./rules/version-order.js";

/** The rules run on each matter version, each a concept with its own stable codes. */
export const MATTER_RULES: Readonly<Record<string, MatterRule>> = {
  unreachableStandard,
  alwaysTrueWhen,
  impossibleRequirement,
  contradictoryConditions,
  alwaysTrueStandard,
  materialNeverRequired,
  deadCondition,
  invalidOperand,
  linearRegex,
  unknownCatalogField,
  rawIdentityNumber,
  materialChannel,
};

/** The rules run on all versions of one matter together. */
export const VERSIONS_RULES: Readonly<Record<string, VersionsRule>> = {
  versionOrder,
  effectiveGap,
};

/**
 * Lints matter files beyond what the schema and the loader's checks say: standards that can
 * never apply or never pass, contradictions, materials never required, regular
 * expressions RE2 cannot run, dangling catalog fields, identity numbers compared as typed, materials read
 * without their accepted channels, version numbers and gaps between effective windows.
 * Every finding is an issue located in its file. A rule that throws becomes an error issue
 * (`lint-failure`): a lint that cannot run must not let a file through unexamined.
 *
 * @example
 * const issues = lintMatters([{ file, document, matter }], { catalogs });
 */
export function lintMatters(
  targets: readonly LintTarget[],
  context: { catalogs: ReadonlyMap<string, CatalogFile> },
): Issue[] {
  return [...targets.flatMap((target) => lintMatter(target, context)), ...lintVersions(targets)];
}

/**
 * The rules over one matter version (`MATTER_RULES`).
 *
 * @example
 * const issues = lintMatter({ file, document, matter }, { catalogs });
 */
export function lintMatter(
  target: LintTarget,
  context: { catalogs: ReadonlyMap<string, CatalogFile> },
): Issue[] {
  const issues: Issue[] = [];
  const matterContext = matterLintContext(target, context.catalogs);
  for (const [name, rule] of Object.entries(MATTER_RULES)) {
    issues.push(...guarded(name, target, () => rule(matterContext)));
  }
  return issues;
}

/**
 * The rules over all the versions of each matter (`VERSIONS_RULES`).
 *
 * @example
 * const issues = lintVersions([{ file, document: document.outline(), matter }]);
 */
export function lintVersions(targets: readonly VersionTarget[]): Issue[] {
  const issues: Issue[] = [];
  const byMatter = new Map<string, VersionTarget[]>();
  for (const target of targets) {
    const versions = byMatter.get(target.matter.matter);
    if (versions) versions.push(target);
    else byMatter.set(target.matter.matter, [target]);
  }
  for (const versions of byMatter.values()) {
    for (const [name, rule] of Object.entries(VERSIONS_RULES)) {
      issues.push(...guarded(name, versions[0] as VersionTarget, () => rule(versions)));
    }
  }
  return issues;
}

function guarded(name: string, target: VersionTarget, run: () => Issue[]): Issue[] {
  try {
    return run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return [target.document.issue("lint-failure", `lint rule ${name} failed: ${message}`, "")];
  }
}
