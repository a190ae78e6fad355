import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../helpers.js";

const scratch = mkdtempSync(join(tmpdir(), "sa-io-"));
const MISSING = join(scratch, "missing");

/** Exit 1 and exactly one line on stderr, naming the file, without errno codes or "unexpected". */
function expectOneClearLine(out: { code: number; stdout: string; stderr: string }, line: string) {
  expect(out.code).toBe(1);
  expect(out.stderr).toBe(`smart-approval: ${line}\n`);
  expect(out.stderr).not.toMatch(/unexpected|ENOENT|EISDIR|ENOTDIR|EACCES|scandir|open '/);
}

describe("a file the command cannot read or write is one clear line (exit 1)", () => {
  it("--rules naming nothing, for every command that takes it", async () => {
    const line = `cannot read --rules ${MISSING}: no such file or directory`;
    const app = "examples/1-approve-convenience-store.json";
    expectOneClearLine(await cli("evaluate", app, "--replay", "--rules", MISSING), line);
    expectOneClearLine(await cli("test", "--rules", MISSING), line);
    expectOneClearLine(await cli("guide", "getihu-registration", "--rules", MISSING), line);
    expectOneClearLine(await cli("batch", app, "--workers", "0", "--rules", MISSING), line);
    expectOneClearLine(await cli("serve", "--rules", MISSING), line);
  });

  it("bundle of a directory that does not exist, or of a file", async () => {
    const out = join(scratch, "b.json");
    expectOneClearLine(
      await cli("bundle", MISSING, "--out", out),
      `cannot read ${MISSING}: no such file or directory`,
    );
    const file = join(scratch, "file.json");
    writeFileSync(file, "{}");
    expectOneClearLine(
      await cli("bundle", file, "--out", out),
      `cannot read ${file}: not a directory`,
    );
  });

  it("bundle --out a directory, or a path that cannot be written", async () => {
    expectOneClearLine(
      await cli("bundle", "--out", scratch),
      `cannot write --out ${scratch}: is a directory`,
    );
    const notDir = join(scratch, "plain");
    writeFileSync(notDir, "");
    expectOneClearLine(
      await cli("bundle", "--out", join(notDir, "b.json")),
      `cannot write --out ${join(notDir, "b.json")}: a part of the path is not a directory`,
    );
    expectOneClearLine(
      await cli("bundle", "--out", join(MISSING, "b.json")),
      `cannot write --out ${join(MISSING, "b.json")}: no such file or directory`,
    );
  }, 30_000);

  it("input files of deadlines, test and diff", async () => {
    const line = `cannot read ${MISSING}: no such file or directory`;
    expectOneClearLine(await cli("deadlines", MISSING), line);
    expectOneClearLine(await cli("test", MISSING), line);
    expectOneClearLine(await cli("diff", MISSING, MISSING), line);
  });
});
