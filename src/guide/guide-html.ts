import type { Guide, GuideItem } from "./guide.js";

// One self-contained page: inline CSS, no script, no external font, image or link, so it can
// be published as a single file, archived, and printed. Fonts fall back through the CJK
// families common on government desktops, phones and Linux servers.
const STYLE = `
:root{--accent:#1d4f91;--ink:#1f2328;--muted:#57606a;--line:#d0d7de;--soft:#f3f6fa}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;color:var(--ink);background:#fff;line-height:1.7;font-size:16px;
font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Hiragino Sans GB","Microsoft YaHei","WenQuanYi Micro Hei",system-ui,sans-serif}
header{background:var(--accent);color:#fff;padding:28px 0 22px}
header .wrap,main,footer{max-width:920px;margin:0 auto}
header .wrap{padding:0 20px}
header h1{margin:0;font-size:1.75rem;line-height:1.35}
header p.kind{margin:0 0 6px;letter-spacing:.12em;opacity:.85;font-size:.95rem}
ul.facts{display:flex;flex-wrap:wrap;gap:2px 26px;list-style:none;margin:14px 0 0;padding:0;font-size:.92rem}
ul.facts span{opacity:.78;margin-right:8px}
main{padding:4px 20px 32px}
section{margin-top:30px}
h2{font-size:1.25rem;margin:0 0 10px;padding-left:10px;border-left:5px solid var(--accent)}
p.intro{color:var(--muted);margin:0 0 12px}
ul.lines{margin:0;padding-left:1.3em}
ol.items{list-style:none;margin:0;padding:0;counter-reset:item}
ol.items>li{counter-increment:item;border:1px solid var(--line);border-radius:8px;padding:12px 16px;margin:0 0 10px;background:#fff}
ol.items>li>h3{margin:0;font-size:1.05rem;line-height:1.5}
ol.items>li>h3::before{content:counter(item) ". ";color:var(--accent)}
code{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.82em;color:var(--muted);background:var(--soft);border-radius:4px;padding:1px 5px;margin-left:6px;white-space:nowrap}
ol.items dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:8px 0 0;font-size:.95rem}
ol.items dt{color:var(--muted)}
ol.items dd{margin:0;overflow-wrap:anywhere}
footer{padding:16px 20px 40px;color:var(--muted);font-size:.85rem;border-top:1px solid var(--line);overflow-wrap:anywhere}
@media (max-width:600px){ol.items dl{grid-template-columns:1fr}ol.items dd{margin-bottom:4px}header h1{font-size:1.45rem}}
@media print{header{background:none;color:#000;border-bottom:2px solid #000}ol.items>li{break-inside:avoid}}
`;

/**
 * The guide as one self-contained HTML page (办事指南 for a government website): no script and
 * no external resource, every text escaped, readable on a phone and printable.
 *
 * @example
 * formatGuideHtml(buildGuide(file, { sha256, laws, locale: "zh-CN" }));
 * // "<!doctype html>\n<html lang=\"zh-CN\">…"
 */
export function formatGuideHtml(guide: Guide): string {
  const { sections: s } = guide;
  const facts = guide.facts
    .map((f) => `<li><span>${html(f.label)}</span>${html(f.text)}</li>`)
    .join("");
  const lines = (id: string, heading: string, list: readonly string[]) =>
    `<section id="${id}"><h2>${html(heading)}</h2><ul class="lines">${list
      .map((l) => `<li>${html(l)}</li>`)
      .join("")}</ul></section>`;
  const items = (id: string, heading: string, intro: string, entries: readonly GuideItem[]) =>
    `<section id="${id}"><h2>${html(heading)}</h2><p class="intro">${html(intro)}</p><ol class="items">${entries
      .map(
        (item) =>
          `<li id="${html(item.id)}"><h3>${html(item.title)}<code>${html(item.id)}</code></h3><dl>${item.details
            .map((d) => `<dt>${html(d.label)}</dt><dd>${html(d.text)}</dd>`)
            .join("")}</dl></li>`,
      )
      .join("")}</ol></section>`;
  return `<!doctype html>
<html lang="${guide.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${html(guide.title)} — ${html(guide.subtitle)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><div class="wrap"><p class="kind">${html(guide.subtitle)}</p><h1>${html(guide.title)}</h1><ul class="facts">${facts}</ul></div></header>
<main>
${lines("basis", s.basis.heading, s.basis.lines)}
${items("conditions", s.conditions.heading, s.conditions.intro, s.conditions.items)}
${items("materials", s.materials.heading, s.materials.intro, s.materials.items)}
${lines("time-limit", s.timeLimit.heading, s.timeLimit.lines)}
${lines("fee", s.fee.heading, s.fee.lines)}
${items("referrals", s.referrals.heading, s.referrals.intro, s.referrals.items)}
${s.commitment ? items("commitment", s.commitment.heading, s.commitment.intro, s.commitment.items) : ""}
</main>
<footer>${html(guide.footer)}</footer>
</body>
</html>
`;
}

function html(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}
