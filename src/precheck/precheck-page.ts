import type { LocalizedText } from "../model/common.js";
import { CONFIG_ID, type PageConfig } from "./page/config.js";
import { PAGE_CSS } from "./page-style.js";

/** The Content-Security-Policy the page declares, and the one a server should send with it. */
export const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'none'";

export interface PrecheckPageOptions {
  matter: string;
  title: LocalizedText;
  locale: "zh-CN" | "en";
  /** The browser rules module (a classic script setting `smartApprovalRules`) and its SHA-256. */
  rules: { code: string; sha256: string };
  /** The page's script (see pageScript). */
  script: string;
}

/** A file of the page: its name in the output directory and its text. */
export interface PageFile {
  name: string;
  text: string;
}

/**
 * The pre-check page's files: `index.html` (the page, with its settings as a JSON data block),
 * `rules.js` (the matter's rules, validated in Node, with its input schemas' validators
 * generated there: the browser generates no code), `precheck.js` (the library's browser entry
 * and the page, one classic script) and `precheck.css`. Opened from disk or served as static
 * files, it makes no request of its own: its Content-Security-Policy allows only its own
 * scripts and style sheet.
 */
export function precheckPageFiles(options: PrecheckPageOptions): PageFile[] {
  const { locale, title } = options;
  const config: PageConfig = {
    matter: options.matter,
    locale,
    sha256: options.rules.sha256,
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
<script src="rules.js"></script>
<script src="precheck.js"></script>
</body>
</html>
`;
  return [
    { name: "index.html", text: html },
    { name: "rules.js", text: options.rules.code },
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
