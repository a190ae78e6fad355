import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Service } from "../../src/serve/server.js";
import { startService } from "./helpers.js";

// What a client generator (openapi-generator's java/native, and others) needs of /openapi.json
// beyond validity, which matters.test.ts checks with a real OpenAPI validator: a name for every
// operation, a schema for every response body, references that resolve, and none of the JSON
// Schema 2020-12 keywords generators do not implement (they would silently drop the constraint
// or fail). The generator itself is not run here: it needs a JVM and Maven Central.

let service: Service;
let url: string;
// biome-ignore lint/suspicious/noExplicitAny: the document is walked as free-form JSON
let doc: any;

beforeAll(async () => {
  ({ service, url } = await startService());
  doc = await (await fetch(`${url}/openapi.json`)).json();
});
afterAll(async () => {
  await service.app.close();
});

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];
/** Keywords of JSON Schema 2020-12 that client generators do not implement. */
const UNSUPPORTED = [
  "$dynamicRef",
  "$dynamicAnchor",
  "unevaluatedProperties",
  "unevaluatedItems",
  "prefixItems",
  "if",
  "then",
  "else",
  "dependentSchemas",
  "dependentRequired",
  "contentSchema",
];

/** Every [path, value] under `value`, keys as JSON pointer segments. */
function* walk(value: unknown, path = ""): Generator<[string, unknown]> {
  yield [path, value];
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* walk(item, `${path}/${i}`);
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      yield* walk(item, `${path}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`);
    }
  }
}

/** Whether `key` at `path` is a schema keyword (not a property name under `properties`). */
function isKeyword(path: string): boolean {
  const parts = path.split("/");
  return !["properties", "patternProperties", "$defs", "schemas"].includes(
    parts[parts.length - 2] as string,
  );
}

describe("GET /openapi.json for client generators", () => {
  it("names every operation, once", () => {
    const ids: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        const operation = (item as Record<string, { operationId?: string }>)[method];
        if (operation === undefined) continue;
        expect(operation.operationId, `${method} ${path}`).toMatch(/^[a-zA-Z][a-zA-Z0-9]*$/);
        ids.push(operation.operationId as string);
      }
    }
    expect(ids.length).toBeGreaterThanOrEqual(10);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("gives every response a description and every response body a schema", () => {
    let bodies = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        // biome-ignore lint/suspicious/noExplicitAny: free-form JSON
        const operation = (item as Record<string, any>)[method];
        if (operation === undefined) continue;
        expect(Object.keys(operation.responses).length, `${method} ${path}`).toBeGreaterThan(0);
        for (const [status, response] of Object.entries(operation.responses)) {
          // biome-ignore lint/suspicious/noExplicitAny: free-form JSON
          const r = response as any;
          expect(typeof r.description, `${method} ${path} ${status}`).toBe("string");
          expect(r.content, `${method} ${path} ${status}`).toBeDefined();
          for (const [type, media] of Object.entries(r.content)) {
            expect(
              (media as { schema?: unknown }).schema,
              `${method} ${path} ${status} ${type}`,
            ).toBeDefined();
            bodies++;
          }
        }
      }
    }
    expect(bodies).toBeGreaterThan(20);
  });

  it("has only local references, each resolving", () => {
    const refs = [...walk(doc)].filter(([path]) => path.endsWith("/$ref"));
    expect(refs.length).toBeGreaterThan(0);
    for (const [path, ref] of refs) {
      expect(ref, path).toMatch(/^#\//);
      let target: unknown = doc;
      for (const segment of (ref as string).slice(2).split("/")) {
        const key = segment.replaceAll("~1", "/").replaceAll("~0", "~");
        target = (target as Record<string, unknown> | undefined)?.[key];
      }
      expect(target, `${path} → ${ref}`).toBeDefined();
    }
  });

  it("uses no JSON Schema keyword client generators do not implement", () => {
    const found = [...walk(doc)]
      .filter(([path]) => {
        const key = path.split("/").at(-1) as string;
        return UNSUPPORTED.includes(key) && isKeyword(path);
      })
      .map(([path]) => path);
    expect(found).toEqual([]);
  });
});
