import type { Guide, GuideItem } from "./guide.js";

/**
 * The guide as Markdown, for a repository, a wiki or a CMS that renders Markdown. Text from
 * the rule file is escaped, so a pattern such as `^1[3-9]\d{9}$` shows as written.
 *
 * @example
 * formatGuideMarkdown(buildGuide(file, { sha256, laws, locale: "zh-CN" }));
 * // "# 个体工商户设立登记 — 办事指南\n\n…"
 */
export function formatGuideMarkdown(guide: Guide): string {
  const { sections: s } = guide;
  const colon = guide.locale === "zh-CN" ? "：" : ": ";
  const out: string[] = [`# ${md(guide.title)} — ${md(guide.subtitle)}`, ""];
  for (const fact of guide.facts) out.push(`- ${md(fact.label)}${colon}${md(fact.text)}`);
  const list = (heading: string, lines: readonly string[]) => {
    out.push("", `## ${md(heading)}`, "");
    for (const line of lines) out.push(`- ${md(line)}`);
  };
  const items = (heading: string, intro: string, entries: readonly GuideItem[]) => {
    out.push("", `## ${md(heading)}`, "", md(intro), "");
    entries.forEach((item, i) => {
      out.push(`${i + 1}. **${md(item.title)}** \`${item.id}\``);
      for (const d of item.details) out.push(`   - ${md(d.label)}${colon}${md(d.text)}`);
    });
  };
  list(s.basis.heading, s.basis.lines);
  items(s.conditions.heading, s.conditions.intro, s.conditions.items);
  items(s.materials.heading, s.materials.intro, s.materials.items);
  list(s.timeLimit.heading, s.timeLimit.lines);
  list(s.fee.heading, s.fee.lines);
  items(s.referrals.heading, s.referrals.intro, s.referrals.items);
  if (s.commitment) items(s.commitment.heading, s.commitment.intro, s.commitment.items);
  out.push("", "---", "", md(guide.footer), "");
  return out.join("\n");
}

/** Escapes the characters Markdown would read as markup. */
function md(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|~]/g, (c) => `\\${c}`);
}
