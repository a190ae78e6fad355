import { compileCalendar, type WorkingCalendar } from "../calendar/working-calendar.js";
import {
  type CompiledMatter,
  compileMatter,
  type SchemaValidators,
} from "../evaluate/compile-matter.js";
import type { DecideOptions } from "../evaluate/decide.js";
import { decideThrough } from "../evaluate/front-door.js";
import { precompiledValidators } from "../evaluate/precompiled-validators.js";
import { buildGuide, type Guide } from "../guide/guide.js";
import { RuleFileError } from "../load/rule-file-error.js";
import { openRulesBundle } from "../load/rules-bundle.js";
import type { ValidatedRules } from "../load/validated-rules.js";
import type { CatalogFile } from "../model/catalog.js";
import type { Locale, LocalizedText } from "../model/common.js";
import type { Decision } from "../model/decision.js";
import type { MatterFile } from "../model/matter.js";
import type { MatterSummary } from "../rule-set/rule-set.js";
import { sha256Sync } from "../validators/sha256.js";
import { unpackCharacterSets } from "./character-sets.js";
import type { BrowserRulesModule } from "./rules-module.js";

/** What a browser rules module names itself; another format is refused. */
export const BROWSER_RULES = "smart-approval/browser-rules@1";

/** A matter version as a page sees it: the rule file, its hash and the laws it cites. */
export interface BrowserMatterVersion {
  readonly file: MatterFile;
  /** The rule file's SHA-256 as decisions record it (of its RFC 8785 canonical JSON). */
  readonly sha256: string;
  /** Law titles by id, for citations. */
  readonly laws: ReadonlyMap<string, LocalizedText>;
}

export interface BrowserRulesOptions {
  /**
   * The SHA-256 the rules must have (the browser rules module's, printed when it is built):
   * a page that pins it refuses any other rules, even a module rebuilt consistently.
   */
  sha256?: string;
}

/**
 * Rules for a browser: built from a browser rules module (rules-module.ts, made by the
 * library in Node), deciding as `RuleSet` decides — the same evaluator, notices and record —
 * with no `node:` module, no code generated at run time (a Content-Security-Policy without
 * 'unsafe-eval' is enough) and no Web Crypto (every hash is @noble/hashes'; a plain-HTTP
 * intranet page has no `crypto.subtle`).
 *
 * Trust: the browser does not validate rule files again. The module's rules were validated
 * by the library when it was built, and the browser recomputes their SHA-256 and refuses rules
 * that are not those (edited or cut short by hand); each validator is used only for the schema
 * whose hash it is filed under. Whoever can change the page's files can change its script as
 * well, so no check in the page defends against them: the page only pre-checks, and the
 * receiving system decides again with its own rules (the decision records which).
 */
export class BrowserRules {
  readonly #matters: ReadonlyMap<string, readonly CompiledMatter[]>;
  readonly catalogs: ReadonlyMap<string, CatalogFile>;
  /** The working-day calendar time limits are counted on, if the rules have one. */
  readonly calendar: WorkingCalendar | undefined;
  /** The SHA-256 of the rules (the bundle's body), as checked. */
  readonly sha256: string;

  private constructor(rules: ValidatedRules, sha256: string, validators: SchemaValidators) {
    const catalogs = new Map(rules.catalogs.map((c) => [c.catalog, c]));
    const laws = new Map(catalogs.get("laws")?.entries.map((e) => [e.id, e.title]) ?? []);
    const entries = new Map([...catalogs].map(([name, catalog]) => [name, catalog.entries]));
    const versions = new Map<string, CompiledMatter[]>();
    for (const { file, sha256: fileSha256 } of rules.matters) {
      const compiled = compileMatter(file, {
        sha256: fileSha256,
        laws,
        catalogs: entries,
        validators,
      });
      versions.set(file.matter, [...(versions.get(file.matter) ?? []), compiled]);
    }
    for (const list of versions.values()) {
      list.sort((a, b) => (a.file.effective.from < b.file.effective.from ? -1 : 1));
    }
    this.#matters = versions;
    this.catalogs = catalogs;
    const ownCalendar = rules.calendars[0];
    // The calendar was validated with the rules when the module was built (no zod here).
    this.calendar = ownCalendar && compileCalendar(ownCalendar);
    this.sha256 = sha256;
  }

