/**
 * The pre-check page's style sheet, written as its own file (the page's Content-Security-Policy
 * allows no inline style). Colours meet WCAG AA contrast; focus is always visible.
 */
export const PAGE_CSS = `:root{--accent:#1d4f91;--ink:#1f2328;--muted:#57606a;--line:#d0d7de;--soft:#f6f8fa;
--ok:#1a7f37;--warn:#9a6700;--bad:#b42318}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:#fff;line-height:1.6;font-size:16px;
font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Hiragino Sans GB","Microsoft YaHei","WenQuanYi Micro Hei",system-ui,sans-serif}
header{background:var(--accent);color:#fff;padding:18px 24px 16px}
header h1{margin:4px 0 8px;font-size:1.6rem;line-height:1.35}
header p{margin:4px 0;max-width:60rem}
header .bar{display:flex;justify-content:space-between;align-items:center;gap:12px}
header .subtitle{letter-spacing:.12em;opacity:.9;margin:0}
header .privacy{font-size:.92rem}
header .rules{font-size:.82rem;opacity:.85;overflow-wrap:anywhere}
header button{background:#fff;color:var(--accent);border:0}
.columns{display:grid;grid-template-columns:minmax(0,1fr) minmax(18rem,26rem);gap:24px;padding:20px 24px;align-items:start}
@media (max-width:900px){.columns{grid-template-columns:1fr;padding:16px 12px}}
h2{font-size:1.2rem;margin:8px 0 10px;padding-left:10px;border-left:5px solid var(--accent)}
h3{font-size:1.02rem;margin:14px 0 4px}
fieldset{border:1px solid var(--line);border-radius:6px;margin:10px 0;padding:8px 14px 12px;min-width:0}
fieldset.item{background:var(--soft)}
legend{font-weight:600;padding:0 6px}
.field{margin:8px 0}
.field label{display:block;font-size:.95rem;margin-bottom:2px}
.req{color:var(--muted);font-size:.85rem}
input[type=text],input[type=number],input[type=date],select,textarea{font:inherit;width:100%;max-width:36rem;padding:6px 8px;border:1px solid #8c959f;border-radius:4px;background:#fff;color:var(--ink)}
[aria-invalid=true]{border-color:var(--bad);box-shadow:0 0 0 1px var(--bad)}
.toggle{display:flex;gap:8px;align-items:center;margin:4px 0}
.toggle input{width:1.1rem;height:1.1rem}
button{font:inherit;padding:6px 14px;border-radius:4px;border:1px solid var(--accent);background:#fff;color:var(--accent);cursor:pointer;margin:6px 6px 0 0}
button[type=submit]{background:var(--accent);color:#fff;font-size:1.05rem;padding:8px 28px}
button:disabled{opacity:.5;cursor:not-allowed}
:focus-visible{outline:3px solid #e36209;outline-offset:2px}
.problem{color:var(--bad);margin:2px 0 0;font-size:.9rem}
.material .status{margin:0 0 4px;font-weight:600}
.material .accepts{margin:0 0 6px;color:var(--muted);font-size:.9rem}
.commitment{background:var(--soft);border-left:4px solid var(--warn);padding:6px 10px}
#result{position:sticky;top:12px;border:1px solid var(--line);border-radius:8px;padding:4px 16px 14px;max-height:calc(100vh - 24px);overflow:auto}
@media (max-width:900px){#result{position:static;max-height:none}}
.outcome{font-size:1.25rem;font-weight:700;margin:6px 0;padding:8px 12px;border-radius:6px;color:#fff}
.outcome.ready{background:var(--ok)}
.outcome.incomplete{background:var(--warn)}
.outcome.clerk{background:var(--bad)}
#details ol,#details ul{padding-left:1.4em;margin:4px 0}
#details li{margin:4px 0}
.basis{color:var(--muted);font-size:.85rem}
.error{color:var(--bad);font-weight:600}
.actions{margin:16px 0 8px}
@media print{header{background:none;color:#000;border-bottom:2px solid #000}#result{position:static}}
`;
