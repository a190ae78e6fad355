/**
 * Characters that must not reach a terminal as they are: C0 controls but tab (ESC starts the
 * sequences that recolour, move the cursor, set the window title or write the clipboard; CR and
 * BS overwrite what was printed), DEL, C1 controls (U+009B is a one-character CSI), and the
 * line separators and bidirectional overrides that make text read other than it is stored.
 */
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from input (an application id, a file name, a value quoted in a message) made safe to
 * print on a terminal: every unsafe character, newlines included, is written as a visible
 * `\u001b`-style escape, so one field stays one line and cannot send terminal commands.
 *
 * @example
 * printable("A-1\u001b]0;owned\u0007"); // "A-1\\u001b]0;owned\\u0007"
 */
export function printable(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** As `printable`, for text of several lines: the line breaks stay, each line is escaped. */
export function printableLines(text: string): string {
  return text.split("\n").map(printable).join("\n");
}

function visible(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
}
