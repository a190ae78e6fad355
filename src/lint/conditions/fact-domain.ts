import { DERIVED_FUNCTIONS } from "../../evaluate/derived/registry.js";
import { acceptedChannels } from "../../evaluate/material-channels.js";
import { schemaNodesAt } from "../../json/schema-paths.js";
import { SUBMISSION_CHANNELS } from "../../model/application.js";
import type { FactSource } from "../../model/condition.js";
import type { MatterFile } from "../../model/matter.js";

export type ValueType = "string" | "number" | "integer" | "boolean" | "array" | "object";

/**
 * The values a fact may take when present, as far as the rule file says: a finite list
 * (an `enum`, a `const`, a boolean, the channels a material accepts), or the JSON types and
 * numeric bounds of its schema. Absent values are always possible: data that fails the input
 * schema is removed, a derived function may give nothing, a material may not be submitted.
 */
export interface FactDomain {
  /** Every value a present fact can have, when there are finitely many. */
  values?: readonly unknown[];
  /** The JSON types a present value can have; undefined when the schema does not say. */
  types?: ReadonlySet<ValueType>;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  /** Where the restriction comes from, for messages ("input.data", "materials"). */
  source: string;
}

const ANY: FactDomain = { source: "" };

/**
 * The domain of `fact`/`path` in a matter: from its input schemas, from the declared outputs
 * of derived functions, or for a material the channels it accepts (the `materials` fact holds
 * only the submission that counts: see strongestAccepted).
 *
 * @example
 * factDomain(matter, "data", "organization"); // { values: ["individual", "family"], source: "input.data" }
 */
export function factDomain(
  matter: Pick<MatterFile, "input" | "derived"> & Partial<Pick<MatterFile, "materials">>,
  fact: FactSource,
  path: string,
): FactDomain {
  if (fact === "materials") {
    const material = matter.materials?.find((m) => m.id === path);
    const values = material === undefined ? SUBMISSION_CHANNELS : acceptedChannels(material);
    return { values, source: "materials" };
  }
  if (fact === "derived") return derivedDomain(matter, path);
  const nodes = schemaNodesAt(matter.input[fact], path);
  if (nodes.length === 0) return ANY;
  const domains = nodes.map((node) => nodeDomain(node, `input.${fact}`));
  if (domains.length === 1) return domains[0] as FactDomain;
  if (domains.every((d) => d.values !== undefined)) {
    return { values: domains.flatMap((d) => d.values ?? []), source: `input.${fact}` };
  }
  if (domains.some((d) => d.types === undefined)) return ANY;
  const types = new Set(domains.flatMap((d) => [...(d.types ?? [])]));
  return { types, source: `input.${fact}` };
}

function nodeDomain(node: Record<string, unknown>, source: string): FactDomain {
  if (Object.hasOwn(node, "const")) return { values: [node.const], source };
  if (Array.isArray(node.enum)) return { values: node.enum, source };
  const declared = typeof node.type === "string" ? [node.type] : node.type;
  if (!Array.isArray(declared)) return ANY;
  const types = new Set(declared.filter(isValueType));
  if (types.size === 1 && types.has("boolean")) return { values: [true, false], source };
  const bounds: Partial<FactDomain> = {};
  for (const key of ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"] as const) {
    if (typeof node[key] === "number") bounds[key] = node[key];
  }
  return { types, ...bounds, source };
}

function derivedDomain(matter: Pick<MatterFile, "derived">, path: string): FactDomain {
  const [id = "", output, ...deeper] = path.split(".");
  const fn = DERIVED_FUNCTIONS.get(matter.derived[id]?.function ?? "");
  if (fn === undefined || deeper.length > 0) return ANY;
  const source = `derived ${fn.name}`;
  if (output === undefined) return { types: new Set(["object"]), source };
  const type = fn.outputs[output];
  if (type === undefined) return ANY;
  if (type === "boolean") return { values: [true, false], source };
  return { types: new Set([type]), source };
}

function isValueType(value: unknown): value is ValueType {
  return ["string", "number", "integer", "boolean", "array", "object"].includes(String(value));
}
