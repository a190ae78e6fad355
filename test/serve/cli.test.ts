import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { verifyLog } from "../../src/serve/decision-log.js";
import { rulesSha256 } from "../../src/serve/rules-state.js";
import { approvable, BIN, ROOT } from "../helpers.js";
import { post } from "./helpers.js";
import { bundles, install, serve, TOKEN, until } from "./process.js";

describe("smart-approval serve (a process)", () => {
  it("binds 127.0.0.1, reloads on SIGHUP, finishes in-flight work on SIGTERM and exits 0", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sa-serve-cli-"));
    const { b, current } = await bundles(dir);
    const log = join(dir, "decisions.ndjson");
    const running = await serve(["--port", "0", "--rules", current, "--log", log]);
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const first = await post(`${running.url}/v1/decisions`, approvable());
    expect(first.status).toBe(200);
    const shaA = first.headers.get("smart-approval-rules-sha256");
    expect(shaA).toBe(rulesSha256(current));

    install(current, b);
    running.child.kill("SIGHUP");
    await until(() => running.stderr().includes("reloaded rules"));
    const second = await post(`${running.url}/v1/decisions`, approvable());
    expect(second.headers.get("smart-approval-rules-sha256")).toBe(rulesSha256(current));
    expect(second.headers.get("smart-approval-rules-sha256")).not.toBe(shaA);

    // A batch in flight when SIGTERM comes is finished and answered whole.
    const batch = post(
      `${running.url}/v1/decisions/batch`,
      Array.from({ length: 300 }, approvable),
    );
    await new Promise((resolve) => setTimeout(resolve, 30));
    running.child.kill("SIGTERM");
    const answered = await batch;
    expect(answered.status).toBe(200);
    expect(JSON.parse(answered.text).results).toHaveLength(300);
    expect(await running.exited).toBe(0);
    await expect(fetch(`${running.url}/health/live`)).rejects.toThrow();
    const verified = verifyLog(readFileSync(log, "utf8"));
    expect(verified).toMatchObject({ ok: true, entries: 302 });
  }, 120_000);

  it("with --workers 2, every worker serves, every worker swaps on reload, and all stop", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sa-serve-workers-"));
    const { b, current } = await bundles(dir);
    const log = join(dir, "decisions.ndjson");
    const running = await serve([
      "--port",
      "0",
      "--workers",
      "2",
      "--rules",
      current,
      "--log",
      log,
    ]);
    for (let i = 0; i < 10; i++) {
      expect((await post(`${running.url}/v1/decisions`, approvable())).status).toBe(200);
    }
    install(current, b);
    const reload = await post(`${running.url}/v1/admin/reload`, "", {
      contentType: "text/plain",
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(reload.status, reload.text).toBe(200);
    const after = new Set<string | null>();
    // New connections each time: the primary deals them to the workers in turn.
    for (let i = 0; i < 10; i++) {
      const response = await fetch(`${running.url}/v1/decisions`, {
        method: "POST",
        headers: { "content-type": "application/json", connection: "close" },
        body: JSON.stringify(approvable()),
      });
      expect(response.status).toBe(200);
      after.add(response.headers.get("smart-approval-rules-sha256"));
      await response.text();
    }
    expect([...after]).toEqual([rulesSha256(current)]);
    // Whichever worker answers /metrics, it counts every worker's decisions.
    const metrics = await (await fetch(`${running.url}/metrics`)).text();
    const counted = [
      ...metrics.matchAll(/^smart_approval_decisions_total\{[^}]*\} (\d+)$/gm),
    ].reduce((sum, m) => sum + Number(m[1]), 0);
    expect(counted).toBe(20);
    expect(metrics).toMatch(/worker="1"/);
    expect(metrics).toMatch(/worker="2"/);
    // A bad bundle is refused on every worker, and each counts the refusal (every worker fails
    // to load it here, and none may skip the count for that).
    writeFileSync(current, "{ not a bundle");
    const refused = await post(`${running.url}/v1/admin/reload`, "", {
      contentType: "text/plain",
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(refused.status, refused.text).not.toBe(200);
    const afterRefusal = await (await fetch(`${running.url}/metrics`)).text();
    const refusals = [
      ...afterRefusal.matchAll(
        /^smart_approval_reloads_total\{[^}]*result="refused"[^}]*\} (\d+)$/gm,
      ),
    ].reduce((sum, m) => sum + Number(m[1]), 0);
    expect(refusals).toBe(2);
    running.child.kill("SIGTERM");
    expect(await running.exited).toBe(0);
    // One writer (the primary) for both workers: one unbroken chain.
    expect(verifyLog(readFileSync(log, "utf8"))).toMatchObject({ ok: true, entries: 20 });
  }, 120_000);

  it("refuses to start on rules with errors, listing them, and exits 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sa-serve-bad-"));
    const bad = join(dir, "bad.bundle");
    writeFileSync(bad, "{ not a bundle");
    const child = spawn(process.execPath, [BIN, "serve", "--port", "0", "--rules", bad], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise((resolve) => child.on("exit", resolve));
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("bad.bundle");
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
