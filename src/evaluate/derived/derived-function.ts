import type { CatalogEntry } from "../../model/catalog.js";

/** What a derived function is told besides its input. */
export interface DerivedContext {
  /** The application date, on which ages, validity and distances are counted. */
  appliedOn: string;
  /** The options the rule file gives this derived fact. */
  options: Readonly<Record<string, unknown>>;
  /** The values of the rule file's further named inputs (`with`), missing ones undefined. */
  with?: Readonly<Record<string, unknown>>;
  /** The catalogs loaded with the rules, by name. */
  catalogs: ReadonlyMap<string, readonly CatalogEntry[]>;
}

/** The fields a derived function may produce; `object` fields accept any deeper path. */
export type DerivedOutputs = Readonly<
  Record<string, "string" | "number" | "boolean" | "array" | "object">
>;

/**
 * A generic computation a rule file may name in `derived` (no matter-specific logic: the rule
 * file decides what to do with the values). `outputs` lists the fields it may produce, so the
 * validator can check condition paths such as `operatorIdentity.age`; `checkOptions` reports
 * options it cannot work with (an unknown catalog, say) at load time.
 */
export interface DerivedFunction {
  readonly name: string;
  readonly description: string;
  readonly outputs: DerivedOutputs;
  checkOptions?(
    options: Readonly<Record<string, unknown>>,
    catalogs: ReadonlySet<string>,
  ): string[];
  compute(input: unknown, context: DerivedContext): Record<string, unknown>;
  /**
   * Builds, once when the matter is compiled, what `compute` would otherwise build on the first
   * decision (indexes of large catalogs), so that no decision pays for it.
   */
  prepare?(context: Omit<DerivedContext, "appliedOn">): void;
}
