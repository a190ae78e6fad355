// The public calendar functions check their arguments here, at the boundary, before anything
// reads them: a caller in JavaScript can hand them what no type allows (`null`, a Date, a
// proxy, a getter that throws, an option the function does not take). Each such value is a
// `RangeError` naming the argument — the error the calendar documents for a malformed date or
// count — never a TypeError from deep inside, never the caller's own getter error, and never a
// result counted on a value that was misread. Options are read once, into a plain copy, so a
// getter that answers differently on a later read cannot change a due date half-way.
import type { TimeLimitResult } from "../model/decision.js";
import { isPlainDate, type PlainDate } from "../validators/plain-date.js";
import { MAX_WORKING_DAYS } from "./assert-count.js";
import type { DateRange } from "./day-number.js";
import type { DeadlineStatusOptions, ProvisionalDue } from "./deadline-status.js";
import type { DueDateOptions } from "./due-date.js";
import type { DescribeDayOptions, WorkingCalendar } from "./working-calendar.js";

/**
 * The most suspensions one count takes. Each day counted is looked up in every suspension, so
 * the bound keeps a hostile list from running for minutes; a real case has a handful.
 */
const MAX_SUSPENSIONS = 1_000;

/** A short description of any value for a message, never throwing (symbols, proxies). */
function shown(value: unknown): string {
  if (typeof value === "string") {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  if (value === null || typeof value !== "object") {
    return typeof value === "symbol" || typeof value === "function"
      ? `a ${typeof value}`
      : String(value);
  }
  if (Array.isArray(value)) return "an array";
  return value instanceof Date ? "a Date" : "an object";
}

/**
 * Throws a `RangeError` unless `value` is a real calendar date written as `YYYY-MM-DD` (a
 * string: a `Date` is an instant, and which day it is depends on a time zone the caller must
 * choose).
 *
 * @example
 * guardDate("acceptedOn", "2025-01-24"); // "2025-01-24"
 * guardDate("acceptedOn", "2026-02-30"); // throws RangeError: acceptedOn must be a calendar date written as YYYY-MM-DD, got "2026-02-30"
 */
export function guardDate(name: string, value: unknown): PlainDate {
  if (!isPlainDate(value)) {
    throw new RangeError(
      `${name} must be a calendar date written as YYYY-MM-DD, got ${shown(value)}`,
    );
  }
  return value;
}

/**
 * Throws a `RangeError` unless `value` is a whole number of working days from 0 to 10,000.
 *
 * @example
 * guardCount("workingDays", 3); // 3
 * guardCount("workingDays", 1.5); // throws RangeError: workingDays must be a whole number from 0 to 10000, got 1.5
 */
export function guardCount(name: string, value: unknown): number {
  if (
    typeof value !== "number" ||
    !Number.isInteger(value) ||
    value < 0 ||
    value > MAX_WORKING_DAYS
  ) {
    throw new RangeError(
      `${name} must be a whole number from 0 to ${MAX_WORKING_DAYS}, got ${shown(value)}`,
    );
  }
  return value;
}

/**
 * Reads an options object once into a plain copy holding only the keys it may have: `null` and
 * `undefined` are no options (as for `decide`); anything that is not an object, a key not in
 * `keys`, or a key whose getter throws is a `RangeError` naming it.
 */
function readOptions(
  name: string,
  value: unknown,
  keys: readonly string[],
): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new RangeError(`${name} must be an object, got ${shown(value)}`);
  }
  let own: (string | symbol)[];
  try {
    own = Reflect.ownKeys(value);
  } catch {
    throw new RangeError(`${name} could not be read`);
  }
  const copy: Record<string, unknown> = {};
  for (const key of own) {
    if (typeof key !== "string" || !keys.includes(key)) {
      const taken = keys.length === 0 ? "none" : keys.join(", ");
      throw new RangeError(`${name} has an unknown option ${String(key)} (it takes ${taken})`);
    }
    try {
      copy[key] = (value as Record<string, unknown>)[key];
    } catch {
      throw new RangeError(`${name}.${key} could not be read`);
    }
  }
  return copy;
}

/** Reads one property of a value already known to be an object; a throwing getter is refused. */
function readProperty(name: string, value: object, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    throw new RangeError(`${name}.${key} could not be read`);
  }
}

function guardObject(name: string, value: unknown): object {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new RangeError(`${name} must be an object, got ${shown(value)}`);
  }
  return value;
}

function guardRange(name: string, value: unknown): DateRange {
  const range = guardObject(name, value);
  const from = guardDate(`${name}.from`, readProperty(name, range, "from"));
  const until = guardDate(`${name}.until`, readProperty(name, range, "until"));
  if (from > until) throw new RangeError(`${name}: ${from} … ${until} ends before it starts`);
  return { from, until };
}

