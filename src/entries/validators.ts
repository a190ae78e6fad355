// smart-approval/validators: the national codes an application carries, checked as their
// standards define them — each returns the code's parts, or every problem found.

export { type CreditCode, parseCreditCode } from "../validators/credit-code.js";
export type { Invalid } from "../validators/problem.js";
export { parseRegionCode, type RegionCode } from "../validators/region-code.js";
export {
  parseResidentId,
  type ResidentId,
  type ResidentIdOptions,
} from "../validators/resident-id.js";
