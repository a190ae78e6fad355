import { businessName } from "./business-name.js";
import { catalogMatch } from "./catalog-match.js";
import { dateDistance } from "./date-distance.js";
import type { DerivedFunction } from "./derived-function.js";
import { identityDocument } from "./identity-document.js";

/** Every derived function a rule file may name, by name. */
export const DERIVED_FUNCTIONS: ReadonlyMap<string, DerivedFunction> = new Map(
  [identityDocument, catalogMatch, dateDistance, businessName].map((f) => [f.name, f]),
);
