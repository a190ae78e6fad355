import { canonicalJson, type Sha256 } from "../json/canonical-json.js";
import { type JsonDocument, parseJsonDocument, type SourceLocator } from "../json/json-document.js";
import { toPointer } from "../json/json-pointer.js";
import { schemaHasPath } from "../json/schema-paths.js";
import type { Citation } from "../model/citation.js";
import type { Issue } from "../model/issue.js";
import type { MatterFile } from "../model/matter.js";
import { type OneThingFile, OneThingFileSchema } from "../model/one-thing.js";
import { type RuleFileIssueCode, ruleFileIssue } from "./issue-codes.js";
import { validateDocument } from "./schema-issues.js";
import { placementIssues, sourceText } from "./source-files.js";
import { versionWindowIssues } from "./version-windows.js";

/** `…/one-things/<id>/<version>.json`: where a 一件事 file is kept. */
const ONE_THING_FILE = /(?:^|[\\/])one-things[\\/]([^\\/]+)[\\/]([^\\/]+)\.json$/;

/**
 * Whether a rule file is a 一件事 file, by where it is kept (`one-things/<id>/<version>.json`).
 *
 * @example
 * isOneThingFile("rules/one-things/a/1.0.0.json"); // true
 */
export function isOneThingFile(file: string): boolean {
  return ONE_THING_FILE.test(file);
}

/** A 一件事 file that passed validation; `sha256` of its canonical JSON when asked for. */
export interface ValidOneThingFile {
  file: string;
  oneThing: OneThingFile;
  sha256?: string | Promise<string>;
}

/**
 * Validates 一件事 files against the member matters loaded beside them and reports every
 * problem as a located issue (file, JSON pointer, line:column): JSON syntax and the schema;
 * citations of unknown laws; member keys twice; a rules member whose matter is not loaded or
 * in force at no time of the 一件事's window; a mapping onto no member, onto a member its
 * department decides, or onto a path the member's input schema (of any version in force in the
 * window) does not have; a member path filled twice; a required field of a member no mapping
 * fills (the member could never be complete); a shared material serving a material the member
 * does not have, or one material served twice; material ids asked for under their own id by
 * two members; the file's place (`one-things/<id>/<version>.json`); overlapping versions.
 *
 * @example
 * const { issues, oneThings } = checkOneThingSources(sources, matters, laws);
 */
export function checkOneThingSources(
  sources: ReadonlyArray<{ file: string; readonly text: string }>,
  matters: readonly MatterFile[],
  laws: ReadonlySet<string>,
  sha256?: Sha256,
): { issues: Issue[]; oneThings: ValidOneThingFile[] } {
  const issues: Issue[] = [];
  const valid: Array<ValidOneThingFile & { document: SourceLocator }> = [];
  for (const source of sources) {
    const text = sourceText(source, issues);
    if (text === undefined) continue;
    const parsed = parseJsonDocument(text, source.file);
    issues.push(...parsed.issues);
    if (!parsed.ok) continue;
    const { data, issues: found } = validateDocument(OneThingFileSchema, parsed.document);
    issues.push(...found);
    if (data === undefined) continue;
    const semantic = [
      ...checkOneThing(data, parsed.document, matters, laws),
      ...placementIssues(
        ONE_THING_FILE,
        source.file,
        { key: "oneThing", id: data.oneThing, version: data.version, what: "一件事" },
        parsed.document,
      ),
    ];
    issues.push(...semantic);
    if (semantic.some((i) => i.severity === "error")) continue;
    valid.push({
      file: source.file,
      oneThing: data,
      document: parsed.document.outline(),
      ...(sha256 && { sha256: sha256(canonicalJson(parsed.document.value)) }),
    });
  }
  issues.push(
    ...versionWindowIssues(
      valid.map(({ oneThing, file, document }) => ({
        id: oneThing.oneThing,
        version: oneThing.version,
        effective: oneThing.effective,
        file,
        document,
      })),
    ),
  );
  return { issues, oneThings: valid.map(({ document: _, ...rest }) => rest) };
}

/**
 * The semantic checks of one 一件事 file (see `checkOneThingSources`).
 *
 * @example
 * checkOneThing(file, document, matters, new Set(["food-safety-law"])); // []
 */
