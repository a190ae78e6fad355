// Writes schemas/<name>.schema.json from the zod models (npm run schemas).
import { writeFileSync } from "node:fs";
import { jsonSchemas } from "./json-schemas.js";

for (const [name, schema] of Object.entries(jsonSchemas())) {
  writeFileSync(
    new URL(`../schemas/${name}.schema.json`, import.meta.url),
    `${JSON.stringify(schema, null, 2)}\n`,
  );
  console.log(`schemas/${name}.schema.json`);
}
