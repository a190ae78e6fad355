import { z } from "zod";
import { CalendarFileSchema } from "../src/calendar/calendar-file.js";
import { ApplicationSchema } from "../src/model/application.js";
import { CatalogFileSchema } from "../src/model/catalog.js";
import { DecisionSchema } from "../src/model/decision.js";
import { FixtureFileSchema } from "../src/model/fixture.js";
import { MatterFileSchema } from "../src/model/matter.js";
import {
  CombinedApplicationSchema,
  CombinedDecisionSchema,
  OneThingFileSchema,
  OneThingFixtureSchema,
} from "../src/model/one-thing.js";

const SOURCES = {
  matter: MatterFileSchema,
  catalog: CatalogFileSchema,
  calendar: CalendarFileSchema,
  application: ApplicationSchema,
  decision: DecisionSchema,
  fixture: FixtureFileSchema,
  "one-thing": OneThingFileSchema,
  "one-thing-application": CombinedApplicationSchema,
  "one-thing-decision": CombinedDecisionSchema,
  "one-thing-fixture": OneThingFixtureSchema,
} as const;

/**
 * The JSON Schemas (draft-07, for editors) generated from the zod models, which stay the single
 * source of truth: `schemas/<name>.schema.json` is this output, and a test fails on drift.
 * Input shapes are used, so fields with defaults are optional, as authors write them.
 *
 * @example
 * jsonSchemas().matter.title; // "smart-approval matter rule file"
 */
export function jsonSchemas(): Record<keyof typeof SOURCES, Record<string, unknown>> {
  const out = {} as Record<keyof typeof SOURCES, Record<string, unknown>>;
  for (const [name, schema] of Object.entries(SOURCES) as [keyof typeof SOURCES, z.ZodType][]) {
    out[name] = z.toJSONSchema(schema, {
      target: "draft-07",
      io: name === "decision" || name === "one-thing-decision" ? "output" : "input",
    });
  }
  return out;
}