export function checkOneThing(
  file: OneThingFile,
  document: JsonDocument,
  matters: readonly MatterFile[],
  laws: ReadonlySet<string>,
): Issue[] {
  const issues: Issue[] = [];
  const error = (code: RuleFileIssueCode, message: string, segments: (string | number)[]) =>
    issues.push(ruleFileIssue(document, code, message, toPointer(segments)));
  // The table gives the severity (member-not-in-force is a warning): `error` adds either.
  const cites = (basis: readonly Citation[], segments: (string | number)[]) =>
    basis.forEach((c, i) => {
      if (!laws.has(c.ref)) {
        error("unknown-law", `"${c.ref}" is not in the laws catalog`, [...segments, i, "ref"]);
      }
    });
  cites(file.basis, ["basis"]);
  file.materials.forEach((m, i) => {
    cites(m.basis, ["materials", i, "basis"]);
  });

  // The members, and the versions of each rules member in force at some time of the window.
  const versions = new Map<string, MatterFile[]>();
  const kinds = new Map<string, "rules" | "department">();
  file.members.forEach((member, i) => {
    if (kinds.has(member.key)) {
      error("duplicate-member", `member key "${member.key}" is used twice`, ["members", i, "key"]);
      return;
    }
    kinds.set(member.key, member.decidedBy);
    if (member.decidedBy === "department") {
      cites(member.timeLimit.basis, ["members", i, "timeLimit", "basis"]);
      if (member.deemedConsent) {
        cites(member.deemedConsent.basis, ["members", i, "deemedConsent", "basis"]);
      }
      return;
    }
    const all = matters.filter((m) => m.matter === member.matter);
    if (all.length === 0) {
      error("unknown-matter", `matter "${member.matter}" is not loaded`, ["members", i, "matter"]);
      return;
    }
    const inWindow = all.filter((m) => overlap(m.effective, file.effective));
    if (inWindow.length === 0) {
      error(
        "member-not-in-force",
        `no version of "${member.matter}" is in force while this 一件事 is (${window(file.effective)})`,
        ["members", i, "matter"],
      );
      return;
    }
    if (!covers(inWindow, file.effective)) {
      error(
        "member-not-in-force",
        `"${member.matter}" is not in force on every day of ${window(file.effective)}: applications on those days are referred`,
        ["members", i, "matter"],
      );
    }
    versions.set(member.key, inWindow);
  });

  // Every mapping lands on a place every in-force version of a rules member has.
  const targets = new Map<string, Array<{ path: string; at: (string | number)[] }>>();
  for (const kind of ["data", "evidence"] as const) {
    file.mapping[kind].forEach((entry, i) => {
      entry.to.forEach((to, j) => {
        const at = ["mapping", kind, i, "to", j];
        const memberKind = kinds.get(to.member);
        if (memberKind === undefined) {
          error("unknown-member", `no member has the key "${to.member}"`, [...at, "member"]);
          return;
        }
        if (memberKind === "department") {
          error(
            "department-member-mapped",
            `member "${to.member}" is decided by its department, not by rules: nothing is mapped onto it`,
            [...at, "member"],
          );
          return;
        }
        if (to.path.split(".").some((segment) => /^\d+$/.test(segment))) {
          // The mapping fills objects; an item of a list is mapped with its whole list.
          error("array-item-mapped", `"${to.path}" names an item of a list: map the whole list`, [
            ...at,
            "path",
          ]);
          return;
        }
        for (const matter of versions.get(to.member) ?? []) {
          if (!schemaHasPath(matter.input[kind] as Record<string, unknown>, to.path)) {
            error(
              "unknown-path",
              `"${to.path}" is not in the ${kind} of ${matter.matter} ${matter.version}`,
              [...at, "path"],
            );
          }
        }
        const key = `${kind}\u0000${to.member}`;
        const earlier = targets.get(key) ?? [];
        const clash = earlier.find(
          (t) => t.path === to.path || inside(t.path, to.path) || inside(to.path, t.path),
        );
        if (clash) {
          error(
            "duplicate-target",
            `"${to.path}" of member "${to.member}" is also filled at ${toPointer(clash.at)}: a field is asked once`,
            [...at, "path"],
          );
        }
        targets.set(key, [...earlier, { path: to.path, at }]);
      });
    });
  }
  // A required field nothing fills would be asked for on every application, and the form has
  // no place for it.
  for (const [key, list] of versions) {
    const filled = targets.get(`data\u0000${key}`) ?? [];
    for (const matter of list) {
      for (const field of requiredFields(matter.input.data)) {
        if (!filled.some((t) => t.path === field || inside(t.path, field))) {
          error(
            "unfilled-required",
            `no mapping fills "${field}", which ${matter.matter} ${matter.version} requires`,
            ["mapping", "data"],
          );
        }
      }
    }
  }

  // The one set of materials: each member material served at most once, and each id asked
  // for under one meaning.
  const sharedIds = new Set<string>();
  const served = new Map<string, string>();
  file.materials.forEach((m, i) => {
    if (sharedIds.has(m.id))
      error("duplicate-id", `material "${m.id}" is declared twice`, ["materials", i, "id"]);
    sharedIds.add(m.id);
    m.serves.forEach((s, j) => {
      const at = ["materials", i, "serves", j];
      const memberKind = kinds.get(s.member);
      if (memberKind !== "rules") {
        error(
          memberKind === undefined ? "unknown-member" : "department-member-mapped",
          memberKind === undefined
            ? `no member has the key "${s.member}"`
            : `member "${s.member}" is decided by its department: no material of the set serves it`,
          [...at, "member"],
        );
        return;
      }
      for (const matter of versions.get(s.member) ?? []) {
        if (!matter.materials.some((own) => own.id === s.material)) {
          error(
            "unknown-material",
            `${matter.matter} ${matter.version} has no material "${s.material}"`,
            [...at, "material"],
          );
        }
      }
      const key = `${s.member}\u0000${s.material}`;
      const other = served.get(key);
      if (other !== undefined) {
        error("duplicate-target", `"${s.material}" of "${s.member}" is also served by "${other}"`, [
          ...at,
          "material",
        ]);
      }
      served.set(key, m.id);
    });
  });
  const own = new Map<string, string>();
  for (const [key, list] of versions) {
    for (const id of new Set(list.flatMap((m) => m.materials.map((x) => x.id)))) {
      if (served.has(`${key}\u0000${id}`)) continue;
      const other = own.get(id);
      if (sharedIds.has(id) || (other !== undefined && other !== key)) {
        error(
          "ambiguous-material",
          `material "${id}" of member "${key}" is asked for under its own id, which ${other ? `member "${other}"` : "a shared material"} uses too: declare a material of the set that serves it`,
          ["materials"],
        );
      }
      own.set(id, key);
    }
  }
  return issues;
}

