import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FixtureFileSchema } from "../src/entries/authoring.js";
import { differences } from "../src/tester/compare-fixture.js";
import { observeFixture } from "../src/tester/run-fixtures.js";
import { bundledRules } from "./helpers.js";

const FIXTURES = new URL("../fixtures/", import.meta.url);

const cases = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((dir) =>
    readdirSync(new URL(`${dir.name}/`, FIXTURES))
      .filter((file) => file.endsWith(".json"))
      .sort()
      .map((file) => ({ matter: dir.name, file, url: new URL(`${dir.name}/${file}`, FIXTURES) })),
  );

describe("golden fixtures (application → the decision the law requires)", () => {
  it("has at least 20 cases for 个体工商户设立登记", () => {
    expect(
      cases.filter((c) => c.matter === "individual-business.establishment").length,
    ).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)("$matter/$file", async ({ matter, url }) => {
    const fixture = FixtureFileSchema.parse(JSON.parse(readFileSync(url, "utf8")));
    expect(fixture.application.matter).toBe(matter);
    // Replayed on its date, or decided at its `decidedAt` (as the fixture runner does).
    const observed = await observeFixture(await bundledRules(), fixture);
    expect(differences(fixture.expected, observed)).toEqual([]);
  });
});
