import { isForbiddenKey } from "../model/common.js";
import { toPointer } from "../model/json-pointer.js";
import type { ApplicationProblem } from "./application-error.js";

/**
 * Bounds on an application, far above any real one, so that a hostile input is refused in
 * bounded time instead of being hashed, cloned and validated (see SECURITY.md).
 */
export const INPUT_LIMITS = {
  maxDepth: 32,
  maxStringLength: 10_000,
  maxArrayLength: 1_000,
  maxNodes: 100_000,
} as const;

/**
 * Walks a JSON value once, without recursion, and lists what makes it unsafe to decide:
 * prototype keys (`__proto__`, `constructor`, `prototype`), nesting deeper than
 * `maxDepth`, strings or arrays beyond their limits, more than `maxNodes` values, and values
 * JSON cannot hold (functions, NaN). Stops collecting after 100 problems.
 *
 * @example
 * inputProblems({ data: { ["__proto__"]: {} } }); // [{ code: "invalid-envelope", pointer: "/data/__proto__", … }]
 */
export function inputProblems(value: unknown): ApplicationProblem[] {
  const problems: ApplicationProblem[] = [];
  const stack: Array<{ value: unknown; path: (string | number)[] }> = [{ value, path: [] }];
  let nodes = 0;
  const add = (path: (string | number)[], message: string) =>
    problems.push({ code: "invalid-envelope", message, pointer: toPointer(path) });
  while (stack.length > 0 && problems.length < 100) {
    const { value: node, path } = stack.pop() as { value: unknown; path: (string | number)[] };
    if (++nodes > INPUT_LIMITS.maxNodes) {
      add([], `more than ${INPUT_LIMITS.maxNodes} values`);
      break;
    }
    if (typeof node === "string") {
      if (node.length > INPUT_LIMITS.maxStringLength)
        add(path, `string longer than ${INPUT_LIMITS.maxStringLength} characters`);
    } else if (typeof node === "number") {
      if (!Number.isFinite(node)) add(path, "not a finite number");
    } else if (typeof node === "function" || typeof node === "symbol" || typeof node === "bigint") {
      add(path, `a ${typeof node} is not JSON`);
    } else if (node !== null && typeof node === "object") {
      if (path.length >= INPUT_LIMITS.maxDepth) {
        add(path, `nested deeper than ${INPUT_LIMITS.maxDepth} levels`);
        continue;
      }
      if (Array.isArray(node)) {
        if (node.length > INPUT_LIMITS.maxArrayLength) {
          add(path, `array longer than ${INPUT_LIMITS.maxArrayLength} items`);
          continue;
        }
        for (const [i, item] of node.entries()) stack.push({ value: item, path: [...path, i] });
      } else {
        for (const key of Object.keys(node)) {
          if (isForbiddenKey(key)) add([...path, key], `the key "${key}" is not allowed`);
          else stack.push({ value: (node as Record<string, unknown>)[key], path: [...path, key] });
        }
      }
    }
  }
  return problems.sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0));
}
