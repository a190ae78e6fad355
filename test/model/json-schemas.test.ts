import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import { jsonSchemas } from "../../scripts/json-schemas.js";

const schemas = jsonSchemas();
const checkedIn = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../schemas/${name}.schema.json`, import.meta.url), "utf8"));

describe("the checked-in JSON Schemas", () => {
  it.each(Object.keys(schemas))(
    "%s.schema.json equals what the zod model generates (run npm run schemas)",
    (name) => {
      expect(checkedIn(name)).toEqual(schemas[name as keyof typeof schemas]);
    },
  );

  it("accepts the bundled rule file and sample applications, as an editor would", () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormatsModule.default(ajv);
    const matter = ajv.compile(checkedIn("matter"));
    const rule = JSON.parse(
      readFileSync(
        new URL(
          "../../rules/matters/individual-business.establishment/1.0.0.json",
          import.meta.url,
        ),
        "utf8",
      ),
    );
    expect(matter(rule), JSON.stringify(matter.errors)).toBe(true);
    const application = ajv.compile(checkedIn("application"));
    const sample = JSON.parse(
      readFileSync(
        new URL("../../examples/1-approve-convenience-store.json", import.meta.url),
        "utf8",
      ),
    );
    expect(application(sample), JSON.stringify(application.errors)).toBe(true);
    expect(application({ ...sample, appliedOn: "30/06/2025" })).toBe(false);
  });
});
