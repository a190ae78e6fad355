import { describe, expect, it } from "vitest";
import { OneThingFixtureSchema } from "../../src/model/one-thing.js";
import { observeOneThingFixture, oneThingDifferences } from "../../src/one-thing/run-fixtures.js";
import { bundledRules } from "../helpers.js";
import { oneThingFixtures, readJson } from "./support.js";

describe("一件事 golden fixtures (combined application → the combined decision the law requires)", () => {
  it.each(["individual-business-with-food-filing", "sole-proprietorship-with-food-filing"])(
    "has at least 20 cases for %s",
    (oneThing) => {
      expect(oneThingFixtures.filter((c) => c.oneThing === oneThing).length).toBeGreaterThanOrEqual(
        20,
      );
    },
  );

  it("has fixtures on both sides: approved, incomplete and referred cases for each 一件事", () => {
    for (const oneThing of new Set(oneThingFixtures.map((c) => c.oneThing))) {
      const outcomes = new Set(
        oneThingFixtures
          .filter((c) => c.oneThing === oneThing)
          .map((c) => OneThingFixtureSchema.parse(readJson(c.url)).expected.outcome),
      );
      expect([...outcomes].sort()).toEqual(
        expect.arrayContaining(["approve", "incomplete", "refer", "refused"]),
      );
    }
  });

  it.each(oneThingFixtures)("$oneThing/$file", async ({ oneThing, url }) => {
    const fixture = OneThingFixtureSchema.parse(readJson(url));
    expect(fixture.application.oneThing).toBe(oneThing);
    const observed = await observeOneThingFixture(await bundledRules(), fixture);
    expect(oneThingDifferences(fixture.expected, observed)).toEqual([]);
  });
});
