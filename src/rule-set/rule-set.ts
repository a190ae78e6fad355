import type { Ajv } from "ajv";
import { compileCalendar, type WorkingCalendar } from "../calendar/working-calendar.js";
import {
  type CompiledMatter,
  compileMatter,
  type SchemaValidators,
} from "../evaluate/compile-matter.js";
import type { EvaluatorKind } from "../evaluate/condition-evaluator.js";
import type { DecideOptions } from "../evaluate/decide.js";
import { decideThrough, type FrontDoor } from "../evaluate/front-door.js";
import {
  precompiledValidators,
  type ValidatorFactories,
} from "../evaluate/precompiled-validators.js";
import { type Sha256, sha256Hex } from "../json/canonical-json.js";
import { RuleFileError } from "../load/rule-file-error.js";
import type { RuleSource } from "../load/validate-sources.js";
import type { ValidatedRules } from "../load/validated-rules.js";
import type { CatalogFile } from "../model/catalog.js";
import type { LocalizedText } from "../model/common.js";
import type { Decision } from "../model/decision.js";
import type { Issue } from "../model/issue.js";
import type { MatterFile } from "../model/matter.js";

/** How a rule set evaluates and hashes; see `RuleSet.fromSources`. */
export interface RuleSetOptions {
  /**
   * The evaluator of the conditions: `compiled` (the default) or `json-rules-engine`, the engine
   * of record, which the compiled evaluator is tested to agree with.
   */
  evaluator?: EvaluatorKind;
  /** The SHA-256 of decision records; Web Crypto when not given (`loadRules` uses node:crypto). */
  sha256?: Sha256;
}

/**
 * How the private constructor compiles: with the schema compiler validation used (fromSources,
 * everything at once), or when first decided on — with validators generated beforehand where
 * there are some (the rules stored at build time), else with ajv, loaded then.
 */
interface Construction extends RuleSetOptions {
  eager: boolean;
  validators?: SchemaValidators;
  factories?: ValidatorFactories;
  /** The synchronous SHA-256 the factories' keys are computed with (@noble/hashes' if none). */
  keySha256?: (text: string) => string;
}

/** A matter version, compiled when first needed (at once when loaded from sources). */
interface Version {
  readonly file: MatterFile;
  readonly sha256: string;
  compiled?: CompiledMatter;
}

/** Options of `RuleSet.fromSources` and `RuleSet.validate`. */
export interface SourceOptions extends RuleSetOptions {
  /** Catalogs the sources may rely on without holding them (a matter validated on its own). */
  baseCatalogs?: ReadonlyMap<string, CatalogFile>;
  /** The working-day calendar time limits are counted on; else the calendar among the sources. */
  calendar?: WorkingCalendar;
}

/**
 * A matter version as the public API shows it: the rule file, its SHA-256 (of the file's
 * canonical JSON, RFC 8785) and the titles of the laws it cites. What the evaluator compiled
 * from it stays inside.
 */
export interface MatterVersion {
  readonly file: MatterFile;
  readonly sha256: string;
  readonly laws: ReadonlyMap<string, LocalizedText>;
}

/**
 * The compiled matter version in force, with the evaluator's internals: for the library's own
 * tests, benchmarks and tools, not exported by any entry point.
 */
export let compiledInForce: (
  rules: RuleSet,
  matter: string,
  date: string,
) => Promise<CompiledMatter | undefined>;

/**
 * A rule set from rules validated before, with validators generated beforehand for their input
 * schemas (the bundled rules stored by the build, src/node/bundled-rules.ts): deciding on them
 * loads no schema compiler. Internal, like compiledInForce.
 */
