/**
 * One frame of a progress bar for a terminal: carriage return, bar, percentage and count, with
 * no newline, so the next frame overwrites it. `done` and `total` measure the work (bytes of a
 * corpus); `items` is what to show as the count.
 *
 * @example
 * progressFrame(450, 1000, 4500, 20); // "\r[#########-----------]  45% 4500 applications"
 */
export function progressFrame(done: number, total: number, items: number, width = 30): string {
  const ratio = total <= 0 ? 1 : Math.min(1, Math.max(0, done / total));
  const filled = Math.round(ratio * width);
  const percent = String(Math.floor(ratio * 100)).padStart(3);
  return `\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${percent}% ${items} ${items === 1 ? "application" : "applications"}`;
}

/** Erases the progress bar's line. */
export const CLEAR_LINE = "\r\u001b[K";
