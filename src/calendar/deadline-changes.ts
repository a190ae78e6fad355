import type { Decision } from "../model/decision.js";
import type { PlainDate } from "../validators/plain-date.js";
import { guardCalendar, guardChangesOptions, guardDecisions } from "./argument-guards.js";
import { isCalendarCoverageError } from "./coverage-error.js";
import type { WorkingCalendar } from "./working-calendar.js";

/** A due date as a decision states it: exact, bounds (暂定), or not counted at all. */
export type DueValue =
  | { readonly due: PlainDate }
  | { readonly earliest: PlainDate; readonly latest: PlainDate }
  | { readonly uncounted: string };

/** The three due dates a time limit carries. */
export const DEADLINE_FIELDS = ["statutoryDue", "statutoryDueExtended", "promisedDue"] as const;
export type DeadlineField = (typeof DEADLINE_FIELDS)[number];

/** One open deadline of a recorded decision that a new calendar revision changes. */
export interface DeadlineChange {
  /** The decision's position in the input (0-based) and its application id, if any. */
  readonly index: number;
  readonly applicationId?: string;
  readonly matter: { readonly id: string; readonly version: string };
  readonly acceptedOn: PlainDate;
  readonly field: DeadlineField;
  readonly before: DueValue;
  readonly after: DueValue;
  readonly revision: { readonly before?: string; readonly after: string };
}

/** A decision whose deadlines cannot be counted again: it records no working days. */
export interface UncountedDecision {
  readonly index: number;
  readonly applicationId?: string;
  readonly reason: string;
}

/**
 * The open deadlines of recorded decisions that a new calendar revision changes (a notice
 * added for a provisional year, or an amendment of a published one): each decision's time
 * limit is counted again from its acceptance date and recorded working days on `calendar`,
 * and every due date that differs from the recorded one is listed, with both values and
 * both revisions. A deadline is open when its latest possible date is on or after `openOn`
 * (before or after the new count); without `openOn` every deadline is. Decisions decided on
 * the spot, or with no time limit, have no deadline to change; decisions that record no
 * working days (made before decisions recorded them) are listed as uncounted, for a person.
 *
 * @example
 * const { changes } = deadlineChanges(decisions, newCalendar, { openOn: "2027-01-05" });
 * changes[0]; // { field: "statutoryDue", before: { earliest: "2027-02-03", latest: "2027-02-14" }, after: { due: "2027-02-10" }, … }
 */
export function deadlineChanges(
  decisions: Iterable<Decision>,
  calendar: WorkingCalendar,
  options: { readonly openOn?: PlainDate } = {},
): { changes: DeadlineChange[]; uncounted: UncountedDecision[] } {
  const changes: DeadlineChange[] = [];
  const uncounted: UncountedDecision[] = [];
  // Arguments checked at the boundary (argument-guards.ts): a RangeError naming the one at fault.
  const recorded = guardDecisions("decisions", decisions);
  const used = guardCalendar("calendar", calendar);
  const { openOn } = guardChangesOptions("options", options);
  let index = -1;
  for (const decision of recorded) {
    index += 1;
    const limit = decision.timeLimit;
    if (limit === undefined || limit.onTheSpot) continue;
    const id =
      decision.applicationId === undefined ? {} : { applicationId: decision.applicationId };
    const days = limit.workingDays;
    if (days === undefined) {
      uncounted.push({ index, ...id, reason: "the decision records no working days" });
      continue;
    }
    const counts: Partial<Record<DeadlineField, number>> = {
      statutoryDue: days.statutory,
      ...(days.extension !== undefined && {
        statutoryDueExtended: days.statutory + days.extension,
      }),
      ...(days.promised !== undefined && { promisedDue: days.promised }),
    };
    for (const field of DEADLINE_FIELDS) {
      const count = counts[field];
      if (count === undefined) continue;
      const exact = limit[field];
      const range = limit.provisional?.[field];
      const before: DueValue =
        exact !== undefined
          ? { due: exact }
          : range !== undefined
            ? range
            : { uncounted: limit.note ?? "no date" };
      const after = recount(used, limit.acceptedOn, count);
      if (sameValue(before, after)) continue;
      if (openOn !== undefined && !isOpen(before, openOn)) {
        if (!isOpen(after, openOn)) continue;
      }
      changes.push({
        index,
        ...id,
        matter: { id: decision.matter.id, version: decision.matter.version },
        acceptedOn: limit.acceptedOn,
        field,
        before,
        after,
        revision: {
          ...(limit.calendar && { before: limit.calendar.revision }),
          after: used.revision,
        },
      });
    }
  }
  return { changes, uncounted };
}

function recount(calendar: WorkingCalendar, acceptedOn: PlainDate, days: number): DueValue {
  try {
    const bounds = calendar.dueBounds(acceptedOn, days);
    return bounds.due !== undefined
      ? { due: bounds.due }
      : { earliest: bounds.earliest, latest: bounds.latest };
  } catch (error) {
    if (isCalendarCoverageError(error) || error instanceof RangeError) {
      return { uncounted: error.message };
    }
    throw error;
  }
}

function sameValue(a: DueValue, b: DueValue): boolean {
  if ("due" in a || "due" in b) return "due" in a && "due" in b && a.due === b.due;
  if ("earliest" in a && "earliest" in b) return a.earliest === b.earliest && a.latest === b.latest;
  return "uncounted" in a && "uncounted" in b;
}

// Open: its latest possible date is today or later; a date not counted may still be open.
function isOpen(value: DueValue, openOn: PlainDate): boolean {
  if ("due" in value) return value.due >= openOn;
  if ("latest" in value) return value.latest >= openOn;
  return true;
}

/**
 * A due value for people: the date, `暂定 a … b` / `provisional a … b`, or why it is not counted.
 *
 * @example
 * formatDueValue({ earliest: "2027-02-03", latest: "2027-02-14" }); // "暂定/provisional 2027-02-03 … 2027-02-14"
 */
export function formatDueValue(value: DueValue): string {
  if ("due" in value) return value.due;
  if ("earliest" in value) return `暂定/provisional ${value.earliest} … ${value.latest}`;
  return `not counted (${value.uncounted})`;
}
