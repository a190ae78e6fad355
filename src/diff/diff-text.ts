import type { ChangeArea, MatterChange, MatterDiff } from "./diff-matters.js";
import type { ReplayResult } from "./replay.js";

const AREA_TITLES: Readonly<Record<ChangeArea, string>> = {
  title: "title",
  effective: "in force",
  basis: "legal basis",
  "time-limit": "time limit",
  fee: "fee",
  standard: "standards",
  material: "materials",
  referral: "referral codes",
  derived: "derived facts",
  input: "input fields",
};

const MARK = { added: "+", removed: "-", changed: "~" } as const;

/**
 * The diff for people: what changed, grouped by area (standards, materials, time limit…), each
 * item marked `+` added, `-` removed or `~` changed with its fields before → after; then, when a
 * corpus was replayed, how many decisions change, grouped by old → new outcome, listing up to
 * `limit` applications per group.
 *
 * @example
 * formatDiff(diffMatters(v1, v2, { locale: "zh-CN" }), replay);
 * // "individual-business.establishment 1.0.0 → 1.1.0\n  time limit\n    ~ statutory: 3 working days → 5 working days\n…"
 */
export function formatDiff(diff: MatterDiff, replay?: ReplayResult, limit = 20): string {
  const lines = [`${diff.matter} ${diff.before.version} → ${diff.after.version}`];
  if (diff.changes.length === 0) lines.push("  no changes");
  const byArea = new Map<ChangeArea, MatterChange[]>();
  for (const change of diff.changes) {
    byArea.set(change.area, [...(byArea.get(change.area) ?? []), change]);
  }
  for (const [area, changes] of byArea) {
    lines.push(`  ${AREA_TITLES[area]}`);
    for (const change of changes) {
      if (change.id === undefined) {
        for (const f of change.fields ?? [])
          lines.push(`    ~ ${f.field}: ${f.before} → ${f.after}`);
        continue;
      }
      const title = change.title ? `  ${change.title}` : "";
      const what = area === "input" && change.change === "changed" ? "  schema changed" : "";
      lines.push(`    ${MARK[change.change]} ${change.id}${title}${what}`);
      for (const f of change.fields ?? []) {
        lines.push(
          `        ${f.field}: ${f.before}`,
          `        ${" ".repeat(f.field.length)}→ ${f.after}`,
        );
      }
    }
  }
  if (replay) lines.push("", ...replayLines(replay, limit));
  return `${lines.join("\n")}\n`;
}

function replayLines(replay: ReplayResult, limit: number): string[] {
  const lines = [
    `replayed ${replay.decided} of ${replay.applications} applications: ${replay.changed} ${replay.changed === 1 ? "decision changes" : "decisions change"}, ${replay.unchanged} unchanged${replay.skipped.length > 0 ? `, ${replay.skipped.length} skipped` : ""}`,
  ];
  for (const group of replay.groups) {
    lines.push(`  ${group.before} → ${group.after}: ${group.count}`);
    for (const app of group.applications.slice(0, limit)) {
      const name = app.id ? `line ${app.line} (${app.id})` : `line ${app.line}`;
      lines.push(`    ${name}: ${app.differences.join(", ")}`);
    }
    if (group.applications.length > limit) {
      lines.push(`    … and ${group.applications.length - limit} more (--format json lists all)`);
    }
  }
  for (const skipped of replay.skipped.slice(0, limit)) {
    lines.push(`  skipped line ${skipped.line}: ${skipped.reason}`);
  }
  if (replay.skipped.length > limit) {
    lines.push(`  … and ${replay.skipped.length - limit} more skipped`);
  }
  return lines;
}