  /**
   * Rules from a browser rules module (its default export, or the global a classic script
   * sets). Throws `RuleFileError` when the module is not one, was built by another version
   * of the library, or its rules are not those it was built with (or not `options.sha256`),
   * and `Error` when a validator is missing for a schema.
   *
   * @example
   * import rules from "./rules.js";
   * const browserRules = BrowserRules.fromModule(rules);
   */
  static fromModule(module: BrowserRulesModule, options: BrowserRulesOptions = {}): BrowserRules {
    if (module?.format !== BROWSER_RULES || typeof module.bundle !== "object") {
      throw new RuleFileError([
        moduleIssue(
          "not-browser-rules",
          `not a ${BROWSER_RULES} module: build it with this library`,
        ),
      ]);
    }
    // The digest is checked, the rules are not validated again: see the class comment.
    const text = `${JSON.stringify(module.bundle?.header)}\n${JSON.stringify(module.bundle?.body)}\n`;
    const { rules, issues } = openRulesBundle(text, "browser rules", sha256Sync);
    if (rules === undefined) throw new RuleFileError(issues);
    const header = module.bundle.header as { sha256: string };
    if (options.sha256 !== undefined && options.sha256 !== header.sha256) {
      throw new RuleFileError([
        moduleIssue(
          "bundle-digest",
          `the rules are not those the page expects (SHA-256 ${header.sha256}, expected ${options.sha256})`,
        ),
      ]);
    }
    const validators = precompiledValidators(module.validators ?? {});
    // The sets of characters shipped packed are texts again before anything reads them.
    const catalogs = rules.catalogs.map(unpackCharacterSets);
    return new BrowserRules({ ...rules, catalogs }, header.sha256, validators);
  }

  /** The matters loaded, with their versions and effective windows (as `RuleSet.matters`). */
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

  /** The version of a matter in force on a date, or undefined. */
  versionInForce(matter: string, date: string): BrowserMatterVersion | undefined {
    return this.#inForce(matter, date);
  }

  /**
   * The public guide (办事指南) of the version in force on a date, as `buildGuide` makes it;
   * format it with `formatGuideHtml` or `formatGuideMarkdown`.
   */
  guide(matter: string, date: string, locale: Locale): Guide | undefined {
    const version = this.#inForce(matter, date);
    return (
      version && buildGuide(version.file, { sha256: version.sha256, laws: version.laws, locale })
    );
  }

  #inForce(matter: string, date: string): CompiledMatter | undefined {
    return this.#matters
      .get(matter)
      ?.find(
        ({ file }) => file.effective.from <= date && (file.effective.until ?? "9999-12-31") >= date,
      );
  }

  /**
   * Decides an application exactly as `RuleSet.decide` does (the same outcomes, notices,
   * record and errors), except that an envelope the fast reader does not take is refused with
   * one `invalid-envelope` problem rather than the schema's explanation of every field (the
   * schema library is not loaded in a browser).
   *
   * @example
   * const decision = await browserRules.decide(application, { locale: "en" });
   */
  async decide(raw: unknown, given?: DecideOptions | null): Promise<Decision> {
    // RuleSet.decide's front door (evaluate/front-door.ts); test/browser/browser-bundle.test.ts
    // holds the two to byte-identical results.
    return await decideThrough(
      {
        // No zod in a browser: an envelope the fast read does not take is explained in one line.
        explain: () => [
          {
            code: "invalid-envelope",
            message:
              "not an application envelope: matter, appliedOn (YYYY-MM-DD) and data are required; evidence and materials are optional; no other key is allowed",
            pointer: "",
          },
        ],
        versions: this.#matters,
        inForce: (matter, date) => this.#inForce(matter, date),
        calendar: this.calendar,
        // @noble/hashes: synchronous, and present where Web Crypto is not (plain-HTTP origins).
        sha256: sha256Sync,
      },
      raw,
      given,
    );
  }
}

function moduleIssue(code: string, message: string) {
  return {
    code,
    severity: "error" as const,
    message,
    file: "browser rules",
    pointer: "",
    line: 1,
    column: 1,
  };
}
