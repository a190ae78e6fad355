import { statSync } from "node:fs";

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

/**
 * A file the command was pointed at cannot be read or written: one line naming the file and the
 * reason, exit code 1, without the usage hint (the call itself was right).
 */
export class IoError extends UsageError {
  override name = "IoError";
}

/** The reason of a failed file operation in words, never the raw errno text. */
export function ioReason(error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case "ENOENT":
      return "no such file or directory";
    case "EISDIR":
      return "is a directory";
    case "ENOTDIR":
      return "a part of the path is not a directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "read-only file system";
    case "ENOSPC":
      return "no space left on the device";
    case "EEXIST":
      return "already exists";
    case "ENAMETOOLONG":
      return "name too long";
    default:
      return code === undefined ? "unreadable" : `failed (${code})`;
  }
}

/** Whether an error is a failed file operation (it carries an errno code such as ENOENT). */
export function isIoFailure(error: unknown): error is NodeJS.ErrnoException {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^E[A-Z]+$/.test(code) && code !== "ERR";
}

/**
 * Checks that a path given on the command line exists (a directory when `kind` says so) before
 * a library call would fail on it with raw errno text deep inside.
 */
export function requirePath(
  label: string,
  path: string,
  kind: "file or directory" | "directory" = "file or directory",
): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (error) {
    throw new IoError(`cannot read ${label}: ${ioReason(error)}`);
  }
  if (kind === "directory" && !isDirectory)
    throw new IoError(`cannot read ${label}: not a directory`);
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
