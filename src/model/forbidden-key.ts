// Apart from common.ts (which defines zod schemas, and whose importers therefore load zod):
// the evaluator and the browser entry need this check without the schemas.

const FORBIDDEN_SEGMENTS = new Set(["__proto__", "constructor", "prototype"]);

/** Whether a key may appear in rule or application JSON (prototype keys never may). */
export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_SEGMENTS.has(key);
}
