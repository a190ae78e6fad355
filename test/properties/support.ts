// Shared by the property tests (test/properties) and the hostile-input tests (test/hostile):
// fixtures as seeds, decisions as comparable text, JSON paths, and what a decision relies on.
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { ApplicationError, type Decision, type RuleSet } from "../../src/index.js";
import type { Condition, LeafCondition } from "../../src/model/condition.js";
import type { MatterFile } from "../../src/model/matter.js";
import { bundledRules } from "../helpers.js";

// biome-ignore lint/suspicious/noExplicitAny: applications are arbitrary JSON
export type Json = any;
export type Path = (string | number)[];

/** The seed of `npm test`: the same cases on every run, so that CI is not flaky. */
const TEST_SEED = 7_2026;

/**
 * How many runs each property makes, and from which seed: its own default and a fixed seed in
 * `npm test`; SMART_APPROVAL_FUZZ_RUNS and SMART_APPROVAL_FUZZ_SEED in `npm run fuzz`, which
 * picks a new seed each time (and prints it, to replay a failure).
 */
export function runs(defaultRuns: number): fc.Parameters<unknown> {
  const env = Number(process.env.SMART_APPROVAL_FUZZ_RUNS);
  const seed = Number(process.env.SMART_APPROVAL_FUZZ_SEED);
  return {
    numRuns: Number.isInteger(env) && env > 0 ? env : defaultRuns,
    seed: process.env.SMART_APPROVAL_FUZZ_SEED && Number.isInteger(seed) ? seed : TEST_SEED,
  };
}

/** Per-test time limit, scaled for `npm run fuzz`. */
export function timeout(ms: number): number {
  const env = Number(process.env.SMART_APPROVAL_FUZZ_RUNS);
  return Number.isInteger(env) && env > 0 ? Math.max(ms, env * 200) : ms;
}

export interface FixtureCase {
  matter: string;
  file: string;
  application: Json;
  expected: { outcome: string };
}

const FIXTURES = new URL("../../fixtures/", import.meta.url);

let fixtureCache: FixtureCase[] | undefined;

/** Every golden fixture of every matter folder under fixtures/ (each call: fresh copies). */
export function fixtureCases(): FixtureCase[] {
  fixtureCache ??= readdirSync(FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) =>
      readdirSync(new URL(`${dir.name}/`, FIXTURES))
        .filter((file) => file.endsWith(".json"))
        .sort()
        .map((file) => {
          const json = JSON.parse(readFileSync(new URL(`${dir.name}/${file}`, FIXTURES), "utf8"));
          return { matter: dir.name, file, application: json.application, expected: json.expected };
        }),
    );
  return structuredClone(fixtureCache).map((c) => printable(c, `${c.matter}/${c.file}`));
}

export interface Seed extends FixtureCase {
  decision: Decision;
  matterFile: MatterFile;
}

let seedCache: Promise<Seed[]> | undefined;

/**
 * The fixtures the bundled rules actually approve today, with their decisions and rule files:
 * the seeds mutated by the fail-safe properties. (A fixture expected to approve that does not
 * is the golden-fixture test's concern, not a seed.)
 */
export function approvedSeeds(): Promise<Seed[]> {
  seedCache ??= (async () => {
    const rules = await bundledRules();
    const seeds: Seed[] = [];
    for (const c of fixtureCases()) {
      const outcome = await attempt(rules, structuredClone(c.application));
      if (outcome.decision?.outcome !== "approve") continue;
      const matterFile = matterOf(rules, c.application);
      seeds.push({ ...c, decision: outcome.decision, matterFile });
    }
    return seeds;
  })();
  return seedCache.then((seeds) =>
    seeds.map((seed) => printable(structuredClone(seed), `${seed.matter}/${seed.file}`)),
  );
}

/** Makes fast-check print `text` for a value in a counterexample, instead of all of it. */
export function printable<T extends object>(value: T, text: string): T {
  Object.defineProperty(value, fc.toStringMethod, { value: () => text, enumerable: false });
  return value;
}

