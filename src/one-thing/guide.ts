import { CHANNEL_LABELS, describeCondition } from "../guide/condition-text.js";
import { citeBasis, feeText, type Guide, type GuideItem, parenthesised } from "../guide/guide.js";
import { schemaTitle } from "../json/schema-paths.js";
import type { Citation } from "../model/citation.js";
import type { Locale, LocalizedText } from "../model/common.js";
import type { MatterFile } from "../model/matter.js";
import type { OneThingFile } from "../model/one-thing.js";

const W = {
  "zh-CN": {
    guide: "办事指南（一件事：一次告知、一表申请、一套材料）",
    version: "规则版本",
    effectiveLabel: "施行日期",
    effective: (from: string, until?: string) => (until ? `${from} 至 ${until}` : `${from} 起`),
    members: "包含事项",
    basis: "设定依据",
    form: "一表申请：申请表栏目",
    formIntro: "以下栏目只填一次，自动用于所列各事项；不再重复采集。",
    usedBy: "用于",
    fixed: "由一件事确定",
    materials: "一套材料",
    materialsIntro:
      "以下材料各提交一次，用于所列各事项；可通过共享数据调取的，无需重复提交。缺少或需更正的内容一次性告知，多个事项共同需要的只列一次。",
    when: "何时需要",
    always: "所有申请",
    or: "；或",
    via: "提交方式",
    serves: "作为",
    timeLimit: "办理时限",
    timeLimitIntro: "各事项分别计算，以最长者为一件事的办理期限；全部事项准予方为办结。",
    fee: "收费标准",
    departments: "由部门办理的事项",
    departmentsIntro:
      "下列事项需由有关部门审查（如现场核查），自动审批不作决定，转有关部门并按工作日计算期限；超时默认仅在有地方政策依据时适用，且不等于许可已颁发。",
    department: "办理部门",
    workingDays: (n: number) => `${n} 个工作日`,
    onTheSpot: (n: number) => `当场办结（不能当场办结的，${n} 个工作日）`,
    deemed: "超时默认",
    deemedText: (n: number, effect: string) => `受理后 ${n} 个工作日未答复的：${effect}`,
    rules: "由规则自动审查",
    citedBy: "依据",
    colon: "：",
    sep: "；",
    footer: (id: string, version: string, sha: string) =>
      `本指南由一件事规则文件 ${id} ${version} 生成（SHA-256 ${sha}），与审批所用规则一致。`,
  },
  en: {
    guide: "Service guide (one thing: one notice, one form, one set of materials)",
    version: "Rules version",
    effectiveLabel: "In force",
    effective: (from: string, until?: string) => (until ? `${from} to ${until}` : `from ${from}`),
    members: "Matters included",
    basis: "Legal basis",
    form: "One form: its fields",
    formIntro:
      "Each field is filled in once and used for every matter listed; nothing is asked twice.",
    usedBy: "Used for",
    fixed: "Set by the one thing",
    materials: "One set of materials",
    materialsIntro:
      "Each material is supplied once for every matter listed; what shared data holds need not be supplied. Anything missing is listed at once, and what several matters need is listed once.",
    when: "When needed",
    always: "Every application",
    or: "; or ",
    via: "How to supply",
    serves: "Serves as",
    timeLimit: "Time limit",
    timeLimitIntro:
      "Counted per matter; the longest is the time limit of the whole; it is done when every matter is approved.",
    fee: "Fee",
    departments: "Matters a department decides",
    departmentsIntro:
      "These matters need a department's review (such as an on-site check): they are forwarded and their time limits counted in working days. Deemed consent on timeout applies only where a local policy provides it, and is never the licence itself.",
    department: "Department",
    workingDays: (n: number) => `${n} working days`,
    onTheSpot: (n: number) => `on the spot (${n} working days when it cannot be)`,
    deemed: "Deemed consent on timeout",
    deemedText: (n: number, effect: string) =>
      `No answer ${n} working days after acceptance: ${effect}`,
    rules: "Decided by rules",
    citedBy: "Basis",
    colon: ": ",
    sep: "; ",
    footer: (id: string, version: string, sha: string) =>
      `Generated from the one-thing rule file ${id} ${version} (SHA-256 ${sha}), the rules that decide.`,
  },
} as const;

/**
 * The public guide of a 一件事 as the `Guide` the Markdown and HTML renderers lay out: the
 * members, the one form (each field once, with the members it serves), the one set of
 * materials (a shared material once; each member's own materials with when they are needed),
 * the time limits (the longest counts), and the members a department decides, with any deemed
 * consent and its basis. Every sentence comes from the 一件事 file and its members' rule files.
 *
 * @example
 * formatGuideMarkdown(buildOneThingGuide(file, members, { sha256, laws, locale: "zh-CN" }));
 */
