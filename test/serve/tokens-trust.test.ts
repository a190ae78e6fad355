import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildRulesBundle } from "../../src/entries/authoring.js";
import { checkAdmin, checkDecisionToken, decisionTokens } from "../../src/serve/admin-auth.js";
import { loadServedRules } from "../../src/serve/rules-state.js";
import { approvable } from "../helpers.js";
import { post, startService } from "./helpers.js";

describe("decision tokens (SMART_APPROVAL_TOKENS)", () => {
  it("are required when configured, by Bearer or X-Access-Token; other routes stay open", async () => {
    const { service, url } = await startService({
      decisionTokens: decisionTokens(" t-one, ,t-two "),
    });
    try {
      expect((await post(`${url}/v1/decisions`, approvable())).status).toBe(401);
      const wrong = await post(`${url}/v1/decisions`, approvable(), {
        headers: { authorization: "Bearer t-three" },
      });
      expect(wrong.status).toBe(403);
      expect(wrong.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      const bearer = await post(`${url}/v1/decisions`, approvable(), {
        headers: { authorization: "Bearer t-two" },
      });
      expect(bearer.status).toBe(200);
      const header = await post(`${url}/v1/decisions/batch`, [approvable()], {
        headers: { "x-access-token": "t-one" },
      });
      expect(header.status).toBe(200);
      expect((await post(`${url}/v1/decisions/batch`, [approvable()])).status).toBe(401);
      expect((await fetch(`${url}/v1/matters`)).status).toBe(200);
    } finally {
      await service.app.close();
    }
  });

  it("compare whole tokens only", () => {
    expect(checkDecisionToken({}, [])).toBe("disabled");
    expect(checkDecisionToken({ authorization: "Bearer abc" }, ["abcd"])).toBe("wrong");
    expect(checkDecisionToken({ authorization: "Bearer abcd" }, ["abc", "abcd"])).toBe("ok");
    expect(checkAdmin("Bearer secret", "secret")).toBe("ok");
    expect(checkAdmin("Bearer secre", "secret")).toBe("wrong");
    expect(checkAdmin("secret", "secret")).toBe("missing");
    expect(checkAdmin("Bearer secret", "")).toBe("disabled");
  });
});

describe("--trust on reload", () => {
  it("refuses an unsigned or wrongly signed bundle and keeps serving the signed one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sa-serve-trust-"));
    const key = generateKeyPairSync("ed25519");
    const other = generateKeyPairSync("ed25519");
    const pem = (k: typeof key, part: "privateKey" | "publicKey") =>
      k[part].export({ type: part === "privateKey" ? "pkcs8" : "spki", format: "pem" }) as string;
    const signed = await buildRulesBundle(undefined, { sign: pem(key, "privateKey") });
    const foreign = await buildRulesBundle(undefined, { sign: pem(other, "privateKey") });
    const unsigned = await buildRulesBundle();
    const current = join(dir, "current.bundle");
    writeFileSync(current, signed.bundle as string);
    const trust = [pem(key, "publicKey")];
    const initial = await loadServedRules(current, trust);
    const { service, url } = await startService({
      initial,
      load: () => loadServedRules(current, trust),
      adminToken: "admin",
    });
    try {
      for (const text of [unsigned.bundle, foreign.bundle]) {
        writeFileSync(current, text as string);
        const response = await post(`${url}/v1/admin/reload`, "", {
          contentType: "text/plain",
          headers: { authorization: "Bearer admin" },
        });
        expect(response.status).toBe(422);
        expect(service.holder.current).toBe(initial);
      }
      const decision = await post(`${url}/v1/decisions`, approvable());
      expect(decision.headers.get("smart-approval-rules-sha256")).toBe(initial.sha256);
    } finally {
      await service.app.close();
    }
  });
});
