import type { ErrorObject, ValidateFunction } from "ajv";
import { pointerSegments } from "../json/json-pointer.js";
import type { Application, SubmittedMaterial } from "../model/application.js";
import type { FactRef } from "../model/condition.js";
import { isForbiddenKey } from "../model/forbidden-key.js";
import type { Material } from "../model/matter.js";
import type { CompiledMatter } from "./compile-matter.js";
import type { Facts } from "./condition-evaluator.js";
import type { FieldProblem } from "./field-messages.js";
import { strongestAccepted } from "./material-channels.js";
import { resolvePath } from "./path-resolver.js";
import { ALL_READABLE, isUnreadable, type Unreadable } from "./three-valued.js";

export type { FieldProblem } from "./field-messages.js";

export interface InputFacts {
  facts: Facts;
  /** Problems with `data` against the matter's input schema. */
  fieldProblems: FieldProblem[];
  /** Derived facts whose function threw: their values are missing, and a human must look. */
  derivedErrors: Array<{ id: string; message: string }>;
  /**
   * The values removed because they failed their schema (`data.…`, `evidence.…`), and the
   * derived facts not computed because their input was one of them (`derived.<id>`): unknown
   * to every condition that reads them (three-valued.ts).
   */
  unreadable: Unreadable;
}

/**
 * Prepares the facts a decision reads. `data` and `evidence` are checked against the matter's
 * input schemas, and whatever fails is removed, so a malformed value is treated as missing
 * (unknown) — never compared as if it were valid. Then the derived facts are computed.
 *
 * @example
 * const { facts, fieldProblems } = prepareFacts(compiled, application);
 */