export function matterOf(rules: RuleSet, application: Json): MatterFile {
  const compiled = rules.versionInForce(application.matter, application.appliedOn);
  if (compiled === undefined) throw new Error(`no version for ${application.matter}`);
  return compiled.file;
}

/**
 * Decides, and sorts the result into a decision or a typed refusal (`ApplicationError`). Any
 * other exception propagates, failing the property that called it. The applications are
 * archives dated 2025: they are replayed (said explicitly) unless `options.replay` is given.
 */
export async function attempt(
  rules: RuleSet,
  application: unknown,
  options: Parameters<RuleSet["decide"]>[1] = {},
): Promise<{ decision?: Decision; refusal?: ApplicationError }> {
  try {
    return { decision: await rules.decide(application, { replay: true, ...options }) };
  } catch (error) {
    if (error instanceof ApplicationError) return { refusal: error };
    throw error;
  }
}

/** A decision as text, without its clock: what "byte-identical" compares. */
export function withoutClock(decision: Decision): string {
  return JSON.stringify({ ...decision, record: { ...decision.record, decidedAt: "" } });
}

// ---- JSON paths -------------------------------------------------------------------------

/** Every path below `value` (objects' keys and arrays' indexes), parents before children. */
export function paths(value: Json, prefix: Path = []): Path[] {
  if (value === null || typeof value !== "object") return [];
  const entries: Array<[string | number, Json]> = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...paths(child, [...prefix, key])]);
}

export function getAt(root: Json, path: Path): Json {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, segment))
      return undefined;
    node = node[segment];
  }
  return node;
}

/** Sets the value at a path, creating missing objects on the way. */
export function setAt(root: Json, path: Path, value: Json): void {
  let node = root;
  for (const segment of path.slice(0, -1)) {
    if (node[segment] === null || typeof node[segment] !== "object") node[segment] = {};
    node = node[segment];
  }
  node[path.at(-1) as string | number] = value;
}

/** Deletes an object key, or removes an array item. */
export function deleteAt(root: Json, path: Path): void {
  const parent = getAt(root, path.slice(0, -1));
  const last = path.at(-1) as string | number;
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else if (parent !== null && typeof parent === "object") delete parent[last];
}

export const dotted = (path: Path) => path.join(".");

// ---- JSON Schema look-ups (the matter's input schemas) ------------------------------------

type Schema = Record<string, Json>;

/** The schema node describing `path` (properties, items, local $ref), if there is one. */
export function schemaAt(root: Schema, path: Path): Schema | undefined {
  let node: Schema | undefined = deref(root, root);
  for (const segment of path) {
    if (node === undefined) return undefined;
    if (typeof segment === "number") node = deref(root, node.items);
    else node = deref(root, node.properties?.[segment] ?? undefined);
  }
  return node;
}

function deref(root: Schema, node: Json): Schema | undefined {
  if (node === null || typeof node !== "object") return undefined;
  if (typeof node.$ref !== "string" || !node.$ref.startsWith("#/")) return node;
  return node.$ref
    .slice(2)
    .split("/")
    .reduce((n: Json, s: string) => (n === undefined ? undefined : n[s]), root);
}

/** Whether the schema of `path`'s parent lists its last segment in `required`. */
export function schemaRequires(root: Schema, path: Path): boolean {
  const last = path.at(-1);
  if (typeof last !== "string") return false;
  const parent = schemaAt(root, path.slice(0, -1));
  return Array.isArray(parent?.required) && parent.required.includes(last);
}

/** The JSON types a schema node allows (`integer` counts as `number`), if it says. */
export function schemaTypes(node: Schema | undefined): Set<string> | undefined {
  if (node?.type === undefined) return undefined;
  const types = (Array.isArray(node.type) ? node.type : [node.type]) as string[];
  return new Set(types.map((t) => (t === "integer" ? "number" : t)));
}

