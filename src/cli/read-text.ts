import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { resolve } from "node:path";
import { firstInvalidUtf8 } from "../json/utf8.js";
import { IoError, ioReason, UsageError } from "./io.js";

/**
 * The most bytes a file named on the command line may hold. An application is at most
 * 200,000 characters of text (INPUT_LIMITS.maxTotalLength), which in UTF-8 with JSON
 * punctuation stays well under 4 MB; rule files have their own limit (4,000,000 characters).
 */
export const MAX_INPUT_BYTES = 4 * 1024 * 1024;

const CHUNK = 64 * 1024;

/**
 * Reads a text file (or standard input for `-`) given on the command line, bounded as it is
 * read: a file larger than `maxBytes` — or one without end, like `/dev/zero` or an endless pipe
 * — stops being read at the bound and is one clear message, never a process that grows without
 * limit. The text must be UTF-8: a byte sequence that is not (a GBK-encoded name, say) is refused
 * with its byte offset, never decided on U+FFFD replacement characters. A leading UTF-8 byte order
 * mark is dropped, the same for every command.
 */
export function readTextFile(path: string, cwd: string, maxBytes = MAX_INPUT_BYTES): string {
  const fromStdin = path === "-";
  let fd: number;
  try {
    fd = fromStdin ? 0 : openSync(resolve(cwd, path), "r");
  } catch (error) {
    throw new IoError(`cannot read ${path}: ${ioReason(error)}`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    if (!fromStdin && fstatSync(fd).isDirectory())
      throw new IoError(`cannot read ${path}: is a directory`);
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK);
      let read: number;
      try {
        read = readSync(fd, chunk, 0, CHUNK, null);
      } catch (error) {
        // A non-blocking standard input with nothing yet: wait for it instead of failing.
        if ((error as { code?: string }).code === "EAGAIN") continue;
        throw error;
      }
      if (read === 0) break;
      total += read;
      if (total > maxBytes) {
        throw new UsageError(
          `cannot read ${path}: larger than ${maxBytes.toLocaleString("en")} bytes (the limit for one input file)`,
        );
      }
      chunks.push(chunk.subarray(0, read));
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new IoError(`cannot read ${path}: ${ioReason(error)}`);
  } finally {
    if (!fromStdin) closeSync(fd);
  }
  return decodeUtf8(Buffer.concat(chunks, total), path);
}

/** UTF-8 text of the bytes, without a leading byte order mark; anything else is refused. */
export function decodeUtf8(bytes: Uint8Array, name: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new UsageError(
      `cannot read ${name}: not UTF-8 text (first invalid byte at offset ${firstInvalidUtf8(bytes)}); save it as UTF-8`,
    );
  }
}
