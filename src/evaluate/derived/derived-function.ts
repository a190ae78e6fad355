/** What a derived function is told besides its input. */
export interface DerivedContext {
  /** The application date, on which ages and validity are counted. */
  appliedOn: string;
}

/**
 * A generic computation a rule file may name in `derived` (no matter-specific logic: the rule
 * file decides what to do with the values). `outputs` lists the fields it may produce, so the
 * validator can check condition paths such as `operatorIdentity.age`.
 */
export interface DerivedFunction {
  readonly name: string;
  readonly description: string;
  readonly outputs: Readonly<Record<string, "string" | "number" | "boolean" | "array">>;
  compute(input: unknown, context: DerivedContext): Record<string, unknown>;
}
