import { DERIVED_FUNCTIONS } from "../evaluate/derived/registry.js";
import { linearPatternError } from "../evaluate/linear-pattern.js";
import type { ValidatorFactories } from "../evaluate/precompiled-validators.js";
import { validatorFactoriesCode } from "../evaluate/validator-code.js";
import { toPointer } from "../json/json-pointer.js";
import { RuleFileError } from "../load/rule-file-error.js";
import { encodeRulesBundle } from "../load/rules-bundle.js";
import type { RuleSource } from "../load/validate-sources.js";
import type { ValidatedRules } from "../load/validated-rules.js";
import type { CatalogFile } from "../model/catalog.js";
import type { Issue } from "../model/issue.js";
import type { MatterFile } from "../model/matter.js";
import { RuleSet } from "../rule-set/rule-set.js";
import { sha256Sync } from "../validators/sha256.js";
import { VERSION } from "../version.js";
import { BROWSER_RULES } from "./browser-rules.js";
import { packCharacterSets } from "./character-sets.js";
import { nativePatternError } from "./native-pattern.js";
import { catalogWithoutNotes, matterWithoutNotes } from "./without-notes.js";

// The browser rules module: what a page needs to decide with the library's rules, built in
// Node where everything can be checked, so that the browser runs no rule-file validation and
// generates no code (a Content-Security-Policy without 'unsafe-eval' forbids `new Function`,
// which is how ajv compiles):
// - the rules, validated by the library as `RuleSet.fromSources` validates them, as a rules
//   bundle (rules-bundle.ts): validated rules and the SHA-256 of their text, which the browser
//   recomputes (@noble/hashes) before using them;
// - each matter version's input schemas compiled by ajv, as loadRules compiles them (the same
//   options, so the same errors for the notices), and written out as code (ajv's standalone
//   code), keyed by the SHA-256 of the schema's canonical JSON: the browser uses a validator
//   only for the schema it was generated from.

/** What the browser rules module's default export is (see BrowserRules.fromModule). */
export interface BrowserRulesModule {
  format: typeof BROWSER_RULES;
  /**
   * A rules bundle (`smart-approval bundle`'s format), its two lines as JSON values rather than
   * one string (a string would escape every quote: a kilobyte more gzipped). The browser writes
   * them back as text with JSON.stringify — which gives back the text they were read from — and
   * checks the digest of that text.
   */
  bundle: { header: unknown; body: unknown };
  /** Input-schema validators by the SHA-256 of the schema's canonical JSON. */
  validators: ValidatorFactories;
}

export interface RulesModuleOptions {
  /**
   * Only these matters (ids); all by default. The catalogs they read and the calendar come
   * with them.
   */
  matters?: readonly string[];
  /**
   * `module` (the default): an ES module whose default export is the rules. A name: a classic
   * script setting `globalThis[name]` to them (a page opened from disk cannot load modules).
   */
  as?: "module" | { global: string };
}

/**
 * The browser rules module for rule sources (matters, catalogs, calendar): validates them as
 * `RuleSet.fromSources` does (throws `RuleFileError` with every issue on an error) and checks
 * that every pattern of the chosen matters can run in the browser exactly as in the library
 * (native-pattern.ts; a `browser-pattern` issue otherwise). Gives the module's text and the
 * SHA-256 of its rules.
 *
 * @example
 * const { code } = await browserRulesModule(sources, { matters: ["individual-business.establishment"] });
 */
