// biome-ignore-all assist/source/organizeImports: the exports are grouped by topic, as a table of contents
// smart-approval: the public API. Everything exported here is supported; anything else under
// src/ is internal and may change (the evaluator's pieces, the json-rules-engine wrapper, the
// lint rules).

// Loading rules and deciding applications
export { BUNDLED_RULES_DIR, buildRulesBundle, loadRules } from "./load/load-rules.js";
export { validateRules } from "./load/validate-rules.js";
export { type MatterSummary, RuleSet, type RuleSetOptions } from "./load/rule-set.js";
export type { RuleSource } from "./load/validate-sources.js";
export { RuleFileError } from "./load/rule-file-error.js";
export { ApplicationError, type ApplicationProblem } from "./evaluate/application-error.js";
export type { DecideOptions } from "./evaluate/decide.js";
export {
  type ApplicationDateOptions,
  chinaToday,
  DEFAULT_BACKDATE_DAYS,
} from "./evaluate/application-date.js";
export {
  EVIDENCE_DISAGREES,
  EVIDENCE_PROVIDER_FAILED,
  type EvidenceProvider,
  type EvidenceRequest,
} from "./evaluate/evidence-provider.js";

// 一件事: combined applications of several matters (rules/one-things/)
export {
  type DecideOneThingOptions,
  decideOneThing,
  ONE_THING_CODES,
  oneThingsOf,
} from "./one-thing/decide-one-thing.js";
export type { OneThingRegistry, OneThingSummary } from "./one-thing/registry.js";
export {
  type DepartmentAnswer,
  type MemberStatus,
  type OneThingStatus,
  oneThingStatus,
} from "./one-thing/status.js";
export { type OneThingFixtureResult, runOneThingFixtures } from "./one-thing/run-fixtures.js";
export { buildOneThingGuide } from "./one-thing/guide.js";
export { diffOneThings, type OneThingChange } from "./one-thing/diff.js";
export {
  type CombinedApplication,
  CombinedApplicationSchema,
  type CombinedDecision,
  CombinedDecisionSchema,
  type OneThingFile,
  OneThingFileSchema,
  type OneThingFixture,
  OneThingFixtureSchema,
} from "./model/one-thing.js";

// Limits on what is accepted (see SECURITY.md)
export { INPUT_LIMITS } from "./evaluate/input-limits.js";
export { RULE_FILE_LIMITS } from "./load/json-document.js";

// Data contracts (zod schemas are the single source of truth; JSON Schemas in schemas/)
export { type Application, type ApplicationInput, ApplicationSchema } from "./model/application.js";
export { type Decision, DecisionSchema } from "./model/decision.js";
export { type MatterFile, MatterFileSchema } from "./model/matter.js";
export { type CatalogFile, CatalogFileSchema } from "./model/catalog.js";
export { type FixtureFile, FixtureFileSchema } from "./model/fixture.js";
export type { Issue } from "./model/issue.js";
export type { Locale, LocalizedText } from "./model/common.js";

// Reports
export { formatDecisionText } from "./report/decision-text.js";
export { formatIssues, type IssueFormat } from "./report/issues.js";

// Rule authors' tools: golden fixtures, version diffs with replay, the public guide (办事指南)
export { type FixtureResult, runFixtures } from "./fixtures/run-fixtures.js";
export { diffMatters, type MatterDiff } from "./diff/diff-matters.js";
export { type ReplayResult, replayCorpus } from "./diff/replay.js";
export { buildGuide, type Guide } from "./guide/guide.js";
export { formatGuideHtml } from "./guide/guide-html.js";
export { formatGuideMarkdown } from "./guide/guide-markdown.js";

// Working days and time limits
export {
  addWorkingDays,
  bundledCalendar,
  deadlineStatus,
  dueBounds,
  dueDate,
  isWorkingDay,
  workingDaysBetween,
} from "./calendar/bundled-calendar.js";
export { createCalendar, type WorkingCalendar } from "./calendar/working-calendar.js";
export { CalendarCoverageError, ProvisionalDateError } from "./calendar/coverage-error.js";
export type { DueBounds, DueDate } from "./calendar/due-date.js";
export { hasLapsed } from "./calendar/deadline-status.js";
export { type DeadlineChange, deadlineChanges } from "./calendar/deadline-changes.js";
export { type CalendarFile, CalendarFileSchema } from "./calendar/calendar-file.js";

// Identity and code validators
export { parseResidentId } from "./checks/resident-id.js";
export { parseCreditCode } from "./checks/credit-code.js";
export { parseRegionCode } from "./checks/region-code.js";
