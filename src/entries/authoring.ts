// biome-ignore-all assist/source/organizeImports: the exports are grouped by topic, as a table of contents
// smart-approval/authoring: the tools of rule authors and their CI — validating rule files with
// located issues, golden fixtures, version diffs with replay, the public guide (办事指南),
// bundles, and the rule-file contracts.

// Validating and bundling rule files
export { validateRules } from "../node/validate-rules.js";
export { buildRulesBundle } from "../node/load-rules.js";
export { BUNDLED_RULES_DIR } from "../node/rule-files.js";
export { LINT_CODES } from "../lint/codes.js";
export { RULE_FILE_ISSUE_CODES, type RuleFileIssueCode } from "../load/issue-codes.js";
export { formatIssues, type IssueFormat } from "../report/issues.js";

// Golden fixtures
export { runFixtures } from "../node/run-fixtures.js";
export { type FixtureResult, runFixtureText } from "../tester/run-fixtures.js";

// Versions compared, with replay of a corpus
export { diffMatters, type MatterDiff } from "../diff/diff-matters.js";
export { type ReplayResult, replayCorpus } from "../diff/replay.js";

// The public guide (办事指南)
export { buildGuide, type Guide } from "../guide/guide.js";
export { formatGuideHtml } from "../guide/guide-html.js";
export { formatGuideMarkdown } from "../guide/guide-markdown.js";

// Rule-file contracts (zod; JSON Schemas in schemas/)
export { type MatterFile, MatterFileSchema } from "../model/matter.js";
export { type CatalogFile, CatalogFileSchema } from "../model/catalog.js";
export { type FixtureFile, FixtureFileSchema } from "../model/fixture.js";
export { type CalendarFile, CalendarFileSchema } from "../calendar/calendar-file.js";

// 一件事 files: fixtures, the combined guide (一次告知、一表申请、一套材料), versions compared
export { type OneThingFixtureResult, runOneThingFixtureText } from "../one-thing/run-fixtures.js";
export { runOneThingFixtures } from "../node/one-thing-files.js";
export { buildOneThingGuide } from "../one-thing/guide.js";
export { diffOneThings, type OneThingChange } from "../one-thing/diff.js";
export {
  type OneThingFile,
  OneThingFileSchema,
  type OneThingFixture,
  OneThingFixtureSchema,
} from "../model/one-thing.js";
