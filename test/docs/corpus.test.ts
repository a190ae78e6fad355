// The sample corpus the README's commands run on (examples/corpus/, written by
// scripts/corpus.ts from the golden fixtures): one application of the file's matter per line,
// each one a fixture's application. It is not required to hold every fixture (a fixture added
// later need not be in it); `npx tsx scripts/corpus.ts --check` says whether it does.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { corpusFiles } from "../../scripts/corpus.js";
import { ROOT } from "../helpers.js";

const DIR = join(ROOT, "examples", "corpus");

describe("examples/corpus", () => {
  const names = readdirSync(DIR).filter((name) => name.endsWith(".ndjson"));
  const fromFixtures = corpusFiles();

  it("has a file for every matter with fixtures", () => {
    expect(names.sort()).toEqual([...fromFixtures.keys()].sort());
  });

  for (const name of names) {
    it(`${name}: every line is an application of its matter taken from a fixture`, () => {
      const lines = readFileSync(join(DIR, name), "utf8").trimEnd().split("\n");
      const fixtures = new Set((fromFixtures.get(name) ?? "").trimEnd().split("\n"));
      // As many lines as its fixtures give (a matter or a 一件事 has at least 20 of them).
      expect(lines.length).toBeGreaterThanOrEqual(20);
      for (const [index, line] of lines.entries()) {
        const application = JSON.parse(line);
        // A matter's application names the matter; a 一件事's combined one names the 一件事.
        expect(application.matter ?? application.oneThing, `${name}:${index + 1}`).toBe(
          name.replace(/\.ndjson$/, ""),
        );
        expect(fixtures.has(line), `${name}:${index + 1} is no fixture's application`).toBe(true);
      }
    });
  }
});
