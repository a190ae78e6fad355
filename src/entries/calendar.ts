// biome-ignore-all assist/source/organizeImports: the exports are grouped by topic, as a table of contents
// smart-approval/calendar: working days and time limits (工作日), on the bundled calendar of
// mainland China or on a calendar given as data.

export { type PlainDate, isPlainDate } from "../validators/plain-date.js";
export {
  addWorkingDays,
  bundledCalendar,
  deadlineStatus,
  dueBounds,
  dueDate,
  isWorkingDay,
  workingDaysBetween,
} from "../node/bundled-calendar.js";
export { createCalendar } from "../calendar/create-calendar.js";
export type { WorkingCalendar } from "../calendar/working-calendar.js";
export { CalendarCoverageError, ProvisionalDateError } from "../calendar/coverage-error.js";
export type { DueBounds, DueDate, DueDateOptions } from "../calendar/due-date.js";
export {
  type DeadlineStatus,
  type DeadlineStatusOptions,
  hasLapsed,
  type ProvisionalDue,
} from "../calendar/deadline-status.js";
export { type DeadlineChange, deadlineChanges } from "../calendar/deadline-changes.js";
export { type CalendarFile, CalendarFileSchema } from "../calendar/calendar-file.js";
export { chinaToday } from "../evaluate/application-date.js";
