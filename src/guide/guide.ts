import { citationsText, cite } from "../evaluate/citations.js";
import type { Citation } from "../model/citation.js";
import type { Locale, LocalizedText } from "../model/common.js";
import type { MatterFile } from "../model/matter.js";
import { CHANNEL_LABELS, describeCondition, factLabel } from "./condition-text.js";

/** One entry of a guide's list: a standard, a material or a referral, in words. */
export interface GuideItem {
  id: string;
  title: string;
  /** Label and text pairs, in display order ("适用情形", "…"). */
  details: Array<{ label: string; text: string }>;
}

/**
 * The public guide (办事指南) of one matter version as plain data, in one locale: what the
 * renderers (Markdown, HTML) lay out. Every sentence comes from the rule file that decides.
 */
export interface Guide {
  locale: Locale;
  title: string;
  subtitle: string;
  facts: Array<{ label: string; text: string }>;
  sections: {
    basis: { heading: string; lines: string[] };
    conditions: { heading: string; intro: string; items: GuideItem[] };
    materials: { heading: string; intro: string; items: GuideItem[] };
    timeLimit: { heading: string; lines: string[] };
    fee: { heading: string; lines: string[] };
    referrals: { heading: string; intro: string; items: GuideItem[] };
    /**
     * 告知承诺: the 告知 for each material that accepts a commitment (SPEC-2 §4.2), or why the
     * matter excludes it; absent when the matter has no commitment settings.
     */
    commitment?: { heading: string; intro: string; items: GuideItem[] };
  };
  footer: string;
}

