import type { Locale } from "./common.js";

/** How each submission channel is called in notices and guides, per locale. */
export const CHANNEL_LABELS: Readonly<Record<string, Readonly<Record<Locale, string>>>> = {
  upload: { "zh-CN": "上传", en: "upload" },
  "e-sign": { "zh-CN": "电子签名", en: "e-signature" },
  shared: { "zh-CN": "共享数据调取", en: "shared data" },
  commitment: { "zh-CN": "告知承诺", en: "commitment (告知承诺)" },
  deferred: { "zh-CN": "容缺后补", en: "deferral (容缺)" },
};

/**
 * The channels named in the locale's words and joined with its separator.
 *
 * @example
 * channelList(["upload", "shared"], "zh-CN"); // "上传、共享数据调取"
 */
export function channelList(channels: readonly string[], locale: Locale): string {
  return channels
    .map((c) => CHANNEL_LABELS[c]?.[locale] ?? c)
    .join(locale === "zh-CN" ? "、" : ", ");
}
