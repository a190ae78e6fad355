import type { CalendarFile } from "../calendar/calendar-file.js";
import type { CatalogFile } from "../model/catalog.js";
import type { MatterFile } from "../model/matter.js";
import type { OneThingFile } from "../model/one-thing.js";

/**
 * Rules that passed validation, ready to compile: what `RuleSet.validate` gives and
 * `RuleSet.fromValidated` takes (plain JSON, so it can be stored — see loadRules).
 */
export interface ValidatedRules {
  matters: Array<{ file: MatterFile; sha256: string }>;
  catalogs: CatalogFile[];
  calendars: CalendarFile[];
  /** 一件事 files (src/one-thing), validated against the matters above. */
  oneThings?: Array<{ file: OneThingFile; sha256: string }>;
}