export let fromStoredRules: (
  rules: ValidatedRules,
  factories: ValidatorFactories,
  options: RuleSetOptions & { keySha256?: (text: string) => string },
) => RuleSet;

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
  readonly #matters: ReadonlyMap<string, readonly Version[]>;
  readonly catalogs: ReadonlyMap<string, CatalogFile>;
  /** The working-day calendar time limits are counted on, if one was given. */
  readonly calendar: WorkingCalendar | undefined;
  readonly #sha256: Sha256 | undefined;
  /** The 一件事 loaded beside the matters (decided by src/one-thing on top of this rule set). */
  readonly oneThings: NonNullable<ValidatedRules["oneThings"]>;
  readonly #laws: ReadonlyMap<string, LocalizedText>;
  readonly #compile: (version: Version, validators: SchemaValidators) => CompiledMatter;
  /** Validators generated beforehand, when the rules came with some. */
  readonly #precompiled: ReturnType<typeof precompiledValidators> | undefined;
  #schemaCompiler: SchemaValidators | Promise<SchemaValidators> | undefined;
  #frontDoor: FrontDoor | undefined;

  private constructor(
    matters: ValidatedRules["matters"],
    catalogs: Map<string, CatalogFile>,
    calendar: WorkingCalendar | undefined,
    options: Construction,
    oneThings: ValidatedRules["oneThings"] = [],
  ) {
    this.oneThings = oneThings;
    const laws = new Map(catalogs.get("laws")?.entries.map((e) => [e.id, e.title]) ?? []);
    this.#laws = laws;
    const entries = new Map([...catalogs].map(([name, catalog]) => [name, catalog.entries]));
    this.#compile = ({ file, sha256 }, validators) =>
      compileMatter(file, {
        sha256,
        laws,
        catalogs: entries,
        validators,
        ...(options.evaluator && { evaluator: options.evaluator }),
      });
    this.#schemaCompiler = options.validators;
    this.#precompiled =
      options.factories && precompiledValidators(options.factories, options.keySha256);
    const versions = new Map<string, Version[]>();
    for (const { file, sha256 } of matters) {
      const version: Version = { file, sha256 };
      if (options.eager && options.validators) {
        version.compiled = this.#compile(version, options.validators);
      }
      versions.set(file.matter, [...(versions.get(file.matter) ?? []), version]);
    }
    for (const list of versions.values()) {
      list.sort((a, b) => (a.file.effective.from < b.file.effective.from ? -1 : 1));
    }
    this.#matters = versions;
    this.catalogs = catalogs;
    this.calendar = calendar;
    this.#sha256 = options.sha256;
  }

  /**
   * Validates and compiles rule sources (matters, catalogs and a working-day calendar). Throws
   * `RuleFileError` listing every issue when any error is found; warnings do not stop loading.
   * Time limits are counted on `options.calendar`, else on the calendar among the sources.
   * `options.evaluator` picks the evaluator and `options.sha256` the hash (see `RuleSetOptions`).
   *
   * @example
   * const rules = await RuleSet.fromSources([{ file: "laws.json", text }, { file: "1.0.0.json", text: matterText }]);
   */
  static async fromSources(
    sources: readonly RuleSource[],
    options: SourceOptions = {},
  ): Promise<RuleSet> {
    // One schema compiler validates the input schemas and compiles them after.
    const ajv = (await import("../evaluate/schema-compiler.js")).createSchemaCompiler();
    const { issues, rules } = await validateWith(sources, options, ajv);
    if (rules === undefined) throw new RuleFileError(issues);
    const catalogs = new Map(rules.catalogs.map((c) => [c.catalog, c]));
    for (const [name, catalog] of options.baseCatalogs ?? []) {
      if (!catalogs.has(name)) catalogs.set(name, catalog);
    }
    const ownCalendar = rules.calendars[0];
    const calendar = options.calendar ?? (ownCalendar && compileCalendar(ownCalendar));
    return new RuleSet(
      rules.matters,
      catalogs,
      calendar,
      { ...options, validators: ajv, eager: true },
      rules.oneThings,
    );
  }

  /**
   * Validates rule sources and, when no error is found, gives them as `ValidatedRules` (with
   * each matter's SHA-256), for `fromValidated` or a bundle; always every issue found.
   *
   * @example
   * const { issues, rules } = await RuleSet.validate(sources);
   */
  static validate(
    sources: readonly RuleSource[],
    options: SourceOptions = {},
  ): Promise<{ issues: Issue[]; rules?: ValidatedRules }> {
    return validateWith(sources, options);
  }

  /**
   * A rule set from rules validated before (`validate`), without validating them again;
   * each matter version is compiled when first decided on. Use it only for rules that cannot
   * have changed since (loadRules checks the bundled rules' hashes before it does).
   *
   * @example
   * const { rules } = await RuleSet.validate(sources);
   * const ruleSet = RuleSet.fromValidated(rules!);
   */
  static fromValidated(
    rules: ValidatedRules,
    options: RuleSetOptions & { calendar?: WorkingCalendar } = {},
  ): RuleSet {
    const catalogs = new Map(rules.catalogs.map((c) => [c.catalog, c]));
    const ownCalendar = rules.calendars[0];
    const calendar = options.calendar ?? (ownCalendar && compileCalendar(ownCalendar));
    return new RuleSet(
      rules.matters,
      catalogs,
      calendar,
      { ...options, eager: false },
      rules.oneThings,
    );
  }

  static {
    compiledInForce = async (rules, matter, date) => await rules.#compiledInForce(matter, date);
    fromStoredRules = (rules, factories, options) =>
      new RuleSet(
        rules.matters,
        new Map(rules.catalogs.map((c) => [c.catalog, c])),
        rules.calendars[0] && compileCalendar(rules.calendars[0]),
        { ...options, factories, eager: false },
        rules.oneThings,
      );
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
      title: (versions.at(-1) as Version).file.title,
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
  versionInForce(matter: string, date: string): MatterVersion | undefined {
    const version = this.#versionInForce(matter, date);
    return version && { file: version.file, sha256: version.sha256, laws: this.#laws };
  }

  #versionInForce(matter: string, date: string): Version | undefined {
    return this.#matters
      .get(matter)
      ?.find(
        ({ file }) => file.effective.from <= date && (file.effective.until ?? "9999-12-31") >= date,
      );
  }

  /**
   * The compiled version in force, compiled now if it was not yet: at once with validators
   * generated beforehand when there is one for each of its schemas, else once ajv is loaded.
   */
  #compiledInForce(
    matter: string,
    date: string,
  ): CompiledMatter | Promise<CompiledMatter> | undefined {
    const version = this.#versionInForce(matter, date);
    if (version === undefined) return undefined;
    if (version.compiled !== undefined) return version.compiled;
    const { data, evidence } = version.file.input;
    const precompiled = this.#precompiled;
    if (precompiled?.has(data) && precompiled.has(evidence)) {
      version.compiled = this.#compile(version, precompiled);
      return version.compiled;
    }
    return this.#loadSchemaCompiler().then((validators) => {
      version.compiled ??= this.#compile(version, validators);
      return version.compiled;
    });
  }

  /**
   * The schema compiler for rules validated before (stored or bundled): loaded when first
   * needed, and their schemas are not checked against the meta-schema again.
   */
  async #loadSchemaCompiler(): Promise<SchemaValidators> {
    this.#schemaCompiler ??= import("../evaluate/schema-compiler.js").then((module) =>
      module.createSchemaCompiler({ trusted: true }),
    );
    return await this.#schemaCompiler;
  }

  /**
   * Decides an application: `approve`, `incomplete` (with everything to supply or correct) or
   * `refer` (with the reasons a person must decide, and the complete missing list too). Throws
   * `ApplicationError` listing every problem when the application cannot be decided at all
   * (malformed envelope, unknown matter, no version in force on `appliedOn`, or `appliedOn`
   * after today or more than `options.backdateDays` before it — China Standard Time, from
   * `options.now` — unless `options.replay` says an archive is being replayed), and also when
   * the input is not JSON data (a getter or proxy that throws, a value JSON cannot hold).
   * Throws `RangeError` naming the option when an option is outside its domain (see
   * `decideOptions`); `null` options are no options. Nothing else is thrown: a fault while
   * deciding refers the case (`internal-error`).
   *
   * @example
   * const decision = await rules.decide(application, { locale: "en" });
   * decision.outcome; // "approve" | "incomplete" | "refer"
   */
  async decide(raw: unknown, given?: DecideOptions | null): Promise<Decision> {
    return await decideThrough(this.#door, raw, given);
  }

  /** What decideThrough needs of this rule set (made once). */
  get #door(): FrontDoor {
    this.#frontDoor ??= {
      // The zod schema that explains an unusual envelope is loaded when one comes.
      explain: async (input) =>
        (await import("../evaluate/explain-envelope.js")).explainEnvelope(input),
      versions: this.#matters,
      inForce: (matter, date) => this.#compiledInForce(matter, date),
      calendar: this.calendar,
      sha256: this.#sha256,
    };
    return this.#frontDoor;
  }
}

