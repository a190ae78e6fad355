import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { approvable, ROOT } from "../helpers.js";

const MAIN = join(ROOT, "dist/bin/smart-approval.js");

/** Resolves with the next line the child writes, or rejects after `ms` without one. */
function nextLine(lines: AsyncIterator<string>, ms: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    lines.next().then((r) => (r.done ? Promise.reject(new Error("output ended")) : r.value)),
    new Promise<string>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no line within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

describe("batch - as a long-lived pipe", () => {
  it.skipIf(!existsSync(MAIN)).each(["0", "1"])(
    "writes each decision as soon as it is made, the input still open (--workers %s, built CLI)",
    async (workers) => {
      const child = spawn("node", [MAIN, "batch", "-", "--replay", "--workers", workers], {
        stdio: ["pipe", "pipe", "pipe"],
      });
      const exited = new Promise<number | null>((done) => child.on("close", done));
      const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
      try {
        child.stdin.write(`${JSON.stringify({ ...approvable(), id: "first" })}\n`);
        const first = JSON.parse(await nextLine(lines, 15_000));
        expect(first).toMatchObject({ applicationId: "first", outcome: "approve" });
        // Still open: a second line is answered too, before the input ends.
        child.stdin.write(`${JSON.stringify({ ...approvable(), id: "second" })}\n`);
        const second = JSON.parse(await nextLine(lines, 15_000));
        expect(second).toMatchObject({ applicationId: "second", outcome: "approve" });
        child.stdin.end();
        expect(await exited).toBe(0);
      } finally {
        child.kill();
      }
    },
    40_000,
  );
});
