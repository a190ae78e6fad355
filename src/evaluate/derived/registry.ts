import { businessName } from "./business-name.js";
import { catalogMatch } from "./catalog-match.js";
import { creditCode } from "./credit-code.js";
import { dateDistance } from "./date-distance.js";
import type { DerivedFunction } from "./derived-function.js";
import { identityDocument } from "./identity-document.js";
import { identityDocumentList } from "./identity-document-list.js";
import { identityNumber } from "./identity-number.js";
import { nameScopeFit } from "./name-scope-fit.js";

/** Every derived function a rule file may name, by name. */
export const DERIVED_FUNCTIONS: ReadonlyMap<string, DerivedFunction> = new Map(
  [
    identityDocument,
    identityDocumentList,
    catalogMatch,
    dateDistance,
    businessName,
    creditCode,
    nameScopeFit,
    identityNumber,
  ].map((f) => [f.name, f]),
);