function guardSuspensions(name: string, value: unknown): DateRange[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    throw new RangeError(`${name} must be a list of { from, until } dates, got ${shown(value)}`);
  }
  if (value.length > MAX_SUSPENSIONS) {
    throw new RangeError(`${name} holds ${value.length} periods; at most ${MAX_SUSPENSIONS}`);
  }
  return Array.from(value, (item, index) => guardRange(`${name}[${index}]`, item));
}

function guardOutsideCoverage(name: string, value: unknown): "error" | "estimate" | undefined {
  if (value === undefined || value === "error" || value === "estimate") return value;
  throw new RangeError(`${name} must be "error" or "estimate", got ${shown(value)}`);
}

/**
 * The options of `dueDate` (and, without `outsideCoverage`, of `dueBounds`), read once and
 * checked: suspensions as dated periods, the extension as a count, `outsideCoverage` as one of
 * its two words.
 *
 * @example
 * guardDueDateOptions("options", { extensionWorkingDays: 3 }); // { extensionWorkingDays: 3 }
 * guardDueDateOptions("options", { extension: 3 }); // throws RangeError: options has an unknown option extension (…)
 */
export function guardDueDateOptions(
  name: string,
  value: unknown,
  withCoverage = true,
): DueDateOptions {
  const keys = [
    "suspensions",
    "extensionWorkingDays",
    ...(withCoverage ? ["outsideCoverage"] : []),
  ];
  const read = readOptions(name, value, keys);
  const suspensions = guardSuspensions(`${name}.suspensions`, read.suspensions);
  const extension =
    read.extensionWorkingDays === undefined
      ? undefined
      : guardCount(`${name}.extensionWorkingDays`, read.extensionWorkingDays);
  const outsideCoverage = guardOutsideCoverage(`${name}.outsideCoverage`, read.outsideCoverage);
  return {
    ...(suspensions !== undefined && { suspensions }),
    ...(extension !== undefined && { extensionWorkingDays: extension }),
    ...(outsideCoverage !== undefined && { outsideCoverage }),
  };
}

/** The options of `describeDay`. */
export function guardDescribeDayOptions(name: string, value: unknown): DescribeDayOptions {
  const read = readOptions(name, value, ["outsideCoverage"]);
  const outsideCoverage = guardOutsideCoverage(`${name}.outsideCoverage`, read.outsideCoverage);
  return outsideCoverage === undefined ? {} : { outsideCoverage };
}

/** The options of `deadlineStatus`: `warnWorkingDays` is required. */
export function guardStatusOptions(name: string, value: unknown): DeadlineStatusOptions {
  const read = readOptions(name, value, ["warnWorkingDays"]);
  return { warnWorkingDays: guardCount(`${name}.warnWorkingDays`, read.warnWorkingDays) };
}

/** The options of `deadlineChanges`. */
export function guardChangesOptions(name: string, value: unknown): { openOn?: PlainDate } {
  const read = readOptions(name, value, ["openOn"]);
  return read.openOn === undefined ? {} : { openOn: guardDate(`${name}.openOn`, read.openOn) };
}

/**
 * A due date as `deadlineStatus` and `hasLapsed` take it: a date, or the bounds of a
 * provisional one (`{ earliest, latest }`, earliest first), copied.
 */
export function guardDue(name: string, value: unknown): PlainDate | ProvisionalDue {
  if (typeof value === "string") return guardDate(name, value);
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new RangeError(
      `${name} must be a date written as YYYY-MM-DD or { earliest, latest }, got ${shown(value)}`,
    );
  }
  const earliest = guardDate(`${name}.earliest`, readProperty(name, value, "earliest"));
  const latest = guardDate(`${name}.latest`, readProperty(name, value, "latest"));
  if (earliest > latest) {
    throw new RangeError(`${name}: earliest ${earliest} is after latest ${latest}`);
  }
  return { earliest, latest };
}

/** The calendars `createCalendar` made: the only ones the functions take. */
const made = new WeakSet<object>();

/**
 * Records a calendar `createCalendar` has just compiled, so that the functions taking a
 * calendar can tell it from an object that only looks like one.
 */
export function registerCalendar<T extends WorkingCalendar>(calendar: T): T {
  made.add(calendar);
  return calendar;
}

/**
 * Throws a `RangeError` unless `value` is a calendar made by `createCalendar` or
 * `bundledCalendar` (of this copy of the library): an object that merely has the methods could
 * answer anything, and a due date is a legal notice.
 */
export function guardCalendar(name: string, value: unknown): WorkingCalendar {
  if (value === null || typeof value !== "object" || !made.has(value)) {
    throw new RangeError(
      `${name} must be a calendar made by createCalendar or bundledCalendar, got ${shown(value)}`,
    );
  }
  return value as WorkingCalendar;
}

