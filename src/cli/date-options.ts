import { MAX_BACKDATE_DAYS } from "../evaluate/application-date.js";
import { UsageError } from "./io.js";

/** What `--replay` and `--backdate-days` ask of `decide` (see `ApplicationDateOptions`). */
export interface CliDateOptions {
  replay?: true;
  backdateDays?: number;
}

/**
 * Reads `--replay` (decide archived applications on the dates they state) and
 * `--backdate-days N` (how many days before today `appliedOn` may be) for evaluate and batch.
 *
 * @example
 * dateOptions({ "backdate-days": "0" }); // { backdateDays: 0 }
 */
export function dateOptions(options: Record<string, string | boolean | undefined>): CliDateOptions {
  const days = options["backdate-days"];
  const out: CliDateOptions = {};
  if (options.replay === true) out.replay = true;
  if (days !== undefined) {
    const n = typeof days === "string" && /^\d{1,3}$/.test(days) ? Number(days) : Number.NaN;
    if (!(n >= 0 && n <= MAX_BACKDATE_DAYS)) {
      throw new UsageError(
        `--backdate-days must be a whole number from 0 to ${MAX_BACKDATE_DAYS} (got "${String(days)}")`,
      );
    }
    if (out.replay) throw new UsageError("--backdate-days has no effect with --replay");
    out.backdateDays = n;
  }
  return out;
}
