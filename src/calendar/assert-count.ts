/**
 * The largest count of working days the calendar functions accept: about 40 years. Legal time
 * limits are far shorter; the bound keeps a mistyped or hostile count from running for minutes.
 */
export const MAX_WORKING_DAYS = 10_000;

/**
 * Throws a `RangeError` unless `value` is a whole number from 0 to {@link MAX_WORKING_DAYS}.
 * Guards every count of working days at the public boundary, so that a fraction, a negative
 * number or `NaN` never yields a date.
 *
 * @example
 * assertCount("workingDays", 3); // passes
 * assertCount("workingDays", -1); // throws RangeError: workingDays must be a whole number from 0 to 10000, got -1
 */
export function assertCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > MAX_WORKING_DAYS) {
    throw new RangeError(
      `${name} must be a whole number from 0 to ${MAX_WORKING_DAYS}, got ${String(value)}`,
    );
  }
}
