// The library as the pre-check page uses it: the one module the page imports it through — the
// browser entry (smart-approval/browser) — so that the page runs the same decision logic as the
// service and nothing else (no rule is written again here).
export {
  ApplicationError,
  BrowserRules,
  type BrowserRulesModule,
  chinaToday,
  type Decision,
  type Locale,
  type LocalizedText,
  type MatterFile,
} from "../../entries/browser.js";
// The library's own words for what it says when evidence is missing, to recognise it (classify.ts).
export {
  COMMITMENT_MESSAGES,
  CREDIT_UNKNOWN,
  creditUnknownProofMessage,
} from "../../evaluate/commitment.js";
export { localize, MESSAGES } from "../../evaluate/messages.js";
export type { MissingItem, ReferralItem } from "../../model/decision.js";
