// biome-ignore-all assist/source/organizeImports: the exports are grouped by topic, as a table of contents
// smart-approval/browser: what a web page needs to decide applications with the library's
// rules, and nothing that needs Node. No module here imports `node:`, zod, ajv's compiler or
// re2js; nothing generates code at run time (a Content-Security-Policy without 'unsafe-eval'
// is enough); every hash is @noble/hashes' SHA-256 (no Web Crypto: plain-HTTP intranet pages
// have none). The rules come as a browser rules module, built in Node by the library
// (`browserRulesModule`, from the subpath `smart-approval/browser-rules`): validated there,
// with the matters' input-schema validators generated there. See docs/browser.md.

// Rules and decisions
export {
  BrowserRules,
  type BrowserMatterVersion,
  type BrowserRulesOptions,
} from "./browser/browser-rules.js";
export type { BrowserRulesModule } from "./browser/rules-module.js";
export { ApplicationError, type ApplicationProblem } from "./evaluate/application-error.js";
export { RuleFileError } from "./load/rule-file-error.js";
export type { DecideOptions } from "./evaluate/decide.js";
export type { MatterSummary } from "./load/rule-set.js";
export { chinaToday, DEFAULT_BACKDATE_DAYS } from "./evaluate/application-date.js";
export { INPUT_LIMITS } from "./evaluate/input-limits.js";

// Data contracts (types only: the schemas themselves are not loaded in a browser)
export type { Application, ApplicationInput } from "./model/application.js";
export type { Decision } from "./model/decision.js";
export type { MatterFile } from "./model/matter.js";
export type { CatalogFile } from "./model/catalog.js";
export type { Issue } from "./model/issue.js";
export type { Locale, LocalizedText } from "./model/common.js";

// The public guide (办事指南) and reports
export { buildGuide, type Guide, type GuideItem } from "./guide/guide.js";
export { formatGuideHtml } from "./guide/guide-html.js";
export { formatGuideMarkdown } from "./guide/guide-markdown.js";
export { formatDecisionText } from "./report/decision-text.js";
export { formatIssues, type IssueFormat } from "./report/issues.js";

// Working days
export type { WorkingCalendar } from "./calendar/working-calendar.js";
