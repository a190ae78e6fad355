/**
 * One frame of the progress bar: bar, percentage and count, after a carriage return and with no
 * newline, so that the next frame overwrites it. `done` and `total` measure the work (bytes of
 * the input); `items` is the count shown, in `unit` (singular, an "s" is added).
 *
 * @example
 * progressFrame(450, 1000, 4500, 20); // "\r[#########-----------]  45% 4500 applications"
 */
export function progressFrame(
  done: number,
  total: number,
  items: number,
  width = 30,
  unit = "application",
): string {
  const ratio = total <= 0 ? 1 : Math.min(1, Math.max(0, done / total));
  const filled = Math.round(ratio * width);
  const percent = String(Math.floor(ratio * 100)).padStart(3);
  return `\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${percent}% ${items} ${items === 1 ? unit : `${unit}s`}`;
}

/** Erases the progress bar's line. */
const CLEAR_LINE = "\r\u001b[K";

/**
 * The one progress bar of the CLI, on stderr, for commands that read a long input (`batch`,
 * `diff --corpus`). On a terminal it is redrawn in place at most five times a second and erased
 * at the end; elsewhere (a CI log) a plain line is written every few seconds.
 */
export class ProgressBar {
  readonly #write: (text: string) => void;
  readonly #total: number | undefined;
  readonly #tty: boolean;
  readonly #unit: string;
  readonly #started = performance.now();
  #done = 0;
  #items = 0;
  /** When a frame was last shown: off a terminal, the first line comes after the interval. */
  #shown: number;

  constructor(
    write: (text: string) => void,
    options: { total?: number | undefined; tty: boolean; unit: string },
  ) {
    this.#write = write;
    this.#total = options.total;
    this.#tty = options.tty;
    this.#unit = options.unit;
    this.#shown = this.#tty ? Number.NEGATIVE_INFINITY : this.#started;
  }

  /** Counts `bytes` more of the input read (towards the total). */
  read(bytes: number): void {
    this.#done += bytes;
  }

  /** Counts `items` more done, and redraws when it is time. */
  advance(items: number): void {
    this.#items += items;
    const now = performance.now();
    if (now - this.#shown < (this.#tty ? 200 : 5000)) return;
    this.#shown = now;
    const frame = this.#frame(now);
    this.#write(this.#tty ? frame : `${frame.slice(1)}\n`);
  }

  /** Erases the bar (on a terminal) and writes the summary, if any. */
  finish(summary = ""): void {
    if (this.#tty) this.#write(`${this.#frame(performance.now())}${CLEAR_LINE}${summary}`);
    else if (summary !== "") this.#write(summary);
  }

  #frame(now: number): string {
    const seconds = (now - this.#started) / 1000;
    const rate = seconds > 0 ? Math.round(this.#items / seconds) : 0;
    const base =
      this.#total === undefined || this.#total === 0
        ? `\r${this.#items} ${this.#items === 1 ? this.#unit : `${this.#unit}s`}`
        : progressFrame(this.#done, this.#total, this.#items, 30, this.#unit);
    return `${base}, ${rate.toLocaleString("en-US")}/s`;
  }
}
