import type { Invalid } from "./problem.js";

/** A well-formed 港澳居民来往内地通行证 number. */
export interface HongKongMacaoTravelPermit {
  readonly valid: true;
  readonly number: string;
  readonly region: "hong-kong" | "macao";
  /** `H` or `M` and the 8-digit lifelong number: the same across renewals. */
  readonly holderNumber: string;
  /** 换证次数 (00 on first issue); present only when the number carries it. */
  readonly renewals?: number;
}

/** A well-formed 台湾居民来往大陆通行证 number. */
export interface TaiwanTravelPermit {
  readonly valid: true;
  readonly number: string;
  /** The 8-digit lifelong number (一人一号、终身不变 since 2008-09-25). */
  readonly holderNumber: string;
}

/**
 * Reads a 港澳居民来往内地通行证 (Mainland Travel Permit for Hong Kong and Macao Residents)
 * number: `H` (Hong Kong) or `M` (Macao), the 8-digit lifelong number, then optionally the
 * 2-digit renewal count. Compare holders by `holderNumber`, never by the full number.
 * A lower-case first letter is accepted.
 *
 * @example
 * parseHongKongMacaoTravelPermit("H1234567801");
 * //=> { valid: true, number: "H1234567801", region: "hong-kong", holderNumber: "H12345678", renewals: 1 }
 */
export function parseHongKongMacaoTravelPermit(
  value: string,
): HongKongMacaoTravelPermit | Invalid<"format"> {
  const number = value.replace(/^[hm]/, (letter) => letter.toUpperCase());
  const match = /^([HM]\d{8})(\d{2})?$/.exec(number);
  if (!match?.[1]) {
    const message =
      "A 港澳居民来往内地通行证 number is H or M, 8 digits, then optionally 2 digits.";
    return { valid: false, problems: [{ code: "format", message }] };
  }
  const holderNumber = match[1];
  const region = holderNumber.startsWith("H") ? "hong-kong" : "macao";
  if (match[2] === undefined) return { valid: true, number, region, holderNumber };
  return { valid: true, number, region, holderNumber, renewals: Number(match[2]) };
}

/**
 * Reads a 台湾居民来往大陆通行证 (Mainland Travel Permit for Taiwan Residents) number:
 * 8 digits, then optionally 2 more. Compare holders by `holderNumber`.
 *
 * @example
 * parseTaiwanTravelPermit("1234567801");
 * //=> { valid: true, number: "1234567801", holderNumber: "12345678" }
 */
export function parseTaiwanTravelPermit(value: string): TaiwanTravelPermit | Invalid<"format"> {
  // [U] The printed format of the current card is not confirmed (SPEC §7.3); only the
  // 8-digit lifelong number is sourced. Treat a pass here as "plausible", not "verified".
  if (!/^\d{8}(\d{2})?$/.test(value)) {
    const message = "A 台湾居民来往大陆通行证 number is 8 digits, optionally followed by 2 more.";
    return { valid: false, problems: [{ code: "format", message }] };
  }
  return { valid: true, number: value, holderNumber: value.slice(0, 8) };
}
