import { isForbiddenKey } from "../model/common.js";
import { toPointer } from "../model/json-pointer.js";
import type { ApplicationProblem } from "./application-error.js";

/**
 * Bounds on an application, far above any real one (the largest sample application is about
 * 3 KB, 6 levels deep, with 12 materials; the longest field any input schema allows is 512
 * characters), so that a hostile input is refused in bounded time and memory instead of being
 * hashed, cloned and validated. The string and total-text bounds also bound the work of the
 * input schemas' `pattern`s, which the rule lint allows up to quadratic time. SECURITY.md
 * explains each one.
 */
export const INPUT_LIMITS = {
  /** Objects and arrays nested inside one another (the envelope itself is level 0). */
  maxDepth: 32,
  /** Characters (UTF-16 code units) in one string value. */
  maxStringLength: 4_000,
  /** Characters in one object key. */
  maxKeyLength: 256,
  /** Items in one array. */
  maxArrayLength: 1_000,
  /** Keys in one object. */
  maxObjectKeys: 1_000,
  /** Values of any kind, containers included, in the whole application. */
  maxNodes: 100_000,
  /** Characters of all strings and keys together. */
  maxTotalLength: 200_000,
  /** Problems listed before the walk stops (the rest would say the same thing). */
  maxProblems: 100,
} as const;

/**
 * Walks a JSON value once, without recursion, and lists what makes it unsafe to decide:
 * prototype keys (`__proto__`, `constructor`, `prototype`); nesting, strings, keys, arrays,
 * objects, values or total text beyond `INPUT_LIMITS`; strings and keys that are not
 * well-formed Unicode (a lone surrogate cannot be stored, hashed or shown faithfully); and
 * values JSON cannot hold (functions, symbols, bigints, NaN, Infinity, objects that are not
 * plain objects or arrays; `undefined` is ignored, as `JSON.stringify` ignores it). It never
 * throws: a value that cannot even be read is a problem too. Problems are sorted by pointer;
 * the walk stops after `maxProblems`.
 *
 * @example
 * inputProblems({ data: { ["__proto__"]: {} } }); // [{ code: "invalid-envelope", pointer: "/data/__proto__", … }]
 */
export function inputProblems(value: unknown): ApplicationProblem[] {
  const problems: ApplicationProblem[] = [];
  try {
    walk(value, problems);
  } catch (error) {
    // A getter or proxy that throws: not JSON data, and not safe to read again.
    add(problems, [], `the application could not be read: ${describe(error)}`);
  }
  return problems.sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0));
}

type Path = readonly (string | number)[];

function add(problems: ApplicationProblem[], path: Path, message: string): void {
  problems.push({ code: "invalid-envelope", message, pointer: toPointer(path.map(String)) });
}

/** The path of the value at `depth` (the first `depth` keys), or of its key `name`. */
function here(path: Path, depth: number, name?: string): Path {
  const keys = path.slice(0, depth);
  if (name !== undefined) keys.push(name);
  return keys;
}

const TOO_MUCH_TEXT = `the application holds more than ${INPUT_LIMITS.maxTotalLength} characters of text in all`;

/** In `u` mode a surrogate pair is one code point; only a lone surrogate is in category Cs. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * `LONE_SURROGATE.test(text)`, by the native `isWellFormed` where there is one (Node 20;
 * ES2024, so not in this project's lib typings), several times faster than the regex.
 */
export const hasLoneSurrogate: (text: string) => boolean =
  typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === "function"
    ? (text) => !(text as unknown as { isWellFormed(): boolean }).isWellFormed()
    : (text) => LONE_SURROGATE.test(text);

/**
 * Depth first, each value before what it holds, the items of an array and the values of an
 * object in order; an object's keys are checked (last to first) when the object is visited.
 * Three parallel stacks hold what is left to visit — the value, its key and its depth — and
 * `path` the keys down to the value being visited: a value at depth d is visited right after
 * its ancestors, so the first d - 1 keys of `path` are theirs and its own is the d-th.
 * Nothing is allocated per value.
 */
