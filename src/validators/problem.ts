/** One thing wrong with a checked value, as plain data. `code` is stable; `message` is for people. */
export interface Problem<Code extends string = string> {
  readonly code: Code;
  readonly message: string;
}

/** The result of a check that failed: every problem that applies, never just the first. */
export interface Invalid<Code extends string = string> {
  readonly valid: false;
  readonly problems: readonly Problem<Code>[];
}
