/**
 * Whether a value is a combined application (一件事: it names a `oneThing`, not a `matter`),
 * for the commands that take both kinds. A shape test only, loading nothing: what it lets
 * through is read and checked by decideOneThing.
 *
 * @example
 * isCombinedApplication({ oneThing: "a", appliedOn: "2025-06-30", data: {} }); // true
 */
export function isCombinedApplication(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { oneThing?: unknown }).oneThing === "string" &&
    !("matter" in value)
  );
}
