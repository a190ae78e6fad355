// biome-ignore-all assist/source/organizeImports: the exports are grouped by topic, as a table of contents
// smart-approval: the main entry, what a service that decides applications needs. Everything
// exported here is supported. Deliberately elsewhere:
// - rule authors' tools (validation, golden fixtures, diffs with replay, the public guide, the
//   lint's codes, bundles): `smart-approval/authoring`;
// - working days and time limits on the bundled calendar: `smart-approval/calendar`;
// - the national-code validators (GB 11643 identity numbers, GB 32100 credit codes, GB/T 2260
//   region codes): `smart-approval/validators`;
// - the rule-file contracts as zod schemas: `smart-approval/authoring` (as JSON Schemas:
//   `smart-approval/schemas/*.json`).
// Not exported at all: the evaluator's pieces (compiled conditions, the json-rules-engine
// wrapper, derived-fact functions), the loader's checks and the lint rules — they may change
// in any release.

// Loading rules and deciding applications
export { loadRules, type LoadOptions } from "./node/load-rules.js";
export {
  type MatterSummary,
  type MatterVersion,
  RuleSet,
  type RuleSetOptions,
  type SourceOptions,
} from "./rule-set/rule-set.js";
export type { RuleSource } from "./load/validate-sources.js";
export type { ValidatedRules } from "./load/validated-rules.js";
export { RuleFileError } from "./load/rule-file-error.js";
export { ApplicationError, type ApplicationProblem } from "./evaluate/application-error.js";
export { type DecideOptions, INTERNAL_ERROR } from "./evaluate/decide.js";
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
export { MATERIAL_DEFERRED } from "./evaluate/assess-materials.js";
export type { WorkingCalendar } from "./calendar/working-calendar.js";
export type { Sha256 } from "./json/canonical-json.js";
export type { EvaluatorKind } from "./evaluate/condition-evaluator.js";

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
export {
  type CombinedApplication,
  CombinedApplicationSchema,
  type CombinedDecision,
  CombinedDecisionSchema,
  type OneThingFile,
} from "./model/one-thing.js";

// Limits on what is accepted (see SECURITY.md)
export { INPUT_LIMITS } from "./evaluate/input-limits.js";
export { RULE_FILE_LIMITS } from "./json/json-document.js";

// Data contracts (zod schemas are the single source of truth; JSON Schemas in schemas/)
export { type Application, type ApplicationInput, ApplicationSchema } from "./model/application.js";
export { type Decision, DecisionSchema } from "./model/decision.js";
export type { MatterFile } from "./model/matter.js";
export type { CatalogFile } from "./model/catalog.js";
export type { Issue } from "./model/issue.js";
export type { Locale, LocalizedText } from "./model/common.js";

// Reports
export { formatDecisionText } from "./report/decision-text.js";
