import type { z } from "zod";
import { CatalogFileSchema } from "../model/catalog.js";
import { MatterFileSchema, NoteSchema } from "../model/matter.js";

// What a page need not download: the remarks for rule authors. A matter's `note` fields
// (NoteSchema: "never shown to applicants and never read by a decision") and a catalog's
// `note` (its sources) are a tenth of a matter's rules gzipped. They are found by the schema,
// not by name — a field an applicant fills in may well be called `note` — and left out of the
// rules a browser gets. The decision still records the SHA-256 of the whole rule file, notes
// and all, as the library computed it when it validated the file.

type Schema = z.core.$ZodType;

const CATALOG_NOTE = CatalogFileSchema.shape.note;
/** The schemas of documentation fields. */
const NOTES: ReadonlySet<Schema> = new Set<Schema>([NoteSchema, CATALOG_NOTE]);

/**
 * A validated matter file without its notes (a copy; the file is not changed).
 *
 * @example
 * matterWithoutNotes(file).standards[0].note; // undefined
 */
export function matterWithoutNotes<T>(file: T): T {
  return withoutNotes(MatterFileSchema, file) as T;
}

/** A validated catalog file without its note (a copy). */
export function catalogWithoutNotes<T>(file: T): T {
  return withoutNotes(CatalogFileSchema, file) as T;
}

/** Whether a value of the schema can hold a note somewhere (memoised; cycles say no). */
const mayHold = new Map<Schema, boolean>();

function holdsNotes(schema: Schema): boolean {
  const known = mayHold.get(schema);
  if (known !== undefined) return known;
  mayHold.set(schema, false);
  const result = NOTES.has(schema) || children(schema).some(holdsNotes);
  mayHold.set(schema, result);
  return result;
}

/** The schemas directly inside a schema (zod 4's definitions). */
function children(schema: Schema): Schema[] {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case "object":
      return Object.values(def.shape as Record<string, Schema>);
    case "array":
      return [def.element as Schema];
    case "record":
      return [def.valueType as Schema];
    case "union":
      return def.options as Schema[];
    case "intersection":
      return [def.left as Schema, def.right as Schema];
    case "lazy":
      return [(def.getter as () => Schema)()];
    case "pipe":
      return [def.in as Schema];
    default:
      return def.innerType === undefined ? [] : [def.innerType as Schema];
  }
}

function withoutNotes(schema: Schema, value: unknown): unknown {
  if (!holdsNotes(schema) || value === null || typeof value !== "object") return value;
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case "object": {
      const shape = def.shape as Record<string, Schema>;
      const copy: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
        if (field !== undefined && isNote(field)) continue;
        copy[key] = field === undefined ? item : withoutNotes(field, item);
      }
      return copy;
    }
    case "array":
      return (value as unknown[]).map((item) => withoutNotes(def.element as Schema, item));
    case "record":
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [
          key,
          withoutNotes(def.valueType as Schema, item),
        ]),
      );
    case "union": {
      // The option zod took: the first that accepts the value.
      const option = (def.options as Schema[]).find(
        (o) => (o as unknown as z.ZodType).safeParse(value).success,
      );
      return option === undefined ? value : withoutNotes(option, value);
    }
    default: {
      const [inner, second] = children(schema);
      if (inner === undefined || second !== undefined) return value;
      return withoutNotes(inner, value);
    }
  }
}

/** A note field, however wrapped (optional, default…). */
function isNote(schema: Schema): boolean {
  for (let s: Schema | undefined = schema; s !== undefined; ) {
    if (NOTES.has(s)) return true;
    const def = s._zod.def as unknown as { innerType?: Schema };
    s = def.innerType;
  }
  return false;
}
