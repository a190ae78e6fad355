import { describe, expect, it } from "vitest";
import { MatterFileSchema } from "../../src/entries/authoring.js";
import type { Decision } from "../../src/index.js";
import { fixtureCoverage } from "../../src/tester/coverage.js";
import { cli } from "../helpers.js";
import { pristine } from "../lint/planted.js";

const FIXTURES = "fixtures/individual-business.establishment";

describe("smart-approval test --coverage", () => {
  it("reports per matter version which standards, materials and referral codes the fixtures exercise", async () => {
    const { code, stdout } = await cli("test", FIXTURES, "--coverage");
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^coverage individual-business\.establishment 1\.0\.0: \d+\.\d% \(\d+\/\d+ goals, \d+ decisions\)$/m,
    );
    expect(stdout).toMatch(/^ {2}standards \d+\/\d+ \(pass and fail\)$/m);
    expect(stdout).toMatch(/^ {2}materials \d+\/\d+ \(supplied, missing, not required\)$/m);
    expect(stdout).toMatch(/^ {2}referral codes \d+\/\d+ \(raised\)$/m);
  });

  it("gives the coverage records in JSON beside the results", async () => {
    const { code, stdout } = await cli("test", FIXTURES, "--coverage", "--format", "json");
    expect(code).toBe(0);
    const { results, coverage } = JSON.parse(stdout);
    expect(results.length).toBeGreaterThan(20);
    const mine = coverage.find(
      (c: { matter: string }) => c.matter === "individual-business.establishment",
    );
    // Fixtures refused at their decidedAt (an appliedOn not today's) make no decision.
    const decided = results.filter(
      (r: { actual?: { outcome: string } }) => r.actual?.outcome !== "refused",
    );
    expect(decided.length).toBeLessThan(results.length);
    expect(mine.decisions).toBe(decided.length);
    const adult = mine.standards.items.find((i: { id: string }) => i.id === "GT-C02-adult");
    expect(adult.seen.pass).toBeGreaterThan(0);
    expect(adult.seen.fail).toBeGreaterThan(0);
    expect(adult.uncovered).toEqual([]);
  });

  it("fails (exit 2) under a threshold and says which version is below it", async () => {
    const { code, stderr } = await cli("test", FIXTURES, "--threshold", "100");
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^coverage of individual-business\.establishment 1\.0\.0 is \d+\.\d%, below the threshold of 100%$/m,
    );
    expect((await cli("test", FIXTURES, "--threshold", "ninety")).code).toBe(1);
  });
});

describe("fixtureCoverage", () => {
  const file = MatterFileSchema.parse(pristine());
  const decision = (
    checks: Decision["checks"],
    materials: Decision["materials"],
    referrals: string[],
  ) =>
    ({
      matter: { id: file.matter, version: file.version, sha256: "" },
      checks,
      materials,
      referrals: referrals.map((code) => ({ code, message: "", basis: [] })),
    }) as unknown as Decision;

  it("counts a standard covered once it has passed and failed, a material once supplied, missing and (if conditional) not required", () => {
    const [coverage] = fixtureCoverage(
      [file],
      [
        decision(
          [{ id: "GT-C02-adult", status: "pass", values: {} }],
          [
            { id: "GT-M01", status: "satisfied" },
            { id: "GT-M03", status: "committed" },
          ],
          [],
        ),
        decision(
          [{ id: "GT-C02-adult", status: "fail", values: {} }],
          [
            { id: "GT-M01", status: "missing" },
            { id: "GT-M03", status: "missing" },
          ],
          ["R-AGE-16-17"],
        ),
      ],
    );
    const item = (list: "standards" | "materials" | "referrals", id: string) =>
      coverage?.[list].items.find((i) => i.id === id);
    expect(item("standards", "GT-C02-adult")).toEqual({
      id: "GT-C02-adult",
      seen: { pass: 1, fail: 1 },
      uncovered: [],
    });
    expect(item("standards", "GT-C01-document-valid")?.uncovered).toEqual(["pass", "fail"]);
    expect(item("materials", "GT-M01")?.uncovered).toEqual([]);
    expect(item("materials", "GT-M03")?.uncovered).toEqual(["not-required"]);
    expect(item("referrals", "R-AGE-16-17")?.uncovered).toEqual([]);
    expect(item("referrals", "R-ID-FAIL")?.uncovered).toEqual(["raised"]);
    expect(coverage?.decisions).toBe(2);
    expect(coverage?.percent).toBeGreaterThan(0);
    expect(coverage?.percent).toBeLessThan(20);
  });
});
