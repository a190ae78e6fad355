import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Service } from "../../src/serve/server.js";
import { VERSION } from "../../src/version.js";
import { approvable } from "../helpers.js";
import { post, servedBundledRules, startService } from "./helpers.js";

const addFormats = addFormatsModule.default;

let service: Service;
let url: string;
const MATTER = "individual-business.establishment";

beforeAll(async () => {
  ({ service, url } = await startService());
});
afterAll(async () => {
  await service.app.close();
});

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}${path}`, { headers });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe("GET /v1/matters", () => {
  it("lists the matters loaded with their versions, as the rule set does", async () => {
    const { rules, sha256 } = await servedBundledRules();
    const response = await get("/v1/matters");
    expect(response.status).toBe(200);
    expect(response.headers.get("smart-approval-rules-sha256")).toBe(sha256);
    expect(response.headers.get("smart-approval-version")).toBe(VERSION);
    expect(JSON.parse(response.text)).toEqual({ matters: rules.matters() });
  });

  it("gives a matter, and the version in force on ?date=", async () => {
    const { rules } = await servedBundledRules();
    const plain = JSON.parse((await get(`/v1/matters/${MATTER}`)).text);
    expect(plain.inForce).toBeUndefined();
    const response = await get(`/v1/matters/${MATTER}?date=2025-06-30`);
    expect(response.status).toBe(200);
    const version = rules.versionInForce(MATTER, "2025-06-30");
    expect(JSON.parse(response.text).inForce).toMatchObject({
      date: "2025-06-30",
      version: version?.file.version,
      sha256: version?.sha256,
    });
    // Before the first version took effect (促进个体工商户发展条例, 2022-11-01): none in force.
    expect((await get(`/v1/matters/${MATTER}?date=2022-10-31`)).status).toBe(404);
    expect((await get(`/v1/matters/${MATTER}?date=2022-13-01`)).status).toBe(400);
    // A date of the right shape that does not exist is no date either.
    expect((await get(`/v1/matters/${MATTER}?date=2025-02-30`)).status).toBe(400);
    expect((await get("/v1/matters/no.such-matter")).status).toBe(404);
  });

  it("gives the matter's input schema, which accepts a real application and refuses a broken one", async () => {
    const response = await get(`/v1/matters/${MATTER}/schema?date=2025-06-30`);
    expect(response.status).toBe(200);
    const schema = JSON.parse(response.text);
    const ajv = addFormats(new Ajv2020({ strict: false }));
    const validate = ajv.compile(schema);
    expect(validate(approvable()), JSON.stringify(validate.errors)).toBe(true);
    const broken = approvable();
    broken.data.unexpected = true;
    expect(validate(broken)).toBe(false);
    const other = approvable();
    other.matter = "sole-proprietorship.establishment";
    expect(validate(other)).toBe(false);
    expect((await get("/v1/matters/no.such-matter/schema")).status).toBe(404);
  });

  it("gives the guide as HTML or Markdown by Accept", async () => {
    const html = await get(`/v1/matters/${MATTER}/guide`, { accept: "text/html" });
    expect(html.status).toBe(200);
    expect(html.headers.get("content-type")).toMatch(/^text\/html/);
    expect(html.text).toMatch(/<html|<!doctype/i);
    const md = await get(`/v1/matters/${MATTER}/guide`, { accept: "text/markdown" });
    expect(md.headers.get("content-type")).toMatch(/^text\/markdown/);
    expect(md.text).toMatch(/^# /m);
    expect(md.text).not.toMatch(/<html/i);
    const preferred = await get(`/v1/matters/${MATTER}/guide`, {
      accept: "text/markdown;q=0.5, text/html",
    });
    expect(preferred.headers.get("content-type")).toMatch(/^text\/html/);
    const en = await get(`/v1/matters/${MATTER}/guide?locale=en`, { accept: "text/markdown" });
    expect(en.text).not.toBe(md.text);
    expect((await get(`/v1/matters/${MATTER}/guide`, { accept: "image/png" })).status).toBe(406);
  });
});

describe("GET /openapi.json", () => {
  it("is a valid OpenAPI 3.1 document under @seriousme/openapi-schema-validator", async () => {
    const response = await get("/openapi.json");
    expect(response.status).toBe(200);
    const document = JSON.parse(response.text);
    expect(document.openapi).toBe("3.1.0");
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it("is generated from the contracts and the matters: its schemas accept what the service sends", async () => {
    const document = JSON.parse((await get("/openapi.json")).text);
    const { rules } = await servedBundledRules();
    for (const { id } of rules.matters()) {
      expect(document.components.schemas[`Application.${id}`]).toBeDefined();
    }
    // The components as one 2020-12 schema: the Decision and Problem components must accept
    // a real decision and a real problem document.
    const ajv = addFormats(new Ajv2020({ strict: false }));
    ajv.addSchema({ $id: "https://openapi.test/", components: document.components });
    const decision = JSON.parse((await post(`${url}/v1/decisions`, approvable())).text);
    const validateDecision = ajv.getSchema("https://openapi.test/#/components/schemas/Decision");
    expect(validateDecision?.(decision), JSON.stringify(validateDecision?.errors)).toBe(true);
    expect(validateDecision?.({ ...decision, outcome: "reject" })).toBe(false);
    const problem = JSON.parse((await post(`${url}/v1/decisions`, { matter: "x" })).text);
    expect(ajv.getSchema("https://openapi.test/#/components/schemas/Problem")?.(problem)).toBe(
      true,
    );
    const application = ajv.getSchema(
      `https://openapi.test/#/components/schemas/Application.${MATTER}`,
    );
    expect(application?.(approvable())).toBe(true);
  });
});

describe("health and metrics", () => {
  it("is live, and ready while the calendar covers today", async () => {
    expect(JSON.parse((await get("/health/live")).text)).toMatchObject({ status: "ok" });
    // The test service's clock is 1970-01-01, which no calendar covers: not ready, and why.
    const ready = await get("/health/ready");
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.text).reasons.join()).toMatch(/does not cover today \(1970-01-01\)/);
    const { rules } = await servedBundledRules();
    const covered = rules.calendar?.covers;
    const { service: today, url: todayUrl } = await startService({
      clock: () => new Date(`${covered?.until}T00:00:00+08:00`),
    });
    try {
      const response = await fetch(`${todayUrl}/health/ready`);
      expect(response.status).toBe(200);
    } finally {
      await today.app.close();
    }
  });

  it("counts decisions by matter and outcome, their latency and the rules' SHA-256", async () => {
    const { sha256 } = await servedBundledRules();
    const before = await get("/metrics");
    const count = (text: string) =>
      Number(
        /smart_approval_decisions_total\{matter="individual-business.establishment",outcome="approve"\} (\d+)/.exec(
          text,
        )?.[1] ?? 0,
      );
    await post(`${url}/v1/decisions`, approvable());
    await post(`${url}/v1/decisions`, approvable());
    const after = await get("/metrics");
    expect(count(after.text) - count(before.text)).toBe(2);
    expect(after.text).toMatch(/smart_approval_decision_duration_seconds_bucket\{le="0.001"\} \d+/);
    expect(after.text).toContain(`smart_approval_rules_info{sha256="${sha256}"} 1`);
    expect(after.text).toMatch(/# TYPE smart_approval_reloads_total counter/);
  });
});
