// smart-approval: the public API. Everything exported here is supported; anything else under
// src/ is internal and may change (the evaluator's pieces, the json-rules-engine wrapper).

// Working days and time limits
export {
  addWorkingDays,
  bundledCalendar,
  deadlineStatus,
  dueDate,
  isWorkingDay,
  workingDaysBetween,
} from "./calendar/bundled-calendar.js";
export { type CalendarFile, CalendarFileSchema } from "./calendar/calendar-file.js";
export { CalendarCoverageError } from "./calendar/coverage-error.js";
export { createCalendar } from "./calendar/working-calendar.js";
export { parseCreditCode } from "./checks/credit-code.js";
export { parseRegionCode } from "./checks/region-code.js";
// Identity and code validators
export { parseResidentId } from "./checks/resident-id.js";
export { ApplicationError, type ApplicationProblem } from "./evaluate/application-error.js";
export type { DecideOptions } from "./evaluate/decide.js";
// Loading rules and deciding applications
export { BUNDLED_RULES_DIR, loadRules, validateRules } from "./load/load-rules.js";
export { RuleFileError } from "./load/rule-file-error.js";
export { type MatterSummary, RuleSet } from "./load/rule-set.js";
export type { RuleSource } from "./load/validate-sources.js";
// Data contracts (zod schemas are the single source of truth; JSON Schemas in schemas/)
export { type Application, type ApplicationInput, ApplicationSchema } from "./model/application.js";
export { type CatalogFile, CatalogFileSchema } from "./model/catalog.js";
export type { Locale, LocalizedText } from "./model/common.js";
export { type Decision, DecisionSchema } from "./model/decision.js";
export { type FixtureFile, FixtureFileSchema } from "./model/fixture.js";
export type { Issue } from "./model/issue.js";
export { type MatterFile, MatterFileSchema } from "./model/matter.js";