const W = {
  "zh-CN": {
    guide: "办事指南",
    matterCode: "事项编码",
    version: "规则版本",
    effective: (from: string, until?: string) => (until ? `${from} 至 ${until}` : `${from} 起`),
    effectiveLabel: "施行日期",
    basis: "设定依据",
    conditions: "申请条件",
    conditionsIntro:
      "以下条件逐项审查，全部符合的当场办结；不符合的，一次性告知需更正的内容或转人工审查。",
    appliesWhen: "适用情形",
    requirement: "审查要点",
    ifNot: "不符合时",
    correct: (field: string) => `申请人更正：${field}`,
    refer: (title: string) => `转人工审查：${title}`,
    citedBy: "依据",
    colon: "：",
    materials: "申请材料",
    materialsIntro: "除注明的情形外，均需提交；可通过共享数据调取的，无需重复提交。",
    when: "何时需要",
    always: "所有申请",
    via: "提交方式",
    deferrable: "容缺受理",
    deferrableText: "可先受理、后补交，补齐前不予办结",
    followUp: "事后核查",
    timeLimit: "办理时限",
    onTheSpot: "材料齐全、符合法定形式的，当场办结",
    statutory: (n: number) => `法定办结时限：${n} 个工作日`,
    extension: (n: number) => `经批准可延长 ${n} 个工作日`,
    promised: (n: number) => `承诺办结时限：${n} 个工作日`,
    fee: "收费标准",
    free: "不收费",
    amount: (n: number) => `${n} 元`,
    referrals: "需要人工审查的情形",
    referralsIntro: "有下列情形之一的，自动审批不作决定，转工作人员审查。",
    commitment: "告知承诺",
    commitmentIntro:
      "下列材料可以书面承诺代替。申请人自愿选择；不愿或者无法承诺的，提交材料办理。作出承诺前请阅读以下告知内容。",
    commitmentExcluded: (reason: string) => `本事项不适用告知承诺：${reason}`,
    commitmentContent: "告知承诺",
    matterName: "事项名称",
    proofContent: "证明内容（承诺内容）",
    commitmentMethod: "承诺方式",
    notApplicable: "不适用情形",
    creditUnknown: "信用状况无法核实时",
    askProof: "不能依据承诺办理，请提交材料",
    referCredit: (title: string) => `转人工审查：${title}`,
    verification: "核查",
    verificationTime: (n: number) => `作出决定之日起 ${n} 个工作日内核查`,
    liability: "不实承诺或者未履行承诺的法律责任",
    disclosure: "承诺内容公开",
    paren: (t: string) => `（${t}）`,
    codes: { item: "事项编码", handling: "业务办理项编码" } as Record<string, string>,
    sep: "；",
    footer: (matter: string, version: string, sha: string) =>
      `本指南由审批标准清单 ${matter} ${version} 自动生成，与自动审批所依据的规则为同一文件（规则文件 SHA-256：${sha}。该值按 RFC 8785 将规则文件规范化为 JSON 文本（对象键排序、无空白）后，对其 UTF-8 字节计算，不是对文件原始字节计算，故与 sha256sum 等工具直接计算文件的结果不同）。`,
  },
  en: {
    guide: "Service guide",
    matterCode: "Item code",
    version: "Rule version",
    effective: (from: string, until?: string) => (until ? `${from} to ${until}` : `from ${from}`),
    effectiveLabel: "In force",
    basis: "Legal basis",
    conditions: "Conditions",
    conditionsIntro:
      "Each condition is checked. When all are met the case is decided on the spot; otherwise everything to correct is listed at once, or a person decides.",
    appliesWhen: "Applies when",
    requirement: "What is checked",
    ifNot: "If not met",
    correct: (field: string) => `the applicant corrects: ${field}`,
    refer: (title: string) => `a person decides: ${title}`,
    citedBy: "Basis",
    colon: ": ",
    materials: "Materials",
    materialsIntro:
      "Required in every case unless stated; what the authority can obtain from shared data need not be submitted again.",
    when: "Needed when",
    always: "always",
    via: "Accepted as",
    deferrable: "Deferral",
    deferrableText:
      "the case may be accepted and the material supplied later; no decision until it arrives",
    followUp: "Checked afterwards",
    timeLimit: "Time limit",
    onTheSpot: "decided on the spot when the materials are complete and in legal form",
    statutory: (n: number) => `statutory limit: ${n} working days`,
    extension: (n: number) => `may be extended by ${n} working days`,
    promised: (n: number) => `promised limit: ${n} working days`,
    fee: "Fee",
    free: "free of charge",
    amount: (n: number) => `CNY ${n}`,
    referrals: "When a person decides",
    referralsIntro:
      "In any of these cases the automatic review does not decide; the case goes to a person.",
    commitment: "Commitment (告知承诺)",
    commitmentIntro:
      "These materials may be replaced by a written commitment. It is the applicant's choice; an applicant who will not or cannot commit supplies the material. Read this notice before committing.",
    commitmentExcluded: (reason: string) =>
      `Commitment is not available for this matter: ${reason}`,
    commitmentContent: "Commitment",
    matterName: "Matter",
    proofContent: "What is committed to (instead of the proof)",
    commitmentMethod: "How to commit",
    notApplicable: "Not available when",
    creditUnknown: "When the credit status cannot be verified",
    askProof: "the commitment is not relied on; supply the material",
    referCredit: (title: string) => `a person decides: ${title}`,
    verification: "Verification",
    verificationTime: (n: number) => `checked within ${n} working days of the decision`,
    liability: "Liability for a false or unfulfilled commitment",
    disclosure: "Publication of the commitment",
    paren: (t: string) => ` (${t})`,
    codes: { item: "Item code", handling: "Handling code" } as Record<string, string>,
    sep: "; ",
    footer: (matter: string, version: string, sha: string) =>
      `Generated from the checklist ${matter} ${version}: the very file that decides applications (rule file SHA-256 ${sha}, taken of the file's JSON canonicalized by RFC 8785 — keys sorted, no white space — as UTF-8, not of the file's bytes, so sha256sum on the file gives another value).`,
  },
} as const;

