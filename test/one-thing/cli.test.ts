import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CombinedDecisionSchema } from "../../src/model/one-thing.js";
import { cli } from "../helpers.js";
import { FIXTURES, readJson } from "./support.js";

const dir = mkdtempSync(join(tmpdir(), "one-thing-cli-"));
function application(file: string): string {
  const path = join(dir, file);
  const fixture = readJson(new URL(`individual-business-with-food-filing/${file}`, FIXTURES));
  writeFileSync(path, JSON.stringify(fixture.application));
  return path;
}

describe("the CLI with combined applications", () => {
  it("evaluate prints one notice for a combined application, each item once", async () => {
    const { code, stdout } = await cli(
      "evaluate",
      "--replay",
      application("no-materials-incomplete.json"),
    );
    expect(code).toBe(0);
    expect(stdout).toContain("一次告知、一表申请、一套材料");
    expect(stdout.match(/\[OT-M01\]/g)).toHaveLength(1);
    expect(stdout).toContain("registration、food-filing");
  });

  it("evaluate --format json gives the combined decision, and --fail-on refer gates on it", async () => {
    const file = application("address-filed-by-other-refer.json");
    const json = await cli("evaluate", "--replay", "--format", "json", file);
    const decision = CombinedDecisionSchema.parse(JSON.parse(json.stdout));
    expect(decision.outcome).toBe("refer");
    expect((await cli("evaluate", "--replay", "--fail-on", "refer", file)).code).toBe(2);
  });

  it("test runs the 一件事 fixtures beside the matters' fixtures", async () => {
    const { code, stdout } = await cli("test", "fixtures/one-things");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^5\d passed, 0 failed$/m);
  });

  it("one-thing-status gives the joint status of a recorded combined decision", async () => {
    const json = await cli(
      "evaluate",
      "--replay",
      "--format",
      "json",
      application("baseline-approve.json"),
    );
    const decision = join(dir, "decision.json");
    writeFileSync(decision, json.stdout);
    const { code, stdout } = await cli("one-thing-status", decision, "--date", "2025-07-01");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^complete/);
  });

  it("guide prints the combined guide of a 一件事", async () => {
    const { code, stdout } = await cli("guide", "individual-business-with-food-filing");
    expect(code).toBe(0);
    expect(stdout).toContain("一表申请");
    expect(stdout).toContain("一套材料");
    expect(stdout.match(/`OT-M01`/g)).toHaveLength(1);
    // Fees as the matter guides state them (all four matters are free of charge).
    expect(stdout).toContain("不收费");
    expect(stdout).not.toContain("0 CNY");
  });

  it("guide in English writes English punctuation and fees", async () => {
    const { code, stdout } = await cli(
      "guide",
      "individual-business-with-food-filing",
      "--locale",
      "en",
    );
    expect(code).toBe(0);
    // The fee and time-limit lines are the guide's own words: English colons and brackets
    // (field titles and article labels such as （一） are the rule files' data, left as written).
    const fees = stdout.split("\n").filter((line) => line.includes("free of charge"));
    expect(fees.length).toBeGreaterThan(0);
    for (const line of fees) expect(line).toMatch(/^- .+: free of charge \(.+\)$/);
    expect(stdout).not.toMatch(/[：（](free of charge|on the spot)/);
  });

  it("validate checks a 一件事 file on its own against the matters beside it", async () => {
    const { code, stdout } = await cli(
      "validate",
      "rules/one-things/sole-proprietorship-with-food-filing/1.0.0.json",
      "examples/one-thing/department-deemed-consent.json",
    );
    expect(stdout).toContain("0 errors");
    expect(code).toBe(0);
  });

  it("diff says what changed between two versions of a 一件事, in its terms", async () => {
    const file = "rules/one-things/individual-business-with-food-filing/1.0.0.json";
    const next = readJson(new URL(`../../${file}`, import.meta.url)) as {
      version: string;
      mapping: { data: Array<{ form?: string }> };
    };
    next.version = "1.1.0";
    next.mapping.data = next.mapping.data.filter((e) => e.form !== "funds");
    const path = join(dir, "1.1.0.json");
    writeFileSync(path, JSON.stringify(next));
    const { code, stdout } = await cli("diff", file, path);
    expect(code).toBe(0);
    expect(stdout).toBe("~ version version: 1.0.0 → 1.1.0\n- mapping data:funds\n");
    // A matter's flags are refused for 一件事 files, not silently ignored (a CI gate with
    // --exit-code would otherwise always pass).
    const gated = await cli("diff", file, path, "--corpus", "examples/corpus", "--exit-code");
    expect(gated.code).toBe(1); // a usage error
    expect(gated.stderr).toContain("--corpus, --exit-code");
  });
});
