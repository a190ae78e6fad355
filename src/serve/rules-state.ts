import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { BUNDLED_RULES_DIR } from "../entries/authoring.js";
import { loadRules, type RuleSet } from "../index.js";
import { compiledInForce } from "../rule-set/rule-set.js";

/** One loaded rule set, with what identifies it; replaced whole on reload, never changed. */
export interface ServedRules {
  readonly rules: RuleSet;
  /** SHA-256 of what was loaded: the bundle file's bytes, or every rule file (path and text). */
  readonly sha256: string;
  readonly loadedAt: Date;
}

/**
 * Loads rules for the service: validated by `loadRules` (signature checked with `trust`), then
 * every matter version compiled at once, so that a rule set that cannot serve is refused before
 * it replaces the one serving, and the first request after a swap pays no compilation.
 * Throws what `loadRules` throws (`RuleFileError` listing every issue).
 */
export async function loadServedRules(
  path: string | undefined,
  trust?: readonly string[],
): Promise<ServedRules> {
  const where = path ?? BUNDLED_RULES_DIR;
  // Hashed before loading: if the files change in between, the next reload shows it.
  const sha256 = rulesSha256(where);
  const rules = await loadRules(where, trust === undefined ? {} : { trust });
  for (const matter of rules.matters()) {
    for (const version of matter.versions) await compiledInForce(rules, matter.id, version.from);
  }
  return { rules, sha256, loadedAt: new Date() };
}

/**
 * The SHA-256 a deployment identifies its rules by: of a bundle file, its bytes (the same
 * bundle gives the same hash on every instance); of a directory, every file under it, sorted
 * by portable relative path, each as path NUL bytes NUL.
 */
export function rulesSha256(path: string): string {
  const hash = createHash("sha256");
  const root = resolve(path);
  if (!statSync(root).isDirectory()) return hash.update(readFileSync(root)).digest("hex");
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const child = join(dir, entry.name);
      return entry.isDirectory() ? files(child) : entry.isFile() ? [child] : [];
    });
  const portable = (file: string) => relative(root, file).split(sep).join("/");
  for (const file of files(root).sort((a, b) => (portable(a) < portable(b) ? -1 : 1))) {
    hash.update(portable(file)).update("\u0000").update(readFileSync(file)).update("\u0000");
  }
  return hash.digest("hex");
}

/**
 * Holds the rules being served. A request takes `current` once, at its start, and decides on
 * that object to the end: a reload swaps the reference, so a decision is wholly on the old
 * rules or wholly on the new, never a mix. Reloads run one at a time.
 */
export class RulesHolder {
  #current: ServedRules;
  #reloading: Promise<unknown> = Promise.resolve();
  readonly #load: () => Promise<ServedRules>;

  constructor(initial: ServedRules, load: () => Promise<ServedRules>) {
    this.#current = initial;
    this.#load = load;
  }

  get current(): ServedRules {
    return this.#current;
  }

  /**
   * Serves `next` from now on (rules another process had loaded and checked: with workers, the
   * primary swaps every worker only once every worker has loaded the new rules). Waits for a
   * reload in progress; resolves with the rules replaced.
   */
  replace(next: ServedRules): Promise<ServedRules> {
    const swapped = this.#reloading.then(() => {
      const previous = this.#current;
      this.#current = next;
      return previous;
    });
    this.#reloading = swapped.catch(() => undefined);
    return swapped;
  }

  /** Loads the rules again; on success they replace the old, on failure the old keep serving. */
  reload(): Promise<{ previous: ServedRules; current: ServedRules }> {
    const next = this.#reloading.then(async () => {
      const previous = this.#current;
      const loaded = await this.#load();
      this.#current = loaded;
      return { previous, current: loaded };
    });
    this.#reloading = next.catch(() => undefined);
    return next;
  }
}
