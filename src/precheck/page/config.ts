import type { Locale } from "../../model/common.js";

// What the command that writes the pre-check page (precheck-page.ts, cli/commands/precheck.ts)
// and the page's script (main.ts) must agree on, in one place.

/** What `smart-approval precheck` writes into the page, as a JSON data block (not code). */
export interface PageConfig {
  matter: string;
  locale: Locale;
  /** The SHA-256 of the rules in rules.js: the page refuses any other rules. */
  sha256: string;
}

/** The id of the data block that holds the page's configuration. */
export const CONFIG_ID = "smart-approval-precheck";

/** The global rules.js (a browser rules module, as a classic script) sets. */
export const RULES_GLOBAL = "smartApprovalRules";