export function jsonType(value: Json): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** One value of each JSON type, to put where a value of another type belongs. */
export const OTHER_TYPED: Record<string, Json> = {
  string: "corrupted",
  number: 7,
  boolean: true,
  null: null,
  array: [1],
  object: { corrupted: true },
};

/** A value of a different JSON type, and not one the schema allows there. */
export function corruptionsOf(value: Json, allowed: Set<string> | undefined): Json[] {
  return Object.entries(OTHER_TYPED)
    .filter(([type]) => type !== jsonType(value) && !allowed?.has(type))
    .map(([, v]) => structuredClone(v));
}

/** The empty value of the same type: "", [], {} (null for booleans and numbers). */
export function emptyOf(value: Json): Json {
  if (typeof value === "string") return "";
  if (Array.isArray(value)) return [];
  if (value !== null && typeof value === "object") return {};
  return null;
}

// ---- What an approval relies on -----------------------------------------------------------

/**
 * The leaves of a condition whose own result decides the condition's result, with the
 * polarity at which they are read: every part of an `all` that passed (and of an `any` that
 * failed), through `not`. Parts of an `any` that passed (or an `all` that failed) are not
 * decisive on their own, unless there is only one.
 */
export function decisiveLeaves(
  condition: Condition,
  positive = true,
): Array<{ leaf: LeafCondition; positive: boolean }> {
  if ("fact" in condition) return [{ leaf: condition, positive }];
  if ("not" in condition) return decisiveLeaves(condition.not, !positive);
  const parts = "all" in condition ? condition.all : condition.any;
  const conjunctive = "all" in condition === positive;
  if (!conjunctive && parts.length > 1) return [];
  return parts.flatMap((part) => decisiveLeaves(part, positive));
}

/** Where a read comes from in the application: derived facts name their inputs. */
function applicationSource(
  file: MatterFile,
  fact: string,
  path: string,
  depth = 0,
): { fact: "data" | "evidence"; path: string } | undefined {
  if (fact === "data" || fact === "evidence") return { fact, path };
  if (fact !== "derived" || depth > 8) return undefined;
  const spec = file.derived[path.split(".")[0] ?? ""];
  return spec && applicationSource(file, spec.input.fact, spec.input.path, depth + 1);
}

/** Every leaf of a condition. */
export function leavesOf(condition: Condition | undefined): LeafCondition[] {
  if (condition === undefined) return [];
  if ("fact" in condition) return [condition];
  if ("not" in condition) return leavesOf(condition.not);
  return ("all" in condition ? condition.all : condition.any).flatMap(leavesOf);
}

export const ABSENCE_AWARE: ReadonlySet<string> = new Set(["present", "absent"]);

/**
 * The application fields an approval RELIES ON, as `data.…` / `evidence.…` dot paths. A field
 * is relied on when, in the approved decision:
 *  1. a decisive leaf of the `require` of a standard that passed reads it (directly, or as the
 *     input of a derived fact the leaf reads; `value: { fact, path }` references included) —
 *     for `present` / `absent` leaves, only when deleting the field makes the leaf fail
 *     (`present` read positively, `absent` read negatively);
 *  2. a decisive leaf of the `when` of a standard that passed or was not applicable, or of
 *     the `requiredWhen` of a material that was required (satisfied or committed) or not
 *     required, reads it with an operator other than `present` / `absent` (removing such a
 *     value makes the condition unknown, never false);
 *  3. it is a `data` field whose parent object's schema lists it as `required` (deleting it
 *     while its parent stays is a schema error, asked for again);
 * and every ancestor of a field relied on by 1 or 2 is relied on too — EXCEPT the
 * fields that a `present` / `absent` leaf anywhere in the same standard's `when` (or the
 * material's `requiredWhen`) reads, and their ancestors: deleting those makes the standard
 * inapplicable or the material not required, which may rightly approve.
 *
 * So fields read only by the other branches of an `any`, by standards that do not apply, or
 * whose absence itself makes a standard inapplicable (an optional business name, an optional
 * agent, a staff count "if stated") are not relied on, and deleting them may still approve.
 */
