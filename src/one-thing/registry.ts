import type { LocalizedText } from "../model/common.js";
import type { OneThingFile } from "../model/one-thing.js";

/** A validated 一件事 version and the SHA-256 of its canonical JSON (the record's rulesSha256). */
export interface ValidOneThing {
  file: OneThingFile;
  sha256: string;
}

/** A 一件事 and its versions, oldest first. */
export interface OneThingSummary {
  id: string;
  title: LocalizedText;
  versions: Array<{ version: string; from: string; until?: string }>;
}

/**
 * The 一件事 loaded beside the matters: picks the version in force on a date, as the rule set
 * does for matters (effective windows do not overlap: the loader checks it).
 *
 * @example
 * const registry = new OneThingRegistry(validated);
 * registry.versionInForce("individual-business-with-food-filing", "2025-06-30")?.file.version; // "1.0.0"
 */
export class OneThingRegistry {
  readonly #byId: ReadonlyMap<string, readonly ValidOneThing[]>;

  constructor(oneThings: readonly ValidOneThing[]) {
    const byId = new Map<string, ValidOneThing[]>();
    for (const one of oneThings) {
      byId.set(one.file.oneThing, [...(byId.get(one.file.oneThing) ?? []), one]);
    }
    for (const list of byId.values()) {
      list.sort((a, b) => (a.file.effective.from < b.file.effective.from ? -1 : 1));
    }
    this.#byId = byId;
  }

  /** Whether a 一件事 of this id is loaded (in any version). */
  has(id: string): boolean {
    return this.#byId.has(id);
  }

  /**
   * The 一件事 loaded, with their versions and effective windows.
   *
   * @example
   * registry.list().map((o) => o.id); // ["individual-business-with-food-filing", …]
   */
  list(): OneThingSummary[] {
    return [...this.#byId].map(([id, versions]) => ({
      id,
      title: (versions.at(-1) as ValidOneThing).file.title,
      versions: versions.map(({ file }) => ({
        version: file.version,
        from: file.effective.from,
        ...(file.effective.until !== undefined && { until: file.effective.until }),
      })),
    }));
  }

  /** Every version of a 一件事, oldest first. */
  versions(id: string): readonly ValidOneThing[] {
    return this.#byId.get(id) ?? [];
  }

  /**
   * The version of a 一件事 in force on a date, or undefined.
   *
   * @example
   * registry.versionInForce("individual-business-with-food-filing", "2020-01-01"); // undefined
   */
  versionInForce(id: string, date: string): ValidOneThing | undefined {
    return this.#byId
      .get(id)
      ?.find(
        ({ file }) => file.effective.from <= date && (file.effective.until ?? "9999-12-31") >= date,
      );
  }
}
