import { completedYears, isBirthday } from "../../checks/age.js";
import { parseResidentId } from "../../checks/resident-id.js";
import {
  parseHongKongMacaoTravelPermit,
  parseTaiwanTravelPermit,
} from "../../checks/travel-permit.js";
import type { DerivedFunction } from "./derived-function.js";

/** Identity documents an applicant may hold, as the `type` of the input. */
export const DOCUMENT_TYPES = [
  "resident-id",
  "hmt-residence-permit",
  "hk-macao-permit",
  "taiwan-permit",
  "foreign-passport",
] as const;

type Holder = "mainland" | "hong-kong" | "macao" | "taiwan" | "hmt" | "foreign";

/**
 * Reads an identity document `{ type, number }`: whether the number is valid for its type
 * (GB 11643 for 居民身份证 and 港澳台居民居住证, the 通行证 formats otherwise), who holds it,
 * and — where the number carries a birth date — sex and age in completed years (周岁) on the
 * application date, with a flag for the birthday itself.
 */
export const identityDocument: DerivedFunction = {
  name: "identity-document",
  description: "Validates an identity document and derives holder, birth date, sex and age",
  outputs: {
    type: "string",
    holder: "string",
    valid: "boolean",
    problems: "array",
    birthDate: "string",
    sex: "string",
    age: "number",
    birthdayToday: "boolean",
    regionCode: "string",
  },
  compute(input, { appliedOn }) {
    const { type, number } = (input ?? {}) as { type?: unknown; number?: unknown };
    if (typeof type !== "string" || typeof number !== "string") return {};
    switch (type) {
      case "resident-id":
      case "hmt-residence-permit":
        return fromResidentId(type, number, appliedOn);
      case "hk-macao-permit": {
        const permit = parseHongKongMacaoTravelPermit(number);
        return permit.valid
          ? { type, holder: permit.region, valid: true, problems: [] }
          : { type, holder: "hmt", valid: false, problems: codes(permit.problems) };
      }
      case "taiwan-permit": {
        const permit = parseTaiwanTravelPermit(number);
        return {
          type,
          holder: "taiwan",
          valid: permit.valid,
          problems: permit.valid ? [] : codes(permit.problems),
        };
      }
      case "foreign-passport":
        // A foreign passport number has no checkable structure; validity is the issuer's.
        return { type, holder: "foreign", valid: number.trim().length > 0, problems: [] };
      default:
        return { type, valid: false, problems: ["unknown-document-type"] };
    }
  },
};

function fromResidentId(type: string, number: string, appliedOn: string) {
  const expectMainland = type === "resident-id";
  const id = parseResidentId(number, { today: appliedOn });
  if (!id.valid) {
    return {
      type,
      holder: expectMainland ? "mainland" : "hmt",
      valid: false,
      problems: codes(id.problems),
    };
  }
  const holder: Holder = id.kind;
  // A 居住证 number (810000/820000/830000) declared as a 居民身份证, or the reverse.
  const mismatch = (id.kind === "mainland") !== expectMainland;
  return {
    type,
    holder,
    valid: !mismatch,
    problems: mismatch ? ["document-type-mismatch"] : [],
    birthDate: id.birthDate,
    sex: id.sex,
    age: completedYears(id.birthDate, appliedOn),
    birthdayToday: isBirthday(id.birthDate, appliedOn),
    regionCode: id.regionCode,
  };
}

function codes(problems: readonly { code: string }[]): string[] {
  return problems.map((p) => p.code);
}
