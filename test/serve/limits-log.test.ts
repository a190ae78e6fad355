import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DecisionLog, verifyLog } from "../../src/serve/decision-log.js";
import { maskInput } from "../../src/serve/masking.js";
import { approvable, cli, ROOT } from "../helpers.js";
import { leaksInternals, post, startService } from "./helpers.js";

describe("limits", () => {
  it("refuses a body over the limit with 413, as a problem document", async () => {
    const { service, url } = await startService({ limits: { bodyLimit: 10_000 } });
    try {
      const big = approvable();
      big.data.note = "x".repeat(20_000);
      const response = await post(`${url}/v1/decisions`, big);
      expect(response.status).toBe(413);
      expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(leaksInternals(response.text)).toBe(false);
      expect((await post(`${url}/v1/decisions`, approvable())).status).toBe(200);
    } finally {
      await service.app.close();
    }
  });

  it("turns requests away with 429 and Retry-After when saturated, and serves again after", async () => {
    const { service, url } = await startService({ limits: { maxInFlight: 1 } });
    try {
      // A request whose body is still arriving holds the one slot.
      const { port } = new URL(url);
      const slow = connect(Number(port), "127.0.0.1");
      slow.write(
        "POST /v1/decisions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{",
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      const singles = await Promise.all(
        Array.from({ length: 3 }, () => post(`${url}/v1/decisions`, approvable())),
      );
      const statuses = singles.map((r) => r.status);
      expect(statuses).toEqual([429, 429, 429]);
      const busy = singles[0];
      const metrics = await (await fetch(`${url}/metrics`)).text();
      expect(metrics).toMatch(/smart_approval_rejected_requests_total 3/);
      slow.destroy();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(busy?.headers.get("retry-after")).toBe("1");
      expect(busy?.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect((await post(`${url}/v1/decisions`, approvable())).status).toBe(200);
    } finally {
      await service.app.close();
    }
  });

  it("closes a request that does not arrive in time", async () => {
    const { service, url } = await startService({ limits: { requestTimeoutMs: 500 } });
    try {
      const { port } = new URL(url);
      const reply = await new Promise<string>((resolve) => {
        const socket = connect(Number(port), "127.0.0.1");
        let text = "";
        socket.on("data", (chunk) => {
          text += chunk;
        });
        socket.on("close", () => resolve(text));
        // Headers and half a body, then nothing.
        socket.write(
          "POST /v1/decisions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{",
        );
      });
      expect(reply).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      await service.app.close();
    }
  }, 10_000);
});

describe("decision log", () => {
  const dir = mkdtempSync(join(tmpdir(), "sa-serve-log-"));

  it("writes one masked, chained entry per decision, which verify accepts", async () => {
    const file = join(dir, "decisions.ndjson");
    const log = new DecisionLog(file);
    const { service, url } = await startService({ onDecision: (event) => log.append(event) });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) {
        const response = await post(`${url}/v1/decisions`, approvable());
        ids.push(response.headers.get("decision-id") as string);
      }
      const incomplete = approvable();
      delete incomplete.data.liaison;
      await post(`${url}/v1/decisions`, incomplete);
      // Not decided: not logged.
      await post(`${url}/v1/decisions`, { matter: "x" });
    } finally {
      await service.app.close();
      log.close();
    }
    const text = readFileSync(file, "utf8");
    const entries = text
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(entries).toHaveLength(5);
    expect(entries[0]).toMatchObject({
      seq: 1,
      matter: "individual-business.establishment",
      version: "1.0.0",
      outcome: "approve",
      prev: "0".repeat(64),
    });
    expect(entries[1].prev).toBe(entries[0].hash);
    expect(entries[4].outcome).toBe("incomplete");
    expect(entries[4].codes.length).toBeGreaterThan(0);
    expect(entries[0].inputSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(entries[0].rulesSha256).toMatch(/^[0-9a-f]{64}$/);
    // The sample's identity number, names and phone number are nowhere in the log.
    for (const secret of ["440305198503152222", "李丽华", "13800138000"]) {
      expect(text).not.toContain(secret);
    }
    expect(entries[0].input.data.operator.document.type).toBe("resident-id");
    expect(verifyLog(text)).toMatchObject({ ok: true, entries: 5, head: entries[4].hash });
    const verified = await cli("log", "verify", file);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain("ok, 5 entries");

    // A new writer on the same file continues the chain.
    const again = new DecisionLog(file);
    again.append({ ...entries[0], id: "again", input: approvable() });
    again.close();
    expect(verifyLog(readFileSync(file, "utf8"))).toMatchObject({ ok: true, entries: 6 });
  });

  it("logs a combined decision (一件事) as the 一件事's, masked and chained alike", async () => {
    const file = join(dir, "combined.ndjson");
    const log = new DecisionLog(file);
    const { service, url } = await startService({ onDecision: (event) => log.append(event) });
    const fixture = JSON.parse(
      readFileSync(
        join(
          ROOT,
          "fixtures/one-things/individual-business-with-food-filing/baseline-approve.json",
        ),
        "utf8",
      ),
    );
    let id: string | null;
    try {
      const response = await post(`${url}/v1/decisions/one-thing`, fixture.application);
      expect(response.status).toBe(200);
      id = response.headers.get("decision-id");
    } finally {
      await service.app.close();
      log.close();
    }
    const text = readFileSync(file, "utf8");
    const entries = text
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      id,
      kind: "one-thing",
      matter: "individual-business-with-food-filing",
      outcome: "approve",
      prev: "0".repeat(64),
    });
    expect(entries[0].inputSha256).toMatch(/^[0-9a-f]{64}$/);
    // The applicant's identity number and name are not in the log.
    for (const secret of ["440305198503152222", "李丽华"]) expect(text).not.toContain(secret);
    expect(verifyLog(text)).toMatchObject({ ok: true, entries: 1 });
  });

  it("names the first edited, broken or missing entry", async () => {
    const file = join(dir, "decisions.ndjson");
    const lines = readFileSync(file, "utf8").trimEnd().split("\n");
    const edited = join(dir, "edited.ndjson");
    // One byte: the outcome of entry 3.
    const changed = [...lines];
    changed[2] = (changed[2] as string).replace('"outcome":"approve"', '"outcome":"approvf"');
    writeFileSync(edited, `${changed.join("\n")}\n`);
    expect(verifyLog(readFileSync(edited, "utf8"))).toMatchObject({ ok: false, line: 3, seq: 3 });
    const result = await cli("log", "verify", edited);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/edited\.ndjson:3: entry 3: edited/);

    const missing = join(dir, "missing.ndjson");
    writeFileSync(missing, `${lines.filter((_, i) => i !== 1).join("\n")}\n`);
    expect(verifyLog(readFileSync(missing, "utf8"))).toMatchObject({
      ok: false,
      line: 2,
      seq: 2,
      reason: "entry 2 is missing (found 3)",
    });

    // Recomputing an edited entry's own hash does not help: the next entry's link breaks.
    const relinked = JSON.parse(lines[1] as string);
    relinked.outcome = "refer";
    const { entryHash } = await import("../../src/serve/decision-log.js");
    const { hash: _old, ...rest } = relinked;
    relinked.hash = entryHash(rest);
    const forged = [...lines];
    forged[1] = JSON.stringify(relinked);
    expect(verifyLog(forged.join("\n"))).toMatchObject({ ok: false, line: 3, seq: 3 });

    const torn = [...lines];
    torn[3] = (torn[3] as string).slice(0, 40);
    expect(verifyLog(torn.join("\n"))).toMatchObject({ ok: false, line: 4 });
  });

  it("drops and counts an entry whose input cannot be masked, never writing it", async () => {
    const file = join(dir, "dropped.ndjson");
    const log = new DecisionLog(file);
    const { service, url } = await startService({
      onDecision: (event) => {
        if (!log.append(event)) service.metrics.logDropped.inc();
      },
    });
    try {
      // An identity number spaced out in the caller's case id: the patterns miss it, the
      // check after masking sees it.
      const spaced = approvable();
      spaced.id = "case 440305 19850315 2222";
      const response = await post(`${url}/v1/decisions`, spaced);
      expect(response.status).toBe(200);
      await post(`${url}/v1/decisions`, approvable());
      const metrics = await (await fetch(`${url}/metrics`)).text();
      expect(metrics).toMatch(/smart_approval_log_dropped_total 1/);
    } finally {
      await service.app.close();
      log.close();
    }
    expect(log.dropped).toBe(1);
    const text = readFileSync(file, "utf8");
    expect(text.trimEnd().split("\n")).toHaveLength(1);
    expect(text).not.toContain("19850315");
  });

  it("masks by key and by pattern", () => {
    expect(
      maskInput({
        liaison: { name: "王五", phone: 13800138000 },
        note: "call +86 13912345678 or id 11010519491231002X",
        name: { given: "五", family: "王" },
        ok: true,
      }),
    ).toEqual({
      liaison: { name: "***", phone: "***" },
      note: "call *** or id ***",
      name: "***",
      ok: true,
    });
    expect(maskInput({ ref: 13800138000 })).toBeUndefined();
  });
});
