import { type MatterFile, MatterFileSchema } from "../model/matter.js";

type Holey<T extends readonly unknown[]> = Array<T[number] | undefined>;

/** A matter file in which invalid standards, materials and referrals are holes. */
export type PartialMatter = Omit<MatterFile, "standards" | "materials" | "referrals"> & {
  standards: Holey<MatterFile["standards"]>;
  materials: Holey<MatterFile["materials"]>;
  referrals: Holey<MatterFile["referrals"]>;
};

/**
 * The parts of a matter file that are valid on their own: each top-level field, and
 * each standard, material and referral separately. Semantic checks run on these so that one
 * schema error does not hide the other defects of the file.
 *
 * @example
 * const partial = partialMatter(document.value); // standards that parse, the rest dropped
 */
export function partialMatter(value: unknown): PartialMatter {
  const record = (typeof value === "object" && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  const shape = MatterFileSchema.shape;
  const field = <K extends keyof typeof shape>(key: K, fallback: MatterFile[K]): MatterFile[K] => {
    const parsed = shape[key].safeParse(record[key]);
    return parsed.success ? (parsed.data as MatterFile[K]) : fallback;
  };
  // Holes keep positions, so pointers still name the right element.
  const items = <K extends "standards" | "materials" | "referrals">(key: K): PartialMatter[K] => {
    const element = shape[key].element;
    const list = Array.isArray(record[key]) ? (record[key] as unknown[]) : [];
    return list.map((item) => {
      const parsed = element.safeParse(item);
      return parsed.success ? parsed.data : undefined;
    }) as PartialMatter[K];
  };
  return {
    matter: field("matter", ""),
    version: field("version", "0.0.0"),
    effective: field("effective", { from: "0000-01-01" }),
    title: field("title", { "zh-CN": "" }),
    basis: field("basis", []),
    dataBasis: field("dataBasis", []),
    timeLimit: field("timeLimit", { statutory: { onTheSpot: false, workingDays: 0 }, basis: [] }),
    fee: field("fee", { amount: 0, currency: "CNY", basis: [] }),
    input: field("input", { data: {}, evidence: {} }),
    derived: field("derived", {}),
    referrals: items("referrals"),
    unknownEvidenceReferral: field("unknownEvidenceReferral", ""),
    standards: items("standards"),
    materials: items("materials"),
    ...(record.commitment !== undefined && {
      commitment: field("commitment", undefined),
    }),
  };
}