/** The top-level properties a member's data schema requires. */
function requiredFields(schema: Record<string, unknown>): string[] {
  const required = schema.required;
  return Array.isArray(required) ? required.filter((r): r is string => typeof r === "string") : [];
}

type Window = { from: string; until?: string | undefined };

function overlap(a: Window, b: Window): boolean {
  return a.from <= (b.until ?? "9999-12-31") && b.from <= (a.until ?? "9999-12-31");
}

/** Whether the versions' windows together cover every day of `w`. */
function covers(versions: readonly MatterFile[], w: Window): boolean {
  const sorted = [...versions].sort((a, b) => (a.effective.from < b.effective.from ? -1 : 1));
  let day = w.from;
  for (const { effective } of sorted) {
    if (effective.from > day) return false;
    const until = effective.until ?? "9999-12-31";
    if (until >= (w.until ?? "9999-12-31")) return true;
    if (until >= day) day = nextDay(until);
  }
  return false;
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function window(w: Window): string {
  return `${w.from} … ${w.until ?? "open-ended"}`;
}

function inside(path: string, whole: string): boolean {
  return path.startsWith(`${whole}.`);
}

/**
 * Whether parsed JSON kept outside a `one-things/` folder is a 一件事 file (an example, a file
 * validated on its own): it names a `oneThing` and no `matter`.
 *
 * @example
 * isOneThingValue({ oneThing: "a", version: "1.0.0" }); // true
 */
export function isOneThingValue(value: unknown): boolean {
  return typeof value === "object" && value !== null && "oneThing" in value && !("matter" in value);
}
