import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rulesSha256 } from "../../src/serve/rules-state.js";
import { approvable } from "../helpers.js";
import { bundles, childPids, HAS_PROC, install, serve, until } from "./process.js";

/** The rules SHA-256 of `n` decisions, each on a new connection (dealt to the workers in turn). */
async function shasOf(url: string, n: number): Promise<string[]> {
  const shas: string[] = [];
  for (let i = 0; i < n; i++) {
    const response = await fetch(`${url}/v1/decisions`, {
      method: "POST",
      headers: { "content-type": "application/json", connection: "close" },
      body: JSON.stringify(approvable()),
    });
    expect(response.status).toBe(200);
    await response.text();
    shas.push(response.headers.get("smart-approval-rules-sha256") as string);
  }
  return shas;
}

/** The decisions each worker has counted, from /metrics (any worker answers for all). */
async function decisionsByWorker(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const m of text.matchAll(/^smart_approval_decisions_total\{([^}]*)\} (\d+)$/gm)) {
    const worker = /worker="(\d+)"/.exec(m[1] as string)?.[1] as string;
    counts[worker] = (counts[worker] ?? 0) + Number(m[2]);
  }
  return counts;
}

// Linux: the test finds the workers through /proc to stop and kill one.
describe.skipIf(!HAS_PROC)("serve --workers: a worker that exits during a reload", () => {
  it("fails the reload cleanly: old rules everywhere, the worker replaced on them, the next reload works", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sa-serve-worker-dies-"));
    const { a, b, current } = await bundles(dir);
    const shaA = rulesSha256(current);
    const running = await serve(["--port", "0", "--workers", "2", "--rules", current]);
    try {
      const workers = childPids(running.child.pid as number);
      expect(workers).toHaveLength(2);
      const victim = workers[0] as number;

      // New rules on disk; one worker cannot answer (stopped), then dies mid-reload.
      install(current, b);
      const shaB = rulesSha256(current);
      expect(shaB).not.toBe(shaA);
      process.kill(victim, "SIGSTOP");
      running.child.kill("SIGHUP");
      // The other worker loads the new rules meanwhile; the stopped one cannot answer.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      process.kill(victim, "SIGKILL");
      await until(() => running.stderr().includes("reload refused")).catch((e) => {
        throw new Error(`${e}: ${running.stderr()}`);
      });
      expect(running.stderr()).toMatch(/reload refused, old rules keep serving: worker \d+ exited/);
      expect(running.stderr()).toMatch(/starting another/);
      expect(running.stderr()).not.toContain("every worker reloaded");

      // The replacement (worker 3) starts on the rules the others serve — not on the file now
      // on disk — and decisions everywhere are on the old rules.
      await until(() => childPids(running.child.pid as number).length === 2);
      let counts: Record<string, number> = {};
      const end = Date.now() + 60_000;
      while (counts["3"] === undefined && Date.now() < end) {
        expect(new Set(await shasOf(running.url, 4))).toEqual(new Set([shaA]));
        counts = await decisionsByWorker(running.url).catch(() => ({}));
      }
      expect(counts["3"]).toBeGreaterThan(0);
      expect(new Set(await shasOf(running.url, 6))).toEqual(new Set([shaA]));

      // The next reload goes through on every worker, the replacement included.
      running.child.kill("SIGHUP");
      await until(() => running.stderr().includes("every worker reloaded"));
      expect(running.stderr()).toContain(`every worker reloaded rules ${shaB}`);
      expect(new Set(await shasOf(running.url, 6))).toEqual(new Set([shaB]));
      install(current, a);
    } finally {
      running.child.kill("SIGTERM");
    }
    expect(await running.exited).toBe(0);
  }, 180_000);
});
