// The library as the pre-check page uses it: the one module the page imports it through, so that
// the page runs the same decision logic as the service and nothing else (no rule is written
// again here). It will import the browser entry (issue 15) once that exists.

export { sha256Sync } from "../../checks/sha256.js";
export { chinaToday } from "../../evaluate/application-date.js";
export { ApplicationError } from "../../evaluate/application-error.js";
export { localize, MESSAGES } from "../../evaluate/messages.js";
export { RuleSet } from "../../load/rule-set.js";
export type { RuleSource } from "../../load/validate-sources.js";
export type { Locale, LocalizedText } from "../../model/common.js";
export type { Decision, MissingItem, ReferralItem } from "../../model/decision.js";
export type { MatterFile } from "../../model/matter.js";
