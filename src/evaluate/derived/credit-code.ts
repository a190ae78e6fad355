import { parseCreditCode } from "../../validators/credit-code.js";
import type { DerivedFunction } from "./derived-function.js";

/**
 * Reads a 统一社会信用代码 (GB 32100): whether it is well-formed with a correct check
 * character, and what it says — the registration department, the category (`91` enterprise,
 * `92` individual business, `93` farmers' cooperative) and the registering authority's region.
 */
export const creditCode: DerivedFunction = {
  name: "credit-code",
  description: "Validates a unified social credit code and reads its category and region",
  outputs: {
    valid: "boolean",
    problems: "array",
    category: "string",
    entityKind: "string",
    regionCode: "string",
  },
  compute(input) {
    if (typeof input !== "string") return {};
    const code = parseCreditCode(input);
    if (!code.valid) return { valid: false, problems: code.problems.map((p) => p.code) };
    return {
      valid: true,
      problems: [],
      category: code.category,
      entityKind: code.entityKind,
      regionCode: code.regionCode,
    };
  },
};
