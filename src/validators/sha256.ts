import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

// SHA-256, synchronous in every runtime the library runs in: derived facts are computed
// synchronously, and a browser has only the asynchronous Web Crypto. @noble/hashes is an
// audited, dependency-free implementation (rather than one written here). Used on short texts
// (identity numbers), never on whole inputs.

/**
 * The SHA-256 of a text's UTF-8 bytes, in lower-case hex.
 *
 * @example
 * sha256Sync("abc"); // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
 */
export function sha256Sync(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
