/** A place in the applicant's data: property names and list indexes. */
export type Path = ReadonlyArray<string | number>;

/** The dot path the library's notices use for a place (`scope.0.code`). */
export function dotPath(path: Path): string {
  return path.join(".");
}

/** The value at a path, or undefined. */
export function getAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== "object") return undefined;
    if (!Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/**
 * Sets the value at a path, making the objects and lists on the way; `undefined` removes the
 * property (an empty field is absent, as the notice then says, not an empty string).
 */
export function setAt(root: Record<string, unknown>, path: Path, value: unknown): void {
  let node: Record<string | number, unknown> = root;
  for (let i = 0; i < path.length - 1; i++) {
    const segment = path[i] as string | number;
    let next = Object.hasOwn(node, segment) ? node[segment] : undefined;
    if (next === null || typeof next !== "object") {
      next = typeof path[i + 1] === "number" ? [] : {};
      define(node, segment, next);
    }
    node = next as Record<string | number, unknown>;
  }
  const last = path[path.length - 1] as string | number;
  if (value === undefined) {
    if (Array.isArray(node) && typeof last === "number") node.splice(last, 1);
    else delete node[last];
  } else define(node, last, value);
}

/** An own data property, whatever the key (`__proto__` included). */
function define(node: Record<string | number, unknown>, key: string | number, value: unknown) {
  Object.defineProperty(node, key, { value, writable: true, enumerable: true, configurable: true });
}
