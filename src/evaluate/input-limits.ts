import { isForbiddenKey } from "../model/forbidden-key.js";
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
  const add = (path: readonly (string | number)[], message: string) =>
    problems.push({ code: "invalid-envelope", message, pointer: toPointer(path.map(String)) });
  try {
    walk(value, add, () => problems.length >= INPUT_LIMITS.maxProblems);
  } catch (error) {
    // A getter or proxy that throws: not JSON data, and not safe to read again.
    add([], `the application could not be read: ${describe(error)}`);
  }
  return problems.sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0));
}

type Path = readonly (string | number)[];

/** Where a value sits: its parent's place and its key, so that paths are built only when needed. */
interface Place {
  parent: Place | undefined;
  key: string | number;
  depth: number;
}

function pathOf(place: Place | undefined): Path {
  const path: (string | number)[] = [];
  for (let p = place; p !== undefined; p = p.parent) path.push(p.key);
  return path.reverse();
}

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

function walk(root: unknown, add: (path: Path, message: string) => void, full: () => boolean) {
  const L = INPUT_LIMITS;
  const values: unknown[] = [root];
  const places: Array<Place | undefined> = [undefined];
  let nodes = 0;
  let text = 0;
  const addText = (length: number, place: Place | undefined): boolean => {
    text += length;
    if (text <= L.maxTotalLength) return true;
    add(
      pathOf(place),
      `the application holds more than ${L.maxTotalLength} characters of text in all`,
    );
    return false;
  };
  while (values.length > 0 && !full()) {
    const node = values.pop();
    const place = places.pop();
    if (++nodes > L.maxNodes) {
      add([], `the application holds more than ${L.maxNodes} values`);
      return;
    }
    if (typeof node === "string") {
      if (node.length > L.maxStringLength) {
        add(
          pathOf(place),
          `a string of ${node.length} characters; at most ${L.maxStringLength} are allowed`,
        );
      } else if (hasLoneSurrogate(node)) {
        add(pathOf(place), "the string contains a lone surrogate (it is not well-formed Unicode)");
      }
      if (!addText(node.length, place)) return;
    } else if (typeof node === "number") {
      if (!Number.isFinite(node)) add(pathOf(place), `${node} is not a JSON number`);
    } else if (typeof node === "function" || typeof node === "symbol" || typeof node === "bigint") {
      add(pathOf(place), `a ${typeof node} is not JSON`);
    } else if (node !== null && typeof node === "object") {
      const depth = place?.depth ?? 0;
      if (depth >= L.maxDepth) {
        add(pathOf(place), `nested deeper than ${L.maxDepth} levels`);
        continue;
      }
      if (Array.isArray(node)) {
        if (node.length > L.maxArrayLength) {
          add(
            pathOf(place),
            `an array of ${node.length} items; at most ${L.maxArrayLength} are allowed`,
          );
          continue;
        }
        for (let i = node.length - 1; i >= 0; i--) {
          values.push(node[i]);
          places.push({ parent: place, key: i, depth: depth + 1 });
        }
        continue;
      }
      const prototype = Object.getPrototypeOf(node);
      if (prototype !== Object.prototype && prototype !== null) {
        add(pathOf(place), "not a plain JSON object");
        continue;
      }
      const keys = Object.keys(node);
      if (keys.length > L.maxObjectKeys) {
        add(
          pathOf(place),
          `an object with ${keys.length} keys; at most ${L.maxObjectKeys} are allowed`,
        );
        continue;
      }
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        if (key.length > L.maxKeyLength) {
          add(
            pathOf(place),
            `a key of ${key.length} characters (${JSON.stringify(key.slice(0, 32))}…); at most ${L.maxKeyLength} are allowed`,
          );
          if (!addText(key.length, place)) return;
          continue;
        }
        const at: Place = { parent: place, key, depth: depth + 1 };
        if (hasLoneSurrogate(key)) {
          // Named escaped, at its object: the pointer itself must stay well-formed text.
          add(
            pathOf(place),
            `the key ${JSON.stringify(key)} contains a lone surrogate (not well-formed Unicode)`,
          );
        } else if (isForbiddenKey(key)) {
          add(pathOf(at), `the key "${key}" is not allowed`);
        } else {
          values.push((node as Record<string, unknown>)[key]);
          places.push(at);
        }
        if (!addText(key.length, at)) return;
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
