import type { Ajv } from "ajv";
import { createCalendar, type WorkingCalendar } from "../calendar/working-calendar.js";
import { ApplicationError, type ApplicationProblem } from "../evaluate/application-error.js";
import { canonicalJson, sha256Hex } from "../evaluate/canonical-json.js";
import {
  type CompiledMatter,
  compileMatter,
  createSchemaCompiler,
} from "../evaluate/compile-matter.js";
import { type DecideOptions, decideMatter } from "../evaluate/decide.js";
import { inputProblems } from "../evaluate/input-limits.js";
import { ApplicationSchema } from "../model/application.js";
import type { CatalogFile } from "../model/catalog.js";
import type { LocalizedText } from "../model/common.js";
import type { Decision } from "../model/decision.js";
import { toPointer } from "../model/json-pointer.js";
import { RuleFileError } from "./rule-file-error.js";
import { type RuleSource, validateSources } from "./validate-sources.js";

/** A matter and the versions loaded for it, oldest first. */
export interface MatterSummary {
  id: string;
  title: LocalizedText;
  versions: Array<{ version: string; from: string; until?: string }>;
}

/**
 * A loaded, validated and compiled set of matters: the registry that picks the version in
 * force on an application's date and decides it. Build one with `loadRules()` (from a
 * directory) or `RuleSet.fromSources()` (from texts, e.g. in a browser); reuse it — all the
 * work that can be done once has been done.
 */
export class RuleSet {
  readonly #matters: ReadonlyMap<string, readonly CompiledMatter[]>;
  readonly catalogs: ReadonlyMap<string, CatalogFile>;
  /** The working-day calendar time limits are counted on, if one was given. */
  readonly calendar: WorkingCalendar | undefined;

  private constructor(
    matters: Map<string, CompiledMatter[]>,
    catalogs: Map<string, CatalogFile>,
    calendar: WorkingCalendar | undefined,
  ) {
    this.#matters = matters;
    this.catalogs = catalogs;
    this.calendar = calendar;
  }

  /**
   * Validates and compiles rule sources (matters, catalogs and a working-day calendar). Throws
   * `RuleFileError` listing every issue when any error is found; warnings do not stop loading.
   * Time limits are counted on `options.calendar`, else on the calendar among the sources.
   *
   * @example
   * const rules = await RuleSet.fromSources([{ file: "laws.json", text }, { file: "1.0.0.json", text: matterText }]);
   */
  static async fromSources(
    sources: readonly RuleSource[],
    options: {
      baseCatalogs?: ReadonlyMap<string, CatalogFile>;
      calendar?: WorkingCalendar;
      ajv?: Ajv;
    } = {},
  ): Promise<RuleSet> {
    const ajv = options.ajv ?? createSchemaCompiler();
    const { issues, matters, catalogs, calendars } = validateSources(sources, { ajv, ...options });
    if (issues.some((i) => i.severity === "error")) throw new RuleFileError(issues);
    for (const [name, catalog] of options.baseCatalogs ?? []) {
      if (!catalogs.has(name)) catalogs.set(name, catalog);
    }
    const laws = new Map(catalogs.get("laws")?.entries.map((e) => [e.id, e.title]) ?? []);
    const entries = new Map([...catalogs].map(([name, catalog]) => [name, catalog.entries]));
    const compiled = new Map<string, CompiledMatter[]>();
    for (const valid of matters) {
      const sha256 = await sha256Hex(canonicalJson(valid.document.value));
      const matter = compileMatter(valid.matter, { sha256, laws, catalogs: entries, ajv });
      compiled.set(valid.matter.matter, [...(compiled.get(valid.matter.matter) ?? []), matter]);
    }
    for (const versions of compiled.values()) {
      versions.sort((a, b) => (a.file.effective.from < b.file.effective.from ? -1 : 1));
    }
    const ownCalendar = [...calendars.values()][0];
    const calendar = options.calendar ?? (ownCalendar && createCalendar(ownCalendar));
    return new RuleSet(compiled, catalogs, calendar);
  }

  /**
   * The matters loaded, with their versions and effective windows.
   *
   * @example
   * rules.matters().map((m) => m.id); // ["individual-business.establishment"]
   */
  matters(): MatterSummary[] {
    return [...this.#matters].map(([id, versions]) => ({
      id,
      title: (versions.at(-1) as CompiledMatter).file.title,
      versions: versions.map(({ file }) => ({
        version: file.version,
        from: file.effective.from,
        ...(file.effective.until !== undefined && { until: file.effective.until }),
      })),
    }));
  }

  /**
   * The version of a matter in force on a date, or undefined.
   *
   * @example
   * rules.versionInForce("individual-business.establishment", "2025-06-30")?.file.version; // "1.0.0"
   */
  versionInForce(matter: string, date: string): CompiledMatter | undefined {
    return this.#matters
      .get(matter)
      ?.find(
        ({ file }) => file.effective.from <= date && (file.effective.until ?? "9999-12-31") >= date,
      );
  }

  /**
   * Decides an application: `approve`, `incomplete` (with everything to supply or correct) or
   * `refer` (with the reasons a person must decide, and the complete missing list too). Throws
   * `ApplicationError` listing every problem when the application cannot be decided at all
   * (malformed envelope, unknown matter, no version in force on `appliedOn`).
   *
   * @example
   * const decision = await rules.decide(application, { locale: "en" });
   * decision.outcome; // "approve" | "incomplete" | "refer"
   */
  async decide(input: unknown, options: DecideOptions = {}): Promise<Decision> {
    const unsafe = inputProblems(input);
    if (unsafe.length > 0) throw new ApplicationError(unsafe);
    const parsed = ApplicationSchema.safeParse(input);
    if (!parsed.success) {
      throw new ApplicationError(
        parsed.error.issues.map((issue) => ({
          code: "invalid-envelope",
          message: issue.message,
          pointer: toPointer(issue.path.map(String)),
        })),
      );
    }
    const application = parsed.data;
    const versions = this.#matters.get(application.matter);
    if (versions === undefined) {
      const known = [...this.#matters.keys()].join(", ") || "none";
      throw new ApplicationError([
        problem(
          "unknown-matter",
          `unknown matter "${application.matter}"; loaded: ${known}`,
          "/matter",
        ),
      ]);
    }
    const matter = this.versionInForce(application.matter, application.appliedOn);
    if (matter === undefined) {
      const windows = versions
        .map(
          ({ file }) =>
            `${file.version} (${file.effective.from} … ${file.effective.until ?? "open-ended"})`,
        )
        .join(", ");
      throw new ApplicationError([
        problem(
          "no-version-in-force",
          `no version of ${application.matter} is in force on ${application.appliedOn}; versions: ${windows}`,
          "/appliedOn",
        ),
      ]);
    }
    return decideMatter(matter, application, input, options, { calendar: this.calendar });
  }
}

function problem(
  code: ApplicationProblem["code"],
  message: string,
  pointer: string,
): ApplicationProblem {
  return { code, message, pointer };
}
