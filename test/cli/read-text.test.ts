import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readTextFile } from "../../src/cli/read-text.js";
import { firstInvalidUtf8 } from "../../src/json/utf8.js";
import { cli, ROOT } from "../helpers.js";

const scratch = () => mkdtempSync(join(tmpdir(), "sa-read-"));

describe("reading a file named on the command line", () => {
  it("stops at the bound on a file without end, with one message (evaluate /dev/zero)", async () => {
    const { code, stderr } = await cli("evaluate", "/dev/zero");
    expect(code).toBe(1);
    expect(stderr).toMatch(/^smart-approval: cannot read \/dev\/zero: larger than 4,194,304 bytes/);
  });

  it("refuses a file over the bound however it is written", () => {
    const dir = scratch();
    writeFileSync(join(dir, "big.json"), `"${"a".repeat(100)}"`);
    expect(() => readTextFile("big.json", dir, 50)).toThrow(/larger than 50 bytes/);
    expect(readTextFile("big.json", dir, 102)).toBe(`"${"a".repeat(100)}"`);
  });

  it("refuses an application that is not UTF-8 (a GBK-encoded name) instead of deciding on U+FFFD", async () => {
    const dir = scratch();
    const text = readFileSync(join(ROOT, "examples/1-approve-convenience-store.json"), "utf8");
    const at = text.indexOf("李");
    expect(at).toBeGreaterThan(0);
    // 李 in GBK is C0 EE: not a valid UTF-8 sequence (C0 is never a UTF-8 lead byte).
    const bytes = Buffer.concat([
      Buffer.from(text.slice(0, at), "utf8"),
      Buffer.from([0xc0, 0xee]),
      Buffer.from(text.slice(at + 1), "utf8"),
    ]);
    const file = join(dir, "gbk.json");
    writeFileSync(file, bytes);
    const { code, stdout, stderr } = await cli("evaluate", file);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain(
      `not UTF-8 text (first invalid byte at offset ${Buffer.byteLength(text.slice(0, at))})`,
    );
  });

  it("reads a UTF-8 file with a byte order mark as without one", async () => {
    const dir = scratch();
    const text = readFileSync(join(ROOT, "examples/1-approve-convenience-store.json"), "utf8");
    const file = join(dir, "bom.json");
    writeFileSync(file, `\uFEFF${text}`);
    const withBom = await cli("evaluate", file, "--format", "json", "--replay");
    const without = await cli(
      "evaluate",
      "examples/1-approve-convenience-store.json",
      "--replay",
      "--format",
      "json",
      "--replay",
    );
    expect(withBom.code).toBe(0);
    const strip = (s: string) => JSON.parse(s) as { record: { decidedAt?: string } };
    const a = strip(withBom.stdout);
    const b = strip(without.stdout);
    a.record.decidedAt = b.record.decidedAt = "";
    expect(a).toEqual(b);
  });

  it("evaluate - reads standard input (built CLI)", () => {
    const result = spawnSync(
      "node",
      [join(ROOT, "dist/bin/smart-approval.js"), "evaluate", "-", "--format", "json", "--replay"],
      {
        input: readFileSync(join(ROOT, "examples/1-approve-convenience-store.json")),
        encoding: "utf8",
      },
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).outcome).toBe("approve");
  });

  it("ends quietly when the reader closes the pipe early (built CLI, `batch … | head -c 1`)", () => {
    const dir = scratch();
    const line = JSON.stringify(
      JSON.parse(readFileSync(join(ROOT, "examples/1-approve-convenience-store.json"), "utf8")),
    );
    // 300 decisions are far more than a pipe's buffer holds, so the writer meets the closed pipe.
    writeFileSync(join(dir, "many.ndjson"), `${line}\n`.repeat(300));
    const result = spawnSync(
      "bash",
      [
        "-c",
        `node ${join(ROOT, "dist/bin/smart-approval.js")} batch many.ndjson | head -c 1; echo " exit=\${PIPESTATUS[0]}"`,
      ],
      { cwd: dir, encoding: "utf8" },
    );
    expect(result.stdout).toBe("{ exit=0\n");
    expect(result.stderr).toBe("");
  });

  it("locates the first invalid UTF-8 byte exactly where the standard decoder stops", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const at = firstInvalidUtf8(bytes);
        const fatal = new TextDecoder("utf-8", { fatal: true });
        const ok = (end: number) => {
          try {
            fatal.decode(bytes.subarray(0, end));
            return true;
          } catch {
            return false;
          }
        };
        // Everything before the offset is UTF-8; the whole is UTF-8 exactly when no offset is found.
        expect(ok(at)).toBe(true);
        expect(ok(bytes.length)).toBe(at === bytes.length);
      }),
      { numRuns: 5_000 },
    );
  });
});