/** What `deadlineChanges` reads of a recorded decision, copied and checked. */
export interface RecordedDeadlines {
  readonly applicationId?: string;
  readonly matter: { readonly id: string; readonly version: string };
  readonly timeLimit?: TimeLimitResult;
}

function optional<T>(value: unknown, check: (value: unknown) => T): T | undefined {
  return value === undefined ? undefined : check(value);
}

function guardText(name: string, value: unknown): string {
  if (typeof value !== "string")
    throw new RangeError(`${name} must be a text, got ${shown(value)}`);
  return value;
}

function guardTimeLimit(name: string, value: unknown): TimeLimitResult {
  const limit = guardObject(name, value);
  const get = (key: string) => readProperty(name, limit, key);
  const onTheSpot = get("onTheSpot");
  if (typeof onTheSpot !== "boolean") {
    throw new RangeError(`${name}.onTheSpot must be true or false, got ${shown(onTheSpot)}`);
  }
  const result: Record<string, unknown> = {
    acceptedOn: guardDate(`${name}.acceptedOn`, get("acceptedOn")),
    onTheSpot,
  };
  for (const field of ["statutoryDue", "statutoryDueExtended", "promisedDue"]) {
    const due = optional(get(field), (v) => guardDate(`${name}.${field}`, v));
    if (due !== undefined) result[field] = due;
  }
  const provisional = optional(get("provisional"), (v) => {
    const ranges = guardObject(`${name}.provisional`, v);
    const copy: Record<string, ProvisionalDue> = {};
    for (const field of ["statutoryDue", "statutoryDueExtended", "promisedDue"]) {
      const range = readProperty(`${name}.provisional`, ranges, field);
      if (range === undefined) continue;
      const due = guardDue(`${name}.provisional.${field}`, range);
      if (typeof due === "string") {
        throw new RangeError(`${name}.provisional.${field} must be { earliest, latest }`);
      }
      copy[field] = due;
    }
    return copy;
  });
  if (provisional !== undefined) result.provisional = provisional;
  const workingDays = optional(get("workingDays"), (v) => {
    const days = guardObject(`${name}.workingDays`, v);
    const count = (key: string) =>
      optional(readProperty(`${name}.workingDays`, days, key), (n) =>
        guardCount(`${name}.workingDays.${key}`, n),
      );
    const [extension, promised] = [count("extension"), count("promised")];
    return {
      statutory: guardCount(
        `${name}.workingDays.statutory`,
        readProperty(`${name}.workingDays`, days, "statutory"),
      ),
      ...(extension !== undefined && { extension }),
      ...(promised !== undefined && { promised }),
    };
  });
  if (workingDays !== undefined) result.workingDays = workingDays;
  const calendar = optional(get("calendar"), (v) => {
    const used = guardObject(`${name}.calendar`, v);
    return {
      id: guardText(`${name}.calendar.id`, readProperty(`${name}.calendar`, used, "id")),
      revision: guardText(
        `${name}.calendar.revision`,
        readProperty(`${name}.calendar`, used, "revision"),
      ),
    };
  });
  if (calendar !== undefined) result.calendar = calendar;
  const note = optional(get("note"), (v) => guardText(`${name}.note`, v));
  if (note !== undefined) result.note = note;
  return result as TimeLimitResult;
}

/**
 * The recorded decisions `deadlineChanges` is given, read once, in order, into copies of what
 * it reads: the application id, the matter and the time limit, each checked (dates, counts,
 * texts). A value that is not a list, a decision of another shape, or an iterator or getter
 * that throws is a `RangeError` naming the decision by its position.
 */
export function guardDecisions(name: string, value: unknown): RecordedDeadlines[] {
  let items: unknown[];
  try {
    if (value === null || typeof value !== "object" || !(Symbol.iterator in value)) {
      throw new RangeError(`${name} must be a list of decisions, got ${shown(value)}`);
    }
    items = Array.from(value as Iterable<unknown>);
  } catch (error) {
    if (error instanceof RangeError) throw error;
    throw new RangeError(`${name} could not be read`);
  }
  return items.map((item, index) => {
    const at = `${name}[${index}]`;
    const decision = guardObject(at, item);
    const matter = guardObject(`${at}.matter`, readProperty(at, decision, "matter"));
    const applicationId = optional(readProperty(at, decision, "applicationId"), (v) =>
      guardText(`${at}.applicationId`, v),
    );
    const timeLimit = optional(readProperty(at, decision, "timeLimit"), (v) =>
      guardTimeLimit(`${at}.timeLimit`, v),
    );
    return {
      ...(applicationId !== undefined && { applicationId }),
      matter: {
        id: guardText(`${at}.matter.id`, readProperty(`${at}.matter`, matter, "id")),
        version: guardText(`${at}.matter.version`, readProperty(`${at}.matter`, matter, "version")),
      },
      ...(timeLimit !== undefined && { timeLimit }),
    };
  });
}
