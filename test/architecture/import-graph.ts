import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** The source tree's root (src/), for the architecture tests. */
export const SRC = fileURLToPath(new URL("../../src/", import.meta.url));

/** A module of src/ (path relative to src/, with "/") and what it imports. */
export interface ModuleImports {
  module: string;
  /** Modules of src/ it imports, statically or dynamically (relative to src/). */
  local: string[];
  /** Those of `local` imported for values (not `import type` only): what runs at load time. */
  runtime: string[];
  /** Packages and built-ins it imports (`node:fs`, `zod`, …). */
  external: string[];
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g;
/** An import or export of types only: `import type { … } from "…"`, `export type { … } from "…"`. */
const TYPE_ONLY = /^(?:import|export)\s+type\s/;

/** Every TypeScript module under src/ with its imports, read from the source text. */
export function importGraph(): ModuleImports[] {
  const modules: ModuleImports[] = [];
  for (const file of tsFiles(SRC)) {
    const text = readFileSync(file, "utf8");
    const local: string[] = [];
    const runtime: string[] = [];
    const external: string[] = [];
    for (const match of text.matchAll(SPECIFIER)) {
      const specifier = match[1];
      if (specifier === undefined) continue;
      if (specifier.startsWith(".")) {
        const target = portable(
          relative(SRC, normalize(join(dirname(file), specifier.replace(/\.js$/, ".ts")))),
        );
        local.push(target);
        // A dynamic import() loads a value; otherwise, the statement the specifier ends, from
        // its last `import`/`export` keyword, says whether it is of types only.
        const dynamic = /^import\s*\(/.test(match[0]);
        const before = text.slice(0, match.index);
        const start = Math.max(before.lastIndexOf("\nimport "), before.lastIndexOf("\nexport "));
        if (dynamic || !TYPE_ONLY.test(text.slice(start + 1, match.index))) runtime.push(target);
      } else external.push(specifier);
    }
    modules.push({ module: portable(relative(SRC, file)), local, runtime, external });
  }
  return modules;
}

/** The folder a module belongs to: its first path segment, or "" for a module at src/'s root. */
export function folderOf(module: string): string {
  const slash = module.indexOf("/");
  return slash < 0 ? "" : module.slice(0, slash);
}

/**
 * The import cycles among modules at run time (strongly connected components of more than one
 * module, over value imports: a module that imports only types from another does not load it).
 */
export function cycles(graph: readonly ModuleImports[]): string[][] {
  const edges = new Map(graph.map((m) => [m.module, m.runtime]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!edges.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const { module } of graph) if (!index.has(module)) visit(module);
  return found;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

function portable(path: string): string {
  return path.split(sep).join("/");
}
