import type { Decision } from "../model/decision.js";
import type { MatterFile } from "../model/matter.js";
import type { MatterSummary } from "../rule-set/rule-set.js";

/** One standard, material or referral code, with how often the fixtures saw each status. */
export interface ItemCoverage {
  id: string;
  /** Decisions per status (`pass`, `fail`, `unknown`, `not-applicable`; `satisfied`, …; `raised`). */
  seen: Record<string, number>;
  /** The goals of this item no fixture reached. */
  uncovered: string[];
}

export interface CategoryCoverage {
  /** Goals reached and goals in all. */
  covered: number;
  total: number;
  items: ItemCoverage[];
}

/** How much of one matter version the fixtures exercise. */
export interface MatterCoverage {
  matter: string;
  version: string;
  /** Decisions made under this version. */
  decisions: number;
  standards: CategoryCoverage;
  materials: CategoryCoverage;
  referrals: CategoryCoverage;
  /** Goals reached over goals in all, 0–100, one decimal. */
  percent: number;
}

/**
 * What counts as exercised, as goals (like branch coverage):
 * - a standard: `pass` and `fail` — once each, by some fixture (unknown and not-applicable are
 *   counted and shown, but are not goals: the failing branch is the one a notice depends on);
 * - a material: `supplied` (satisfied, committed or deferred) and `missing`, and also
 *   `not-required` when it has a `requiredWhen`;
 * - a referral code: `raised` by some decision.
 */
export const COVERAGE_GOALS = {
  standard: ["pass", "fail"],
  material: ["supplied", "missing"],
  conditionalMaterial: ["supplied", "missing", "not-required"],
  referral: ["raised"],
} as const;

const SUPPLIED = new Set(["satisfied", "committed", "deferred"]);

/**
 * Measures, per matter version, which standards, materials and referral codes the fixtures'
 * decisions exercised. Every version of every matter loaded is listed, even one no fixture
 * reaches (at 0%), as `opa test --coverage` lists every policy file.
 *
 * @example
 * const decisions: Decision[] = [];
 * await runFixtures(["fixtures"], rules, { onDecision: (d) => decisions.push(d) });
 * fixtureCoverage(versionsOf(rules), decisions)[0]?.percent; // 87.5
 */
export function fixtureCoverage(
  versions: ReadonlyArray<MatterFile>,
  decisions: readonly Decision[],
): MatterCoverage[] {
  return versions.map((file) => {
    const mine = decisions.filter(
      (d) => d.matter.id === file.matter && d.matter.version === file.version,
    );
    const standards = category(
      file.standards.map((s) => s.id),
      () => COVERAGE_GOALS.standard,
      (id) => tally(mine.flatMap((d) => d.checks.filter((c) => c.id === id).map((c) => c.status))),
      (seen, goal) => (seen[goal] ?? 0) > 0,
    );
    const conditional = new Set(file.materials.filter((m) => m.requiredWhen).map((m) => m.id));
    const materials = category(
      file.materials.map((m) => m.id),
      (id) => (conditional.has(id) ? COVERAGE_GOALS.conditionalMaterial : COVERAGE_GOALS.material),
      (id) =>
        tally(mine.flatMap((d) => d.materials.filter((m) => m.id === id).map((m) => m.status))),
      (seen, goal) =>
        goal === "supplied"
          ? Object.entries(seen).some(([status, n]) => SUPPLIED.has(status) && n > 0)
          : (seen[goal] ?? 0) > 0,
    );
    const referrals = category(
      file.referrals.map((r) => r.code),
      () => COVERAGE_GOALS.referral,
      (code) => {
        const raised = mine.filter((d) => d.referrals.some((r) => r.code === code)).length;
        return raised > 0 ? { raised } : {};
      },
      (seen, goal) => (seen[goal] ?? 0) > 0,
    );
    const covered = standards.covered + materials.covered + referrals.covered;
    const total = standards.total + materials.total + referrals.total;
    return {
      matter: file.matter,
      version: file.version,
      decisions: mine.length,
      standards,
      materials,
      referrals,
      percent: total === 0 ? 100 : Math.floor((covered / total) * 1000) / 10,
    };
  });
}

function category(
  ids: readonly string[],
  goalsOf: (id: string) => readonly string[],
  seenOf: (id: string) => Record<string, number>,
  reached: (seen: Record<string, number>, goal: string) => boolean,
): CategoryCoverage {
  let covered = 0;
  let total = 0;
  const items = ids.map((id) => {
    const seen = seenOf(id);
    const goals = goalsOf(id);
    const uncovered = goals.filter((goal) => !reached(seen, goal));
    covered += goals.length - uncovered.length;
    total += goals.length;
    return { id, seen, uncovered };
  });
  return { covered, total, items };
}

function tally(statuses: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

/**
 * Every version of every matter a rule set holds, oldest first.
 *
 * @example
 * versionsOf(rules.matters(), (id, from) => rules.versionInForce(id, from)?.file);
 */
export function versionsOf(
  matters: readonly MatterSummary[],
  fileOf: (id: string, from: string) => MatterFile | undefined,
): MatterFile[] {
  return matters.flatMap((m) =>
    m.versions.flatMap((v) => {
      const file = fileOf(m.id, v.from);
      return file ? [file] : [];
    }),
  );
}
