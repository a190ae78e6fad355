import { join } from "node:path";
import { createSchemaCompiler } from "../evaluate/schema-compiler.js";
import { type RuleSource, validateSources } from "../load/validate-sources.js";
import type { CatalogFile } from "../model/catalog.js";
import { BUNDLED_RULES_DIR, readSources, walk } from "./rule-files.js";

// The catalogs a matter file outside the bundled rules is checked against when its own rules
// directory has none (loadRules, validateRules, buildRulesBundle).

let bundled: Map<string, CatalogFile> | undefined;

/** The bundled catalogs, read and validated once. */
export function bundledCatalogs(): Map<string, CatalogFile> {
  bundled ??= catalogsIn(readSources(walk(join(BUNDLED_RULES_DIR, "catalogs"))));
  return bundled;
}

export function catalogsIn(sources: RuleSource[]): Map<string, CatalogFile> {
  return validateSources(sources, { ajv: createSchemaCompiler() }).catalogs;
}
