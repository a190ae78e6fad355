// The browser's stand-in for json-rules-engine, the reference evaluator, which the library
// loads only when asked for it by name (`engine: "json-rules-engine"`): the browser entry never
// asks, and a browser build leaves its 20 KB gzipped out (package.json "imports"). Asked
// for anyway, it says so — the decision then refers the case (internal-error), as any fault does.

/** Throws when constructed: json-rules-engine is not in a browser build. */
export class Engine {
  constructor() {
    throw new Error(
      'json-rules-engine is not in the browser build: use the compiled evaluator (engine: "compiled")',
    );
  }
}
