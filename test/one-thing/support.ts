import { readdirSync, readFileSync } from "node:fs";
import { nodeSha256, readSources, ruleFiles } from "../../src/node/rule-files.js";
import { RuleSet } from "../../src/rule-set/rule-set.js";

export const ROOT = new URL("../../", import.meta.url);
export const FIXTURES = new URL("fixtures/one-things/", ROOT);

/** Every 一件事 fixture: its 一件事 (the folder) and its file. */
export const oneThingFixtures = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((dir) =>
    readdirSync(new URL(`${dir.name}/`, FIXTURES))
      .filter((file) => file.endsWith(".json"))
      .sort()
      .map((file) => ({ oneThing: dir.name, file, url: new URL(`${dir.name}/${file}`, FIXTURES) })),
  );

export function readJson(url: URL): Record<string, unknown> {
  return JSON.parse(readFileSync(url, "utf8"));
}

export const EXAMPLE = new URL("examples/one-thing/department-deemed-consent.json", ROOT);
export const EXAMPLE_APPLICATION = new URL(
  "examples/one-thing/department-deemed-consent-application.json",
  ROOT,
);

let withExample: Promise<RuleSet> | undefined;

/** The bundled rules with the illustrative 一件事 of examples/one-thing/ added. */
export function rulesWithExample(): Promise<RuleSet> {
  withExample ??= RuleSet.fromSources(
    [
      ...readSources(ruleFiles(new URL("rules", ROOT).pathname)),
      {
        file: "examples/one-thing/department-deemed-consent.json",
        text: readFileSync(EXAMPLE, "utf8"),
      },
    ],
    { sha256: nodeSha256 },
  );
  return withExample;
}
