import type { RuleSource } from "../load/validate-sources.js";
import type { LocalizedText } from "../model/common.js";
import { PAGE_CSS } from "./page-style.js";

/** The Content-Security-Policy the page declares, and the one a server should send with it. */
export const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'none'";

/** The id of the JSON data block that holds the page's configuration and rules. */
const CONFIG_ID = "smart-approval-precheck";

export interface PrecheckPageOptions {
  matter: string;
  title: LocalizedText;
  locale: "zh-CN" | "en";
  /** The matter's versions, the catalogs and the calendar, as rule sources. */
  sources: readonly RuleSource[];
  /** The page's script (see pageScript). */
  script: string;
}

/** A file of the page: its name in the output directory and its text. */
export interface PageFile {
  name: string;
  text: string;
}

/**
 * The pre-check page's files: `index.html` (the page, with the rules as a JSON data block —
 * data, not code), `precheck.js` (the library and the page, one classic script) and
 * `precheck.css`. Opened from disk or served as static files, it makes no request of its own:
 * its Content-Security-Policy allows only its own script and style sheet.
 */
export function precheckPageFiles(options: PrecheckPageOptions): PageFile[] {
  const { locale, title } = options;
  const config = {
    matter: options.matter,
    locale,
    sources: options.sources.map(({ file, text }) => ({ file, text })),
  };
  const name = locale === "en" ? (title.en ?? title["zh-CN"]) : title["zh-CN"];
  const html = `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(name)} — ${locale === "en" ? "Pre-check" : "网上预审"}</title>
<link rel="stylesheet" href="precheck.css">
</head>
<body>
<main id="app"><p>${locale === "en" ? "This page needs JavaScript." : "本页面需要启用 JavaScript。"}</p></main>
<script type="application/json" id="${CONFIG_ID}">${scriptSafeJson(config)}</script>
<script src="precheck.js"></script>
</body>
</html>
`;
  return [
    { name: "index.html", text: html },
    { name: "precheck.js", text: options.script },
    { name: "precheck.css", text: PAGE_CSS },
  ];
}

/**
 * JSON that cannot end the script element it sits in: every `<` is written `\u003c`, which is
 * the same JSON (a `<` can only occur inside a string).
 */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