function walk(root: unknown, problems: ApplicationProblem[]): void {
  const L = INPUT_LIMITS;
  const values: unknown[] = [root];
  const keys: Array<string | number> = [""];
  const depths: number[] = [0];
  const path: Array<string | number> = [];
  let nodes = 0;
  let text = 0;
  while (values.length > 0 && problems.length < L.maxProblems) {
    const node = values.pop();
    const key = keys.pop() as string | number;
    const depth = depths.pop() as number;
    // Depth 0 is the envelope itself, with no key.
    if (depth > 0) path[depth - 1] = key;
    if (++nodes > L.maxNodes) {
      add(problems, [], `the application holds more than ${L.maxNodes} values`);
      return;
    }
    if (typeof node === "string") {
      if (node.length > L.maxStringLength) {
        add(
          problems,
          here(path, depth),
          `a string of ${node.length} characters; at most ${L.maxStringLength} are allowed`,
        );
      } else if (hasLoneSurrogate(node)) {
        add(
          problems,
          here(path, depth),
          "the string contains a lone surrogate (it is not well-formed Unicode)",
        );
      }
      text += node.length;
      if (text > L.maxTotalLength) {
        add(problems, here(path, depth), TOO_MUCH_TEXT);
        return;
      }
    } else if (typeof node === "number") {
      if (!Number.isFinite(node)) add(problems, here(path, depth), `${node} is not a JSON number`);
    } else if (typeof node === "function" || typeof node === "symbol" || typeof node === "bigint") {
      add(problems, here(path, depth), `a ${typeof node} is not JSON`);
    } else if (node !== null && typeof node === "object") {
      if (depth >= L.maxDepth) {
        add(problems, here(path, depth), `nested deeper than ${L.maxDepth} levels`);
        continue;
      }
      if (Array.isArray(node)) {
        if (node.length > L.maxArrayLength) {
          add(
            problems,
            here(path, depth),
            `an array of ${node.length} items; at most ${L.maxArrayLength} are allowed`,
          );
          continue;
        }
        for (let i = node.length - 1; i >= 0; i--) {
          values.push(node[i]);
          keys.push(i);
          depths.push(depth + 1);
        }
        continue;
      }
      const prototype = Object.getPrototypeOf(node);
      if (prototype !== Object.prototype && prototype !== null) {
        add(problems, here(path, depth), "not a plain JSON object");
        continue;
      }
      const names = Object.keys(node);
      if (names.length > L.maxObjectKeys) {
        add(
          problems,
          here(path, depth),
          `an object with ${names.length} keys; at most ${L.maxObjectKeys} are allowed`,
        );
        continue;
      }
      for (let i = names.length - 1; i >= 0; i--) {
        const name = names[i] as string;
        text += name.length;
        if (name.length > L.maxKeyLength) {
          add(
            problems,
            here(path, depth),
            `a key of ${name.length} characters (${JSON.stringify(name.slice(0, 32))}…); at most ${L.maxKeyLength} are allowed`,
          );
          if (text > L.maxTotalLength) {
            add(problems, here(path, depth), TOO_MUCH_TEXT);
            return;
          }
          continue;
        }
        if (hasLoneSurrogate(name)) {
          // Named escaped, at its object: the pointer itself must stay well-formed text.
          add(
            problems,
            here(path, depth),
            `the key ${JSON.stringify(name)} contains a lone surrogate (not well-formed Unicode)`,
          );
        } else if (isForbiddenKey(name)) {
          add(problems, here(path, depth, name), `the key "${name}" is not allowed`);
        } else {
          values.push((node as Record<string, unknown>)[name]);
          keys.push(name);
          depths.push(depth + 1);
        }
        if (text > L.maxTotalLength) {
          add(problems, here(path, depth, name), TOO_MUCH_TEXT);
          return;
        }
      }
    }
  }
}

function describe(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return "unknown error";
  }
}