/** `RuleSet.validate`, with the schema compiler given (fromSources compiles with the same one). */
async function validateWith(
  sources: readonly RuleSource[],
  options: SourceOptions,
  given?: Ajv,
): Promise<{ issues: Issue[]; rules?: ValidatedRules }> {
  // Loaded when rules are validated: not to decide on rules validated before.
  const { validateSources } = await import("../load/validate-sources.js");
  const ajv = given ?? (await import("../evaluate/schema-compiler.js")).createSchemaCompiler();
  const { issues, matters, catalogs, calendars, oneThings } = validateSources(sources, {
    ...options,
    ajv,
    sha256: options.sha256 ?? sha256Hex,
  });
  if (issues.some((i) => i.severity === "error")) return { issues };
  // Files without errors were read by the native JSON.parse (see parseJsonDocument), whose
  // strings are copies: the rule set keeps no file's text alive.
  const validated: ValidatedRules["matters"] = [];
  for (const valid of matters) {
    validated.push({
      file: valid.matter,
      sha256: await (valid.sha256 as string | Promise<string>),
    });
  }
  const validOneThings: NonNullable<ValidatedRules["oneThings"]> = [];
  for (const one of oneThings) {
    validOneThings.push({
      file: one.oneThing,
      sha256: await (one.sha256 as string | Promise<string>),
    });
  }
  return {
    issues,
    rules: {
      matters: validated,
      catalogs: [...catalogs.values()],
      calendars: [...calendars.values()],
      ...(validOneThings.length > 0 && { oneThings: validOneThings }),
    },
  };
}
