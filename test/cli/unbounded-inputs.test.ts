import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, ROOT } from "../helpers.js";

// Inputs without end are read only up to a bound, with one clear message and exit 1 — never a
// process that grows without limit (evaluate /dev/zero is in read-text.test.ts).
describe("inputs without end", () => {
  it("validate /dev/zero stops at the bound and is an I/O error", async () => {
    const { code, stdout } = await cli("validate", "/dev/zero");
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /\/dev\/zero:0:0: error: cannot read: not a regular file, and longer than 16,000,000 bytes/,
    );
  });

  it("batch - on a line without end stops at the bound (built CLI)", () => {
    const result = spawnSync("node", [join(ROOT, "dist/bin/smart-approval.js"), "batch", "-"], {
      input: "a".repeat(5_000_000),
      encoding: "utf8",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("line 1 is longer than 4,194,304 characters");
  });
});
