/** Where a command writes, and the directory paths are relative to: injected so tests run in-process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}

/** A mistake in how the command was called: one message, exit code 1. */
export class UsageError extends Error {
  override name = "UsageError";
}

export const EXIT = { ok: 0, usage: 1, checksFailed: 2 } as const;

/** Checks that an option's value is one of the allowed ones. */
export function oneOf<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${name} must be one of ${allowed.join(", ")} (got "${value}")`);
}