/**
 * A legal basis as the guides write it: each law by its title and its articles, in the
 * locale's form (《…》第5条、第6条 / Law, art 5, 6). The one wording of the matter's guide and
 * the 一件事 guide.
 *
 * @example
 * citeBasis([{ ref: "civil-code", articles: ["18"] }], laws, "zh-CN"); // "《中华人民共和国民法典》第18条"
 */
export function citeBasis(
  basis: readonly Citation[],
  laws: ReadonlyMap<string, LocalizedText>,
  locale: Locale,
): string {
  return citationsText(cite(basis, laws, locale), locale);
}

/** A fee as a guide states it: 不收费 / free of charge, or the amount in yuan. */
export function feeText(amount: number, locale: Locale): string {
  return amount === 0 ? W[locale].free : W[locale].amount(amount);
}

/** Text in brackets as the locale writes them: （…） / " (…)". */
export function parenthesised(text: string, locale: Locale): string {
  return W[locale].paren(text);
}

/**
 * Builds the public guide of one matter version from its rule file: legal basis, conditions
 * (with when each applies and what happens if it is not met), materials (with when each is
 * needed, how it may be supplied, deferral and follow-up), time limit, fee, and the cases a
 * person decides. `sha256` is the rule file's hash as decisions record it.
 *
 * @example
 * const version = rules.versionInForce("individual-business.establishment", "2025-06-30");
 * buildGuide(version.file, { sha256: version.sha256, laws: version.laws, locale: "zh-CN" });
 */
export function buildGuide(
  matter: MatterFile,
  context: { sha256: string; laws: ReadonlyMap<string, LocalizedText>; locale: Locale },
): Guide {
  const { locale } = context;
  const w = W[locale];
  const text = (t: LocalizedText) => t[locale] ?? t["zh-CN"];
  const cite = (basis: readonly Citation[]) => citeBasis(basis, context.laws, locale);
  const referralTitle = (code: string) => {
    const referral = matter.referrals.find((r) => r.code === code);
    return referral ? text(referral.title) : code;
  };
  const { statutory, promised } = matter.timeLimit;
  return {
    locale,
    title: text(matter.title),
    subtitle: w.guide,
    facts: [
      ...Object.entries(matter.codes ?? {}).map(([key, value]) => ({
        label: w.codes[key] ?? key,
        text: value,
      })),
      { label: w.version, text: matter.version },
      { label: w.effectiveLabel, text: w.effective(matter.effective.from, matter.effective.until) },
    ],
    sections: {
      basis: { heading: w.basis, lines: matter.basis.map((c) => cite([c])) },
      conditions: {
        heading: w.conditions,
        intro: w.conditionsIntro,
        items: matter.standards.map((s) => ({
          id: s.id,
          title: text(s.title),
          details: [
            ...(s.when
              ? [{ label: w.appliesWhen, text: describeCondition(s.when, matter, locale) }]
              : []),
            { label: w.requirement, text: describeCondition(s.require, matter, locale) },
            {
              label: w.ifNot,
              text:
                s.onFail.outcome === "refer"
                  ? w.refer(referralTitle(s.onFail.code))
                  : w.correct(factLabel("data", s.onFail.field, matter, locale)),
            },
            { label: w.citedBy, text: cite(s.basis) },
          ],
        })),
      },
      materials: {
        heading: w.materials,
        intro: w.materialsIntro,
        items: matter.materials.map((m) => ({
          id: m.id,
          title: text(m.title),
          details: [
            {
              label: w.when,
              text: m.requiredWhen ? describeCondition(m.requiredWhen, matter, locale) : w.always,
            },
            {
              label: w.via,
              text: m.satisfiedBy.map((c) => CHANNEL_LABELS[c]?.[locale] ?? c).join(w.sep),
            },
            ...(m.deferrable ? [{ label: w.deferrable, text: w.deferrableText }] : []),
            ...(m.commitment && matter.commitment?.available === true
              ? [{ label: w.commitmentContent, text: text(m.commitment.content) }]
              : []),
            ...(m.followUp ? [{ label: w.followUp, text: text(m.followUp.title) }] : []),
            { label: w.citedBy, text: cite(m.basis) },
          ],
        })),
      },
      timeLimit: {
        heading: w.timeLimit,
        lines: [
          ...(statutory.onTheSpot ? [w.onTheSpot] : []),
          w.statutory(statutory.workingDays),
          ...(statutory.extensionWorkingDays ? [w.extension(statutory.extensionWorkingDays)] : []),
          ...(promised ? [w.promised(promised.workingDays)] : []),
          `${w.citedBy}${w.colon}${cite(matter.timeLimit.basis)}`,
        ],
      },
      fee: {
        heading: w.fee,
        lines: [
          feeText(matter.fee.amount, locale),
          `${w.citedBy}${w.colon}${cite(matter.fee.basis)}`,
        ],
      },
      referrals: {
        heading: w.referrals,
        intro: w.referralsIntro,
        items: matter.referrals.map((r) => ({
          id: r.code,
          title: text(r.title),
          details: [{ label: w.citedBy, text: cite(r.basis) }],
        })),
      },
      ...(matter.commitment && {
        commitment: commitmentSection(matter, { w, text, cite, referralTitle }),
      }),
    },
    footer: w.footer(matter.matter, matter.version, context.sha256),
  };
}

