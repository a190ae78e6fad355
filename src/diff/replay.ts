import { ApplicationError } from "../evaluate/application-error.js";
import type { RuleSet } from "../rule-set/rule-set.js";
import { type FixtureObservation, observe } from "../tester/compare-fixture.js";

/** One line of an NDJSON corpus: its 1-based line number and its text. */
export interface CorpusLine {
  line: number;
  text: string;
}

/** An application whose decision differs between the two versions. */
export interface ChangedDecision {
  line: number;
  /** The application's own `id`, when it has one. */
  id?: string;
  /** What differs, one phrase each: `outcome approve → refer`, `+referral R-AGE-16-17`. */
  differences: string[];
}

/** The applications whose decisions went from one outcome to another. */
export interface ReplayGroup {
  before: string;
  after: string;
  count: number;
  applications: ChangedDecision[];
}

/** What replaying a corpus under two versions found. */
export interface ReplayResult {
  /** Lines read (blank lines not counted). */
  applications: number;
  /** Decided under both versions. */
  decided: number;
  changed: number;
  unchanged: number;
  /** Lines that are not JSON, or applications for another matter. */
  skipped: Array<{ line: number; reason: string }>;
  /** Changed decisions by old → new outcome, largest group first. */
  groups: ReplayGroup[];
}

/** An outcome, or `error` when the application could not be decided under that version. */
type Observation = FixtureObservation | { outcome: "error"; detail: string };

/**
 * Decides every application of a corpus under two rule sets — two versions of one matter,
 * each loaded on its own so that both apply whatever the application's date — and reports
 * which decisions change: the outcome, the missing items or the referral codes. Applications
 * that cannot be decided under a version count with the outcome `error`.
 *
 * @example
 * const result = await replayCorpus(lines, { matter, before: v1Rules, after: v2Rules });
 * result.groups[0]; // { before: "approve", after: "refer", count: 12, applications: […] }
 */
export async function replayCorpus(
  lines: AsyncIterable<CorpusLine> | Iterable<CorpusLine>,
  context: {
    matter: string;
    before: RuleSet;
    after: RuleSet;
    onProgress?: (line: CorpusLine) => void;
  },
): Promise<ReplayResult> {
  const result: ReplayResult = {
    applications: 0,
    decided: 0,
    changed: 0,
    unchanged: 0,
    skipped: [],
    groups: [],
  };
  const groups = new Map<string, ReplayGroup>();
  for await (const entry of lines) {
    context.onProgress?.(entry);
    if (entry.text.trim() === "") continue;
    result.applications++;
    let application: unknown;
    try {
      application = JSON.parse(entry.text);
    } catch (error) {
      result.skipped.push({ line: entry.line, reason: `not JSON: ${(error as Error).message}` });
      continue;
    }
    const matter = (application as { matter?: unknown } | null)?.matter;
    if (matter !== context.matter) {
      result.skipped.push({ line: entry.line, reason: `another matter: ${String(matter)}` });
      continue;
    }
    const before = await decide(context.before, application);
    const after = await decide(context.after, application);
    result.decided++;
    const differences = compare(before, after);
    if (differences.length === 0) {
      result.unchanged++;
      continue;
    }
    result.changed++;
    const key = `${before.outcome}\u0000${after.outcome}`;
    const group = groups.get(key) ?? {
      before: before.outcome,
      after: after.outcome,
      count: 0,
      applications: [],
    };
    group.count++;
    const id = (application as { id?: unknown }).id;
    group.applications.push({
      line: entry.line,
      ...(typeof id === "string" && { id }),
      differences,
    });
    groups.set(key, group);
  }
  result.groups = [...groups.values()].sort(
    (a, b) => b.count - a.count || `${a.before}${a.after}`.localeCompare(`${b.before}${b.after}`),
  );
  return result;
}

async function decide(rules: RuleSet, application: unknown): Promise<Observation> {
  try {
    // The corpus is archived applications, replayed on the dates they state (said explicitly).
    return observe(await rules.decide(application, { now: new Date(0), replay: true }));
  } catch (error) {
    if (!(error instanceof ApplicationError)) throw error;
    return { outcome: "error", detail: error.problems.map((p) => p.message).join("; ") };
  }
}

function compare(before: Observation, after: Observation): string[] {
  const out: string[] = [];
  if (before.outcome !== after.outcome) out.push(`outcome ${before.outcome} → ${after.outcome}`);
  const list = (o: Observation, key: "missing" | "referrals") => ("detail" in o ? [] : o[key]);
  for (const [key, name] of [
    ["missing", "missing"],
    ["referrals", "referral"],
  ] as const) {
    const old = new Set(list(before, key));
    const now = new Set(list(after, key));
    for (const item of now) if (!old.has(item)) out.push(`+${name} ${item}`);
    for (const item of old) if (!now.has(item)) out.push(`-${name} ${item}`);
  }
  if ("detail" in after && !("detail" in before)) out.push(`cannot be decided: ${after.detail}`);
  return out;
}