export async function browserRulesModule(
  sources: readonly RuleSource[],
  options: RulesModuleOptions = {},
): Promise<{ code: string; sha256: string }> {
  const { issues, rules } = await RuleSet.validate(sources, { sha256: sha256Sync });
  if (rules === undefined) throw new RuleFileError(issues);
  const wanted = options.matters && new Set(options.matters);
  const chosen: ValidatedRules = {
    ...rules,
    matters: rules.matters.filter(({ file }) => wanted === undefined || wanted.has(file.matter)),
  };
  for (const id of wanted ?? []) {
    if (!chosen.matters.some(({ file }) => file.matter === id)) {
      throw new RuleFileError([browserIssue("unknown-matter", `no matter ${id} in the rules`)]);
    }
  }
  // What the page downloads: without the notes for rule authors (without-notes.ts), and the
  // sets of characters packed (character-sets.ts).
  const shipped: ValidatedRules = {
    matters: chosen.matters.map(({ file, sha256 }) => ({ file: matterWithoutNotes(file), sha256 })),
    catalogs: catalogsNeeded(chosen).map((c) => packCharacterSets(catalogWithoutNotes(c))),
    calendars: chosen.calendars,
  };
  const patternIssues = chosen.matters.flatMap(({ file }) =>
    patternsOf(file).flatMap(({ pattern, pointer }) => {
      const why = linearPatternError(pattern) ?? nativePatternError(pattern);
      return why === undefined
        ? []
        : [
            browserIssue(
              "browser-pattern",
              `${pattern}: ${why}`,
              `${file.matter}@${file.version}`,
              pointer,
            ),
          ];
    }),
  );
  if (patternIssues.length > 0) throw new RuleFileError(patternIssues);

  const validators = validatorFactoriesCode(
    chosen.matters.flatMap(({ file }) => [file.input.data, file.input.evidence]),
  );
  const bundle = encodeRulesBundle(shipped, sha256Sync);
  const bundleLines = bundle.split("\n");
  const header = JSON.parse(bundleLines[0] as string) as { sha256: string };
  const value = [
    "{",
    `format: ${JSON.stringify(BROWSER_RULES)},`,
    `bundle: {\nheader: ${bundleLines[0]},\nbody: ${bundleLines[1]}\n},`,
    `validators: ${validators},`,
    "}",
  ].join("\n");
  const as = options.as ?? "module";
  const names = chosen.matters.map(({ file }) => `${file.matter} ${file.version}`).join(", ");
  const banner = `// smart-approval ${VERSION} browser rules (${names}); rules SHA-256 ${header.sha256}. Generated: do not edit (the page refuses edited rules).\n`;
  const code =
    as === "module"
      ? `${banner}export default ${value};\n`
      : `${banner}globalThis[${JSON.stringify(as.global)}] = ${value};\n`;
  return { code, sha256: header.sha256 };
}

/**
 * The catalogs the chosen matters need, in their order: the laws (citations), those a derived
 * fact's function needs — found by asking the function, as the validator does, which catalogs
 * it would miss — and, in turn, those their `references` name (a bundle's catalogs must
 * resolve). A page downloads no catalog its matter does not read, and of the laws only those
 * its matters cite.
 */
function catalogsNeeded(rules: ValidatedRules): CatalogFile[] {
  const all = new Set(rules.catalogs.map((c) => c.catalog));
  const needed = new Set(["laws"]);
  for (const { file } of rules.matters) {
    for (const derived of Object.values(file.derived)) {
      const check = DERIVED_FUNCTIONS.get(derived.function)?.checkOptions;
      if (check === undefined) continue;
      const options = derived.options ?? {};
      const baseline = check(options, all).length;
      for (const name of all) {
        const without = new Set(all);
        without.delete(name);
        if (check(options, without).length > baseline) needed.add(name);
      }
    }
  }
  const byName = new Map(rules.catalogs.map((c) => [c.catalog, c]));
  for (const name of needed) {
    for (const referenced of Object.values(byName.get(name)?.references ?? {})) {
      needed.add(referenced); // a Set visits what is added while it is iterated
    }
  }
  // Of the laws, those the matters cite: every `ref` of a citation in a basis list.
  const cited = new Set<string>();
  const walk = (value: unknown, key: string): void => {
    if (Array.isArray(value)) {
      for (const item of value) {
        if (/basis$/i.test(key) && typeof (item as { ref?: unknown })?.ref === "string") {
          cited.add((item as { ref: string }).ref);
        }
        walk(item, "");
      }
    } else if (typeof value === "object" && value !== null) {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    }
  };
  for (const { file } of rules.matters) walk(file, "");
  return rules.catalogs
    .filter((c) => needed.has(c.catalog))
    .map((c) =>
      c.catalog === "laws" ? { ...c, entries: c.entries.filter((e) => cited.has(e.id)) } : c,
    );
}

/**
 * Every regular expression a matter file holds, with where: its input schemas' `pattern` and
 * `patternProperties`, and its conditions' `matches` operands.
 */
function patternsOf(file: MatterFile): Array<{ pattern: string; pointer: string }> {
  const found: Array<{ pattern: string; pointer: string }> = [];
  const walk = (value: unknown, path: string[], schema: boolean): void => {
    if (value === null || typeof value !== "object") return;
    const object = value as Record<string, unknown>;
    if (schema && typeof object.pattern === "string") {
      found.push({ pattern: object.pattern, pointer: toPointer([...path, "pattern"]) });
    }
    const properties = object.patternProperties;
    if (schema && properties !== null && typeof properties === "object") {
      for (const key of Object.keys(properties)) {
        found.push({ pattern: key, pointer: toPointer([...path, "patternProperties", key]) });
      }
    }
    if (!schema && object.operator === "matches" && typeof object.value === "string") {
      found.push({ pattern: object.value, pointer: toPointer([...path, "value"]) });
    }
    for (const [key, item] of Object.entries(object)) walk(item, [...path, key], schema);
  };
  walk(file.input, ["input"], true);
  const { input: _, ...rest } = file;
  walk(rest, [], false);
  return found;
}

function browserIssue(code: string, message: string, file = "", pointer = ""): Issue {
  return { code, severity: "error", message, file, pointer, line: 1, column: 1 };
}