export function prepareFacts(
  matter: CompiledMatter,
  application: Pick<Application, "appliedOn" | "data" | "evidence" | "materials">,
): InputFacts {
  const data = sanitize(matter.validateData, application.data);
  const evidence = sanitize(matter.validateEvidence, application.evidence);
  const derived: Record<string, unknown> = {};
  const derivedErrors: InputFacts["derivedErrors"] = [];
  const sources: Facts = {
    data: data.value,
    evidence: evidence.value,
    derived,
    materials: submittedMaterials(matter.file.materials, application.materials),
  };
  const unreadable = [...data.removed("data"), ...evidence.removed("evidence")];
  for (const { id, spec, fn } of matter.derivedSteps) {
    const input = resolvePath(sources[spec.input.fact], spec.input.path);
    if (input === undefined) {
      // Not computed from a value that could not be read: unknown, not absent.
      if (isUnreadable(spec.input.fact, spec.input.path, unreadable))
        unreadable.push(`derived.${id}`);
      continue;
    }
    try {
      if (fn === undefined) throw new Error(`unknown derived function ${spec.function}`);
      derived[id] = fn.compute(input, {
        appliedOn: application.appliedOn,
        with: furtherInputs(sources, spec.with),
        options: spec.options,
        catalogs: matter.catalogs,
      });
    } catch (error) {
      derivedErrors.push({ id, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return {
    facts: sources,
    fieldProblems: data.problems,
    derivedErrors,
    unreadable: unreadable.length === 0 ? ALL_READABLE : unreadable,
  };
}

const NO_INPUTS: Readonly<Record<string, unknown>> = Object.freeze({});

/** The values of a derived fact's named further inputs (`with`), read like its main input. */
function furtherInputs(
  sources: Facts,
  refs: Readonly<Record<string, FactRef>> | undefined,
): Readonly<Record<string, unknown>> {
  if (refs === undefined) return NO_INPUTS;
  const values: Record<string, unknown> = {};
  for (const [name, ref] of Object.entries(refs)) {
    setKey(values, name, resolvePath(sources[ref.fact], ref.path));
  }
  return values;
}

/**
 * How each material of the matter counts as submitted, by id: its strongest submission by a
 * channel it accepts (as the material's status says). A submission by a channel the material
 * refuses — a pre-approval document "by commitment" — is not there at all, so a condition
 * reading the material can never treat it as supplied; the material is missing (补正).
 */
function submittedMaterials(
  materials: readonly Material[],
  submitted: readonly SubmittedMaterial[],
): Record<string, string> {
  const counted: Record<string, SubmittedMaterial["via"]> = {};
  for (const material of materials) {
    if (isForbiddenKey(material.id)) continue;
    const accepted = strongestAccepted(material, submitted);
    if (accepted !== undefined) counted[material.id] = accepted.via;
  }
  return counted;
}

/**
 * The input when it is valid (validation does not change it, and nothing downstream writes to
 * facts); otherwise a copy with every invalid part removed, and the problems.
 */
function sanitize(validate: ValidateFunction, input: unknown) {
  const problems: FieldProblem[] = [];
  /** The removed values' paths, as `fact.path` (the whole fact for the root). */
  const removed = (fact: string) =>
    problems.flatMap((p) =>
      p.problem !== "invalid" ? [] : p.path === "" ? [fact] : [`${fact}.${p.path}`],
    );
  if (!isPlainObject(input)) {
    problems.push({ path: "", problem: "invalid", keyword: "type", params: { type: "object" } });
    return { value: {}, problems, removed };
  }
  if (validate(input)) return { value: input, problems, removed };
  const errors = validate.errors ?? [];
  const value = cloneData(input);
  const byPath = new Map<string, FieldProblem>();
  for (const error of errors) {
    const problem = toFieldProblem(error);
    const kept = byPath.get(problem.path);
    // One problem per field; the list of allowed values says more than the type they share.
    if (kept === undefined || (kept.keyword === "type" && ALLOWED_VALUES.has(problem.keyword))) {
      byPath.set(problem.path, problem);
    }
  }
  for (const problem of byPath.values()) {
    problems.push(problem);
    if (problem.problem === "invalid") removeAt(value, problem.path);
  }
  return { value, problems, removed };
}

/**
 * `target[key] = value`, except that an own `__proto__` key stays a key (assignment would set
 * the prototype): for copies of data that may hold one.
 */
export function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else target[key] = value;
}

/** Found something only structuredClone knows how to copy (or how to refuse). */
const UNUSUAL = Symbol("unusual");

/**
 * `structuredClone(input)` for the plain JSON-like data an application holds, several times
 * faster: plain objects (null-prototype ones become ordinary objects, as structuredClone makes
 * them), arrays (holes and extra keys kept), primitives; a value reached twice is copied once
 * and shared, as structuredClone shares it. Anything else — a Date, a class instance, a
 * function — goes to structuredClone itself, which copies it or throws its own error.
 */
function cloneData(input: Record<string, unknown>): Record<string, unknown> {
  const copied = new Map<object, unknown>();
  const copy = (value: unknown, depth: number): unknown => {
    if (typeof value === "function" || typeof value === "symbol") throw UNUSUAL;
    if (value === null || typeof value !== "object") return value;
    const seen = copied.get(value);
    if (seen !== undefined) return seen;
    if (depth > 1_000) throw UNUSUAL;
    let target: Record<string, unknown>;
    if (Array.isArray(value)) {
      if (Object.getPrototypeOf(value) !== Array.prototype) throw UNUSUAL;
      target = new Array(value.length) as unknown as Record<string, unknown>;
    } else {
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) throw UNUSUAL;
      target = {};
    }
    copied.set(value, target);
    for (const key of Object.keys(value)) {
      setKey(target, key, copy((value as Record<string, unknown>)[key], depth + 1));
    }
    return target;
  };
  try {
    return copy(input, 0) as Record<string, unknown>;
  } catch (error) {
    if (error === UNUSUAL) return structuredClone(input);
    throw error;
  }
}

/** Keywords whose failure lists what the field may hold. */
const ALLOWED_VALUES = new Set(["enum", "const"]);

/**
 * A validator error as a field problem: the field it is about (for `required` and
 * `additionalProperties`, the property named, not the object holding it), the keyword and its
 * parameters. The validator's English message is left behind (field-messages.ts words it).
 */
export function toFieldProblem(error: ErrorObject): FieldProblem {
  const base = pointerSegments(error.instancePath);
  const params = (error.params ?? {}) as Record<string, unknown>;
  if (
    error.keyword === "required" ||
    error.keyword === "dependentRequired" ||
    error.keyword === "dependencies"
  ) {
    const missing = String(params.missingProperty);
    return {
      path: [...base, missing].join("."),
      problem: "absent",
      keyword: error.keyword,
      params,
    };
  }
  if (error.keyword === "additionalProperties") {
    const extra = String(params.additionalProperty);
    return { path: [...base, extra].join("."), problem: "invalid", keyword: error.keyword, params };
  }
  return { path: base.join("."), problem: "invalid", keyword: error.keyword, params };
}

function removeAt(root: Record<string, unknown>, path: string): void {
  if (path === "") {
    for (const key of Object.keys(root)) delete root[key];
    return;
  }
  const segments = path.split(".");
  const last = segments.pop() as string;
  const parent =
    resolvePath(root, segments.join(".")) ?? (segments.length === 0 ? root : undefined);
  if (parent === null || typeof parent !== "object" || isForbiddenKey(last)) return;
  if (Array.isArray(parent)) parent[Number(last)] = undefined;
  else delete (parent as Record<string, unknown>)[last];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
