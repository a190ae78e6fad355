import { createHash } from "node:crypto";
import { closeSync, existsSync, openSync, readFileSync, writeSync } from "node:fs";
import { DEFAULT_MASK_SETTINGS, type MaskSettings, maskInput } from "./masking.js";

/** Hash of the entry before the first. */
export const GENESIS = "0".repeat(64);

/** What the service records of one decision (before masking and chaining). */
export interface DecisionEvent {
  id: string;
  time: string;
  /** Set for a combined application (一件事): `matter`, `version` and `matterSha256` are then the 一件事 file's. */
  kind?: "one-thing";
  matter: string;
  version: string;
  matterSha256: string;
  rulesSha256: string;
  outcome: string;
  /** The referral codes and the missing items' ids: why the outcome is what it is. */
  codes: string[];
  inputSha256: string;
  input: unknown;
}

/** An event whose input is masked (made by `maskEvent` only). */
export type MaskedDecisionEvent = DecisionEvent & { readonly masked: true };

/** The event with its input masked, or undefined when the input cannot be masked. */
export function maskEvent(
  event: DecisionEvent,
  settings: MaskSettings = DEFAULT_MASK_SETTINGS,
): MaskedDecisionEvent | undefined {
  const input = maskInput(event.input, settings);
  return input === undefined ? undefined : { ...event, input, masked: true };
}

/** A line of the log: the event (input masked), its place in the chain and its hash. */
export interface LogEntry extends Omit<DecisionEvent, "input"> {
  seq: number;
  input: unknown;
  prev: string;
  hash: string;
}

/**
 * The hash of an entry: SHA-256 of its JSON without `hash`, keys sorted, so that editing any
 * byte of any field, or the link to the previous entry, changes it.
 */
export function entryHash(entry: Omit<LogEntry, "hash">): string {
  return createHash("sha256").update(sortedJson(entry)).digest("hex");
}

function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${sortedJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * The decision log: NDJSON appended to a file, each entry masked and chained to the one before
 * (its `prev` is that entry's `hash`). Written synchronously, in order, by one writer (with
 * workers, the primary process). Restarting on an existing file continues its chain; a file
 * whose last line is not an entry is refused rather than silently restarted.
 */
export class DecisionLog {
  readonly #fd: number;
  #prev: string;
  #seq: number;
  readonly #mask: MaskSettings;
  /** Entries dropped because their input could not be masked. */
  dropped = 0;
  written = 0;

  constructor(path: string, mask: MaskSettings = DEFAULT_MASK_SETTINGS) {
    const last = existsSync(path) ? lastEntry(path) : undefined;
    this.#prev = last?.hash ?? GENESIS;
    this.#seq = last?.seq ?? 0;
    this.#fd = openSync(path, "a");
    this.#mask = mask;
  }

  /** Appends the event; false (and counted) when its input cannot be masked. */
  append(event: DecisionEvent): boolean {
    const masked = maskEvent(event, this.#mask);
    if (masked === undefined) {
      this.dropped++;
      return false;
    }
    this.appendMasked(masked);
    return true;
  }

  /**
   * Appends an event whose input `maskEvent` has masked already (with workers, each worker
   * masks its own decisions, so that the one writer only chains and hashes them).
   */
  appendMasked(event: MaskedDecisionEvent): void {
    const { input } = event;
    // Only the event's own fields: nothing a caller adds rides along unhashed or unmasked.
    const unhashed = {
      seq: this.#seq + 1,
      id: event.id,
      time: event.time,
      ...(event.kind !== undefined && { kind: event.kind }),
      matter: event.matter,
      version: event.version,
      matterSha256: event.matterSha256,
      rulesSha256: event.rulesSha256,
      outcome: event.outcome,
      codes: [...event.codes],
      inputSha256: event.inputSha256,
      input,
      prev: this.#prev,
    };
    const entry: LogEntry = { ...unhashed, hash: entryHash(unhashed) };
    writeSync(this.#fd, `${JSON.stringify(entry)}\n`);
    this.#seq = entry.seq;
    this.#prev = entry.hash;
    this.written++;
  }

  close(): void {
    closeSync(this.#fd);
  }
}

function lastEntry(path: string): { hash: string; seq: number } | undefined {
  const lines = readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "");
  const last = lines.at(-1);
  if (last === undefined) return undefined;
  try {
    const entry = JSON.parse(last) as LogEntry;
    if (typeof entry.hash === "string" && Number.isInteger(entry.seq)) {
      return { hash: entry.hash, seq: entry.seq };
    }
  } catch {
    // reported below
  }
  throw new Error(
    `${path}: the last line is not a decision log entry; run "smart-approval log verify" and move the file aside`,
  );
}

/** The result of verifying a log: ok, or the first entry that is broken, edited or missing. */
export type VerifyResult =
  | { ok: true; entries: number; head: string }
  | { ok: false; entries: number; line: number; seq?: number; reason: string };

/**
 * Verifies a decision log's chain from its first line: each line must be an entry, numbered one
 * after the previous (a gap is a missing entry), linked to the previous entry's hash, and
 * hashing to its own `hash` (else it was edited). Stops at the first failure. Entries cut from
 * the end cannot be seen from the file alone: compare `head` with a copy kept elsewhere.
 *
 * @example
 * verifyLog(readFileSync("decisions.ndjson", "utf8")); // { ok: true, entries: 3, head: "…" }
 */
export function verifyLog(text: string): VerifyResult {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  let prev = GENESIS;
  let seq: number | undefined;
  let entries = 0;
  for (const [index, line] of lines.entries()) {
    const lineNo = index + 1;
    let entry: LogEntry;
    try {
      entry = JSON.parse(line) as LogEntry;
    } catch {
      return { ok: false, entries, line: lineNo, reason: "not a JSON entry (edited or torn)" };
    }
    if (entry === null || typeof entry !== "object" || !Number.isInteger(entry.seq)) {
      return { ok: false, entries, line: lineNo, reason: "not a decision log entry" };
    }
    const expected = seq === undefined ? 1 : seq + 1;
    if (entry.seq !== expected) {
      return {
        ok: false,
        entries,
        line: lineNo,
        seq: expected,
        reason: `entry ${expected} is missing (found ${entry.seq})`,
      };
    }
    if (entry.prev !== prev) {
      return {
        ok: false,
        entries,
        line: lineNo,
        seq: entry.seq,
        reason: "prev does not match the previous entry's hash (chain broken)",
      };
    }
    const { hash, ...unhashed } = entry;
    if (entryHash(unhashed) !== hash) {
      return { ok: false, entries, line: lineNo, seq: entry.seq, reason: "edited (hash mismatch)" };
    }
    prev = hash;
    seq = entry.seq;
    entries++;
  }
  return { ok: true, entries, head: prev };
}
