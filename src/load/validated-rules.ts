import type { CalendarFile } from "../calendar/calendar-file.js";
import type { CatalogFile } from "../model/catalog.js";
import type { MatterFile } from "../model/matter.js";

/**
 * Rules that passed validation, ready to compile: what `RuleSet.validate` gives and
 * `RuleSet.fromValidated` takes (plain JSON, so it can be stored — see loadRules).
 */
export interface ValidatedRules {
  matters: Array<{ file: MatterFile; sha256: string }>;
  catalogs: CatalogFile[];
  calendars: CalendarFile[];
}
