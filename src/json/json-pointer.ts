/**
 * Escapes one JSON pointer segment (RFC 6901).
 *
 * @example
 * encodePointerSegment("a/b"); // "a~1b"
 */
export function encodePointerSegment(segment: string | number): string {
  if (typeof segment === "number") return String(segment);
  if (!segment.includes("~") && !segment.includes("/")) return segment;
  return segment.replaceAll("~", "~0").replaceAll("/", "~1");
}

/**
 * Unescapes one JSON pointer segment (RFC 6901).
 *
 * @example
 * decodePointerSegment("a~1b"); // "a/b"
 */
export function decodePointerSegment(segment: string): string {
  return segment.replaceAll("~1", "/").replaceAll("~0", "~");
}

/**
 * The segments of a JSON pointer.
 *
 * @example
 * pointerSegments("/standards/0/id"); // ["standards", "0", "id"]
 */
export function pointerSegments(pointer: string): string[] {
  return pointer === "" ? [] : pointer.slice(1).split("/").map(decodePointerSegment);
}

/**
 * A JSON pointer from path segments.
 *
 * @example
 * toPointer(["standards", 0, "id"]); // "/standards/0/id"
 */
export function toPointer(segments: readonly (string | number)[]): string {
  let pointer = "";
  for (const segment of segments) pointer += `/${encodePointerSegment(segment)}`;
  return pointer;
}