export function reliedOn(seed: Seed): Set<string> {
  const { matterFile: file, decision, application } = seed;
  const relied = new Set<string>();
  const sourceOf = (fact: string, path: string) => {
    const source = applicationSource(file, fact, path);
    return source && `${source.fact}.${source.path}`;
  };
  const read = (fact: string, path: string, escapes: readonly string[]) => {
    const source = sourceOf(fact, path);
    if (source === undefined) return;
    const segments = source.split(".");
    for (let i = 2; i <= segments.length; i++) {
      const prefix = segments.slice(0, i).join(".");
      if (escapes.some((e) => e === prefix || e.startsWith(`${prefix}.`))) continue;
      relied.add(prefix);
    }
  };
  const escapesOf = (gate: Condition | undefined) =>
    leavesOf(gate)
      .filter((leaf) => ABSENCE_AWARE.has(leaf.operator))
      .flatMap((leaf) => sourceOf(leaf.fact, leaf.path) ?? []);
  const readLeaves = (
    condition: Condition | undefined,
    positive: boolean,
    absenceAware: boolean,
    escapes: readonly string[],
  ) => {
    if (condition === undefined) return;
    for (const { leaf, positive: p } of decisiveLeaves(condition, positive)) {
      const aware = ABSENCE_AWARE.has(leaf.operator);
      if (aware) {
        const failsWhenDeleted = (leaf.operator === "present") === p;
        if (!absenceAware || !failsWhenDeleted) continue;
      }
      read(leaf.fact, leaf.path, escapes);
      const ref = leaf.value as { fact?: string; path?: string } | undefined;
      if (!aware && ref && typeof ref === "object" && typeof ref.fact === "string") {
        read(ref.fact, String(ref.path), escapes);
      }
    }
  };
  const status = new Map(decision.checks.map((c) => [c.id, c.status]));
  for (const standard of file.standards) {
    const s = status.get(standard.id);
    const escapes = escapesOf(standard.when);
    if (s === "pass") {
      readLeaves(standard.require, true, true, escapes);
      readLeaves(standard.when, true, false, escapes);
    } else if (s === "not-applicable") {
      readLeaves(standard.when, false, false, escapes);
    }
  }
  const materialStatus = new Map(decision.materials.map((m) => [m.id, m.status]));
  for (const material of file.materials) {
    const s = materialStatus.get(material.id);
    const escapes = escapesOf(material.requiredWhen);
    if (s === "satisfied" || s === "committed") {
      readLeaves(material.requiredWhen, true, false, escapes);
    } else if (s === "not-required") {
      readLeaves(material.requiredWhen, false, false, escapes);
    }
  }
  for (const path of paths(application.data)) {
    if (schemaRequires(file.input.data, path)) relied.add(`data.${dotted(path)}`);
  }
  return relied;
}

/** The relied-on fields present in the seed's application, as [fact, ...path]. */
export function reliedTargets(seed: Seed): Path[] {
  const relied = reliedOn(seed);
  const targets: Path[] = [];
  for (const fact of ["data", "evidence"] as const) {
    for (const path of paths(seed.application[fact] ?? {})) {
      if (typeof path.at(-1) === "number") continue; // an item of a list is not a field
      if (relied.has(`${fact}.${dotted(path)}`)) targets.push([fact, ...path]);
    }
  }
  return targets;
}

/** The materials an approval counted as required: satisfied or committed. */
export function requiredMaterials(seed: Seed): string[] {
  return seed.decision.materials
    .filter((m) => m.status === "satisfied" || m.status === "committed")
    .map((m) => m.id);
}

export async function rulesFor(): Promise<RuleSet> {
  return bundledRules();
}

/** A permutation driven by the generated numbers (a Fisher–Yates shuffle). */
export function shuffled<T>(items: readonly T[], order: readonly number[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = (order[i % Math.max(order.length, 1)] ?? 0) % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
