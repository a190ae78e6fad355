import { cpSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent, request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_RULES_DIR, buildRulesBundle } from "../../src/entries/authoring.js";
import { loadServedRules, type ServedRules } from "../../src/serve/rules-state.js";
import type { Service } from "../../src/serve/server.js";
import { approvable } from "../helpers.js";
import { post, startService } from "./helpers.js";

const TOKEN = "test-admin-token-7f3a";
const MATTER = "individual-business.establishment";
const dir = mkdtempSync(join(tmpdir(), "sa-serve-reload-"));
const current = join(dir, "current.bundle");
const bundles: Record<"a" | "b", string> = { a: "", b: "" };
let service: Service;
let url: string;
let served: Record<"a" | "b", ServedRules>;

/** Puts a bundle in place the way a deployment would: written aside, then renamed over. */
function install(text: string): void {
  const aside = `${current}.${process.pid}.tmp`;
  writeFileSync(aside, text);
  renameSync(aside, current);
}

beforeAll(async () => {
  // Two rule sets that decide alike but differ in one matter file (its title), so every
  // decision says by its matter.sha256 which of them it was decided on.
  const other = join(dir, "rules-b");
  cpSync(BUNDLED_RULES_DIR, other, { recursive: true });
  const file = join(other, "matters", MATTER, "1.0.0.json");
  writeFileSync(
    file,
    readFileSync(file, "utf8").replace('"个体工商户设立登记"', '"个体工商户设立登记（乙）"'),
  );
  for (const [name, rulesDir] of [
    ["a", BUNDLED_RULES_DIR],
    ["b", other],
  ] as const) {
    const { bundle, issues } = await buildRulesBundle(rulesDir);
    expect(bundle, JSON.stringify(issues)).toBeDefined();
    bundles[name] = bundle as string;
  }
  install(bundles.b);
  const b = await loadServedRules(current);
  install(bundles.a);
  const a = await loadServedRules(current);
  served = { a, b };
  expect(a.sha256).not.toBe(b.sha256);
  ({ service, url } = await startService({
    initial: a,
    load: () => loadServedRules(current),
    adminToken: TOKEN,
  }));
}, 60_000);
afterAll(async () => {
  await service.app.close();
});

const reload = (headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) =>
  post(`${url}/v1/admin/reload`, "", { contentType: "text/plain", headers });

describe("POST /v1/admin/reload", () => {
  it("needs the bearer token: 401 without, 403 wrong, and no reload either way", async () => {
    const before = service.holder.current;
    const without = await reload({});
    expect(without.status).toBe(401);
    expect(without.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(without.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect((await reload({ authorization: "Bearer wrong" })).status).toBe(403);
    expect((await reload({ authorization: `Bearer ${TOKEN}x` })).status).toBe(403);
    expect((await reload({ authorization: `Basic ${TOKEN}` })).status).toBe(401);
    expect(service.holder.current).toBe(before);
  });

  it("is disabled when no token is configured", async () => {
    const { service: open, url: openUrl } = await startService({ adminToken: undefined });
    try {
      const response = await post(`${openUrl}/v1/admin/reload`, "", {
        contentType: "text/plain",
        headers: { authorization: "Bearer anything" },
      });
      expect(response.status).toBe(404);
    } finally {
      await open.app.close();
    }
  });

  it("refuses a bad bundle with its issues, and the old rules keep serving", async () => {
    install(bundles.a);
    expect((await reload()).status).toBe(200);
    install(`${bundles.b.slice(0, 200)}garbage`);
    const refused = await reload();
    expect(refused.status).toBe(422);
    const body = JSON.parse(refused.text);
    expect(body.type).toBe("urn:smart-approval:problem:rules-refused");
    expect(body.problems.length).toBeGreaterThan(0);
    expect(service.holder.current.sha256).toBe(served.a.sha256);
    const decision = await post(`${url}/v1/decisions`, approvable());
    expect(decision.status).toBe(200);
    expect(decision.headers.get("smart-approval-rules-sha256")).toBe(served.a.sha256);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/smart_approval_reloads_total\{result="refused"\} [1-9]/);
    install(bundles.a);
  });

  it("answers 1,000 requests during reloads without an error, each wholly on old or new rules", async () => {
    const matterSha = {
      [served.a.sha256]: served.a.rules.versionInForce(MATTER, "2025-06-30")?.sha256,
      [served.b.sha256]: served.b.rules.versionInForce(MATTER, "2025-06-30")?.sha256,
    };
    expect(new Set(Object.values(matterSha)).size).toBe(2);
    const dispatcher = new Agent({ connections: 16 });
    const body = JSON.stringify(approvable());
    let reloads = 0;
    let stop = false;
    const reloading = (async () => {
      while (!stop) {
        install(reloads % 2 === 0 ? bundles.b : bundles.a);
        const response = await reload();
        expect(response.status).toBe(200);
        reloads++;
        // Decisions go on between reloads (a reload compiles every matter version at once).
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const seen = new Set<string>();
    let errors = 0;
    let next = 0;
    const worker = async () => {
      while (next < 1_000) {
        next++;
        const response = await request(`${url}/v1/decisions`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
          dispatcher,
        });
        const text = await response.body.text();
        if (response.statusCode !== 200) {
          errors++;
          continue;
        }
        const rules = response.headers["smart-approval-rules-sha256"] as string;
        const decision = JSON.parse(text);
        // The header names the rules the decision was made on, and the decision agrees.
        if (matterSha[rules] !== decision.matter.sha256 || decision.outcome !== "approve") errors++;
        seen.add(rules);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    stop = true;
    await reloading;
    await dispatcher.close();
    expect(errors).toBe(0);
    expect(reloads).toBeGreaterThan(2);
    expect([...seen].sort()).toEqual([served.a.sha256, served.b.sha256].sort());
  }, 120_000);
});
