import type { Locale, LocalizedText } from "../model/common.js";

/** The text in the requested locale, falling back to zh-CN (always present). */
export function localize(text: LocalizedText, locale: Locale): string {
  return text[locale] ?? text["zh-CN"];
}

type Template = (args: Record<string, string>) => LocalizedText;

/** The library's own notice texts; matter-specific texts live in the rule files. */
export const MESSAGES = {
  fieldAbsent: ({ label }) => ({ "zh-CN": `请提供：${label}`, en: `Please supply: ${label}` }),
  fieldInvalid: ({ label, detail }) => ({
    "zh-CN": `请更正：${label}（${detail}）`,
    en: `Please correct: ${label} (${detail})`,
  }),
  ifApplicable: ({ text }) => ({ "zh-CN": `如适用：${text}`, en: `If it applies: ${text}` }),
  materialMissing: ({ title }) => ({ "zh-CN": `请提交：${title}`, en: `Please submit: ${title}` }),
  materialWrongChannel: ({ title, via, accepted }) => ({
    "zh-CN": `请提交：${title}（不接受以 ${via} 方式提交，可用方式：${accepted}）`,
    en: `Please submit: ${title} (${via} is not accepted; accepted: ${accepted})`,
  }),
  evidenceUnavailable: ({ title }) => ({
    "zh-CN": `无法通过共享数据核验：${title}，需人工核实`,
    en: `Could not be verified from shared data: ${title}; a person must check it`,
  }),
  undetermined: ({ title }) => ({
    "zh-CN": `无法根据所填信息自动判断：${title}，需人工审查`,
    en: `Could not be decided automatically from the data given: ${title}; a person must check it`,
  }),
  materialDeferred: ({ title }) => ({
    "zh-CN": `容缺受理：${title}待补交，补齐前不予当场办结`,
    en: `Accepted with a deferred material: ${title}; the case waits until it arrives`,
  }),
  verifyCommitment: ({ title }) => ({
    "zh-CN": `告知承诺：事后核查${title}`,
    en: `Commitment given: verify ${title} after approval`,
  }),
  internalError: ({ detail }) => ({
    "zh-CN": `系统无法完成自动审查（${detail}），转人工办理`,
    en: `The automatic review could not be completed (${detail}); referred to a person`,
  }),
} satisfies Record<string, Template>;
