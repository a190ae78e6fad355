import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { canonicalJson } from "./canonical-json.js";
import { ENUM_TITLES_KEYWORD } from "./field-messages.js";
import { linearRegExpEngine } from "./linear-pattern.js";

const addFormats = addFormatsModule.default;

/**
 * Keywords a rule file may add to its input schemas: annotations only, read by the notices
 * (`x-enumTitles`, field-messages.ts) and the lint (`x-identity-number`). They are declared to
 * ajv so that strict mode accepts them, and every other unknown keyword is an error.
 */
export const ANNOTATION_KEYWORDS: readonly string[] = [ENUM_TITLES_KEYWORD, "x-identity-number"];

/**
 * Thrown by a schema compiler's `compile` when a schema breaks ajv's strict mode: every problem
 * ajv found (an unknown keyword or format, `required` naming a property not described, a type
 * a keyword needs not stated…), each as ajv words it, most with the schema path (`#/…`).
 */
export class SchemaStrictError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(problems.join("; "));
    this.name = "SchemaStrictError";
    this.problems = problems;
  }
}

/**
 * One JSON Schema compiler for the whole process: matters' input schemas are compiled once at
 * load, in ajv's strict mode. A schema mistake ajv would only warn about (an unknown `format` —
 * then never checked —, `required` naming a property the schema does not describe — then never
 * satisfiable —, an unknown keyword, a typo'd type) is an error, never a line on stderr: ajv's
 * strict problems are gathered (`strict: "log"` into a logger of our own) and, if there is any,
 * `compile` throws `SchemaStrictError` with all of them, so the checker can locate each one.
 * `title`, `description` and the other annotations of JSON Schema are accepted, as are the
 * `ANNOTATION_KEYWORDS`. Compiled validators are shared by schema text, not only by object
 * identity as in ajv's own cache: the versions of a matter, or matters sharing one form,
 * compile their schema once.
 */
export function createSchemaCompiler(
  options: {
    trusted?: boolean;
    /** Keep each validator's source for ajv's standalone code (the browser's rules module). */
    source?: boolean;
  } = {},
): Ajv {
  let problems: string[] | undefined;
  const collect = (...args: unknown[]) => {
    const message = args.map(String).join(" ");
    if (problems) problems.push(message);
  };
  // Ajv's code-optimisation pass saves about a tenth of a microsecond per validation and costs
  // about a third of the compile time, which is cold start: it is off. `trusted` schemas were
  // validated before (stored rules): they are not checked against the meta-schema again.
  const ajv = new Ajv({
    allErrors: true,
    strict: "log",
    logger: { log: () => {}, warn: collect, error: collect },
    code: { optimize: false, regExp: linearRegExpEngine, ...(options.source && { source: true }) },
    ...(options.trusted && { validateSchema: false }),
  });
  addFormats(ajv);
  for (const keyword of ANNOTATION_KEYWORDS) ajv.addKeyword({ keyword });
  const strictCompile = (schema: object, meta?: boolean): ValidateFunction => {
    const outer = problems;
    problems = [];
    try {
      const validate = compile(schema, meta);
      if (problems.length > 0) {
        // Ajv keeps what it compiled by object identity: it must not be found there next time.
        ajv.removeSchema(schema);
        throw new SchemaStrictError(problems);
      }
      return validate;
    } finally {
      problems = outer;
    }
  };
  const compile = ajv.compile.bind(ajv);
  const byText = new Map<string, ValidateFunction>();
  ajv.compile = ((schema: unknown, meta?: boolean) => {
    if (meta === true || schema === null || typeof schema !== "object") {
      return strictCompile(schema as object, meta);
    }
    const text = canonicalJson(schema);
    let validate = byText.get(text);
    if (validate === undefined) {
      validate = strictCompile(schema as object, meta);
      byText.set(text, validate);
    }
    return validate;
  }) as Ajv["compile"];
  return ajv;
}