/**
 * The 告知 of SPEC-2 §4.2 for each material accepting commitment: 事项名称、设定依据、证明内容、
 * 承诺方式、不适用情形 (信用), 核查 (power, method, time), 法律责任 and 公开 — 太原 plan [M],
 * 深圳经济特区社会信用条例 art 61 [V], 安阳市政务服务条例 art 26 [V]. Every sentence but the
 * labels comes from the rule file.
 */
function commitmentSection(
  matter: MatterFile,
  h: {
    w: (typeof W)[Locale];
    text: (t: LocalizedText) => string;
    cite: (basis: readonly Citation[]) => string;
    referralTitle: (code: string) => string;
  },
): { heading: string; intro: string; items: GuideItem[] } {
  const { w, text, cite } = h;
  const settings = matter.commitment as NonNullable<MatterFile["commitment"]>;
  if (settings.available === false) {
    return {
      heading: w.commitment,
      intro: `${w.commitmentExcluded(text(settings.reason))}${w.paren(`${w.citedBy}${w.colon}${cite(settings.basis)}`)}`,
      items: [],
    };
  }
  const { eligibility, verification } = settings;
  const onUnknown =
    eligibility.onUnknown.outcome === "refer"
      ? w.referCredit(h.referralTitle(eligibility.onUnknown.code))
      : w.askProof;
  return {
    heading: w.commitment,
    intro: w.commitmentIntro,
    items: matter.materials
      .filter((m) => m.satisfiedBy.includes("commitment"))
      .map((m) => ({
        id: m.id,
        title: text(m.title),
        details: [
          { label: w.matterName, text: text(matter.title) },
          { label: w.basis, text: cite(settings.basis) },
          ...(m.commitment ? [{ label: w.proofContent, text: text(m.commitment.content) }] : []),
          { label: w.commitmentMethod, text: text(settings.method) },
          {
            label: w.notApplicable,
            text: `${text(eligibility.message)}${w.paren(cite(eligibility.basis))}`,
          },
          { label: w.creditUnknown, text: onUnknown },
          {
            label: w.verification,
            text: `${text(verification.method)}${w.sep}${w.verificationTime(
              m.followUp?.workingDays ?? verification.workingDays,
            )}${w.paren(cite(verification.basis))}`,
          },
          ...settings.consequences.map((c) => ({
            label: w.liability,
            text: `${text(c.text)}${w.paren(cite(c.basis))}`,
          })),
          { label: w.disclosure, text: text(settings.disclosure) },
        ],
      })),
  };
}