export function buildOneThingGuide(
  file: OneThingFile,
  members: ReadonlyMap<string, MatterFile>,
  context: { sha256: string; laws: ReadonlyMap<string, LocalizedText>; locale: Locale },
): Guide {
  const { locale } = context;
  const w = W[locale];
  const text = (t: LocalizedText) => t[locale] ?? t["zh-CN"];
  const cite = (basis: readonly Citation[]) => citeBasis(basis, context.laws, locale);
  const paren = (t: string) => parenthesised(t, locale);
  const memberTitle = (key: string) => {
    const member = file.members.find((m) => m.key === key);
    if (member === undefined) return key;
    if (member.decidedBy === "department") return text(member.title);
    const matter = members.get(key);
    return matter ? text(matter.title) : member.matter;
  };
  const formItems: GuideItem[] = file.mapping.data.flatMap((entry) => {
    if (!("form" in entry)) return [];
    const first = entry.to[0];
    const matter = first && members.get(first.member);
    const title =
      (matter && schemaTitle(matter.input.data as Record<string, unknown>, first.path)) ??
      entry.form;
    return [
      {
        id: entry.form,
        title,
        details: [
          { label: w.usedBy, text: entry.to.map((t) => memberTitle(t.member)).join(w.sep) },
        ],
      },
    ];
  });
  const served = new Set(
    file.materials.flatMap((m) => m.serves.map((s) => `${s.member}\u0000${s.material}`)),
  );
  const material = (key: string, id: string) =>
    members.get(key)?.materials.find((m) => m.id === id);
  const when = (key: string, id: string) => {
    const m = material(key, id);
    const matter = members.get(key);
    return m?.requiredWhen && matter
      ? describeCondition(m.requiredWhen, matter, locale)
      : undefined;
  };
  const sharedItems: GuideItem[] = file.materials.map((m) => {
    const conditions = m.serves.map((s) => when(s.member, s.material));
    return {
      id: m.id,
      title: text(m.title),
      details: [
        {
          label: w.when,
          text: conditions.some((c) => c === undefined) ? w.always : conditions.join(w.or),
        },
        {
          label: w.serves,
          text: m.serves
            .map(
              (s) =>
                `${memberTitle(s.member)}${w.colon}${text(material(s.member, s.material)?.title ?? { "zh-CN": s.material })}`,
            )
            .join(w.sep),
        },
        { label: w.citedBy, text: cite(m.basis) },
      ],
    };
  });
  const ownItems: GuideItem[] = [...members].flatMap(([key, matter]) =>
    matter.materials
      .filter((m) => !served.has(`${key}\u0000${m.id}`))
      .map((m) => ({
        id: m.id,
        title: text(m.title),
        details: [
          { label: w.usedBy, text: memberTitle(key) },
          {
            label: w.when,
            text: m.requiredWhen ? describeCondition(m.requiredWhen, matter, locale) : w.always,
          },
          {
            label: w.via,
            text: m.satisfiedBy.map((c) => CHANNEL_LABELS[c]?.[locale] ?? c).join(w.sep),
          },
          { label: w.citedBy, text: cite(m.basis) },
        ],
      })),
  );
  const departments = file.members.flatMap((m) => (m.decidedBy === "department" ? [m] : []));
  return {
    locale,
    title: text(file.title),
    subtitle: w.guide,
    facts: [
      { label: w.version, text: file.version },
      { label: w.effectiveLabel, text: w.effective(file.effective.from, file.effective.until) },
      { label: w.members, text: file.members.map((m) => memberTitle(m.key)).join(w.sep) },
    ],
    sections: {
      basis: { heading: w.basis, lines: file.basis.map((c) => cite([c])) },
      conditions: { heading: w.form, intro: w.formIntro, items: formItems },
      materials: {
        heading: w.materials,
        intro: w.materialsIntro,
        items: [...sharedItems, ...ownItems],
      },
      timeLimit: {
        heading: w.timeLimit,
        lines: [
          w.timeLimitIntro,
          ...file.members.map((m) => {
            if (m.decidedBy === "department") {
              return `${text(m.title)}${w.colon}${w.workingDays(m.timeLimit.workingDays)}${paren(cite(m.timeLimit.basis))}`;
            }
            const matter = members.get(m.key);
            const limit = matter?.timeLimit.statutory;
            return `${memberTitle(m.key)}${w.colon}${limit ? (limit.onTheSpot ? w.onTheSpot(limit.workingDays) : w.workingDays(limit.workingDays)) : "—"}`;
          }),
        ],
      },
      fee: {
        heading: w.fee,
        lines: [...members].map(
          ([key, matter]) =>
            `${memberTitle(key)}${w.colon}${feeText(matter.fee.amount, locale)}${paren(cite(matter.fee.basis))}`,
        ),
      },
      referrals: {
        heading: w.departments,
        intro: w.departmentsIntro,
        items: departments.map((m) => ({
          id: m.key,
          title: text(m.title),
          details: [
            { label: w.department, text: text(m.department) },
            {
              label: w.timeLimit,
              text: `${w.workingDays(m.timeLimit.workingDays)}${paren(cite(m.timeLimit.basis))}`,
            },
            ...(m.deemedConsent
              ? [
                  {
                    label: w.deemed,
                    text: `${w.deemedText(m.deemedConsent.workingDays, text(m.deemedConsent.effect))}${paren(cite(m.deemedConsent.basis))}`,
                  },
                ]
              : []),
          ],
        })),
      },
    },
    footer: w.footer(file.oneThing, file.version, context.sha256),
  };
}
