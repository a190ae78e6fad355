import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideOneThing } from "../../src/one-thing/decide-one-thing.js";
import { isCombinedApplication } from "../../src/one-thing/is-combined-application.js";
import type { Service } from "../../src/serve/server.js";
import { VERSION } from "../../src/version.js";
import { approvable } from "../helpers.js";
import {
  EPOCH,
  fixtureApplications,
  leaksInternals,
  post,
  servedBundledRules,
  startService,
} from "./helpers.js";

let service: Service;
let url: string;

beforeAll(async () => {
  ({ service, url } = await startService());
});
afterAll(async () => {
  await service.app.close();
});

/** What decide itself gives, as text, or the problems it throws. */
async function inProcess(application: unknown, locale: "zh-CN" | "en" = "zh-CN") {
  const { rules } = await servedBundledRules();
  try {
    return {
      text: JSON.stringify(await rules.decide(application, { now: EPOCH, locale, replay: true })),
    };
  } catch (error) {
    return { problems: (error as { problems: unknown[] }).problems };
  }
}

describe("POST /v1/decisions over a socket", () => {
  const fixtures = fixtureApplications();

  it("has fixtures to compare", () => {
    expect(fixtures.length).toBeGreaterThan(200);
  });

  it("answers every fixture byte for byte as decide does, or 422 with decide's problems", async () => {
    const { sha256 } = await servedBundledRules();
    let decided = 0;
    for (const { file, application } of fixtures) {
      const expected = await inProcess(application);
      const response = await post(`${url}/v1/decisions`, application);
      expect(response.headers.get("smart-approval-version"), file).toBe(VERSION);
      expect(response.headers.get("smart-approval-rules-sha256"), file).toBe(sha256);
      if (expected.text !== undefined) {
        expect(response.status, file).toBe(200);
        expect(response.headers.get("content-type"), file).toMatch(/^application\/json/);
        expect(response.text, file).toBe(expected.text);
        expect(response.headers.get("decision-id"), file).toMatch(/^[0-9a-f-]{36}$/);
        decided++;
      } else {
        expect(response.status, file).toBe(422);
        expect(JSON.parse(response.text).problems, file).toEqual(expected.problems);
      }
    }
    expect(decided).toBeGreaterThan(200);
  });

  it("decides in English when asked, as decide does", async () => {
    const response = await post(`${url}/v1/decisions?locale=en`, approvable());
    expect(response.status).toBe(200);
    expect(response.text).toBe((await inProcess(approvable(), "en")).text);
    expect(JSON.parse(response.text).locale).toBe("en");
  });

  it("lists every problem of an application that cannot be decided, as RFC 9457", async () => {
    const response = await post(`${url}/v1/decisions`, { matter: "no.such-matter", data: 1 });
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(response.text);
    expect(body).toMatchObject({
      type: "urn:smart-approval:problem:invalid-application",
      status: 422,
    });
    const pointers = body.problems.map((p: { pointer: string }) => p.pointer).sort();
    expect(pointers).toEqual(["/appliedOn", "/data"]);
  });

  it("refuses an unknown matter and a date no version is in force on, naming the pointer", async () => {
    const unknown = approvable();
    unknown.matter = "no.such-matter";
    const early = approvable();
    early.appliedOn = "1999-01-01";
    for (const [application, code] of [
      [unknown, "unknown-matter"],
      [early, "no-version-in-force"],
    ] as const) {
      const response = await post(`${url}/v1/decisions`, application);
      expect(response.status).toBe(422);
      expect(JSON.parse(response.text).problems.map((p: { code: string }) => p.code)).toEqual([
        code,
      ]);
    }
  });

  it("answers malformed requests with a problem document, never a 200 or a stack trace", async () => {
    const cases: Array<[string, string, number]> = [
      ['{"matter": ', "application/json", 400],
      ["", "application/json", 400],
      ['{"__proto__": {"x": 1}}', "application/json", 400],
      ["matter=x", "application/x-www-form-urlencoded", 415],
      ["[1,2]", "application/json", 422],
      ["null", "application/json", 422],
      ['"text"', "application/json", 422],
      ['{"matter":"a"}\n', "application/x-ndjson", 415],
    ];
    for (const [body, contentType, status] of cases) {
      const response = await post(`${url}/v1/decisions`, body, { contentType });
      expect(response.status, body).toBe(status);
      expect(response.headers.get("content-type"), body).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(response.text).status, body).toBe(status);
      expect(leaksInternals(response.text), response.text).toBe(false);
      expect(response.headers.get("smart-approval-version")).toBe(VERSION);
    }
  });

  it("refuses an unknown locale and answers unknown routes with 404 problems", async () => {
    expect((await post(`${url}/v1/decisions?locale=fr`, approvable())).status).toBe(400);
    const missing = await fetch(`${url}/v1/nothing`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(missing.headers.get("smart-approval-rules-sha256")).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("POST /v1/decisions/batch", () => {
  it("gives one result per item in order, an undecidable item as its own problem", async () => {
    const fixtures = fixtureApplications().slice(0, 30);
    const items = [
      ...fixtures.map((f) => f.application),
      { matter: "no.such-matter", appliedOn: "2025-01-01", data: {} },
      approvable(),
    ];
    const response = await post(`${url}/v1/decisions/batch`, items);
    expect(response.status).toBe(200);
    const { results } = JSON.parse(response.text);
    expect(results).toHaveLength(items.length);
    for (const [index, item] of items.entries()) {
      const expected = await inProcess(item);
      expect(results[index].index).toBe(index);
      if (expected.text !== undefined) {
        expect(JSON.stringify(results[index].decision)).toBe(expected.text);
      } else {
        expect(results[index].problem.status).toBe(422);
        expect(results[index].problem.problems).toEqual(expected.problems);
      }
    }
    expect(results[fixtures.length].problem.problems[0].code).toBe("unknown-matter");
  });

  it("takes NDJSON, an unparsable line being that item's problem", async () => {
    const lines = [JSON.stringify(approvable()), "{not json", JSON.stringify(approvable())];
    const response = await post(`${url}/v1/decisions/batch`, `${lines.join("\n")}\n`, {
      contentType: "application/x-ndjson",
    });
    expect(response.status).toBe(200);
    const { results } = JSON.parse(response.text);
    expect(results.map((r: Record<string, unknown>) => ("decision" in r ? "d" : "p"))).toEqual([
      "d",
      "p",
      "d",
    ]);
    expect(results[1].problem).toMatchObject({ status: 400, detail: "line 2 is not valid JSON" });
    expect(JSON.stringify(results[0].decision)).toBe((await inProcess(approvable())).text);
  });

  it("refuses a body that is not a batch as a whole", async () => {
    const response = await post(`${url}/v1/decisions/batch`, approvable());
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });
});

describe("POST /v1/decisions/one-thing over a socket (一件事)", () => {
  const combined = fixtureApplications().filter(({ application }) =>
    isCombinedApplication(application),
  );

  /** What decideOneThing itself gives, as text, or the problems it throws. */
  async function combinedInProcess(application: unknown, locale: "zh-CN" | "en" = "zh-CN") {
    const { rules } = await servedBundledRules();
    try {
      const decision = await decideOneThing(rules, application, {
        now: EPOCH,
        locale,
        replay: true,
      });
      return { text: JSON.stringify(decision) };
    } catch (error) {
      return { problems: (error as { problems: unknown[] }).problems };
    }
  }

  it("answers every combined fixture byte for byte as decideOneThing does, or 422 with its problems", async () => {
    expect(combined.length).toBeGreaterThan(20);
    const outcomes = new Set<string>();
    let refused = 0;
    for (const { file, application } of combined) {
      const expected = await combinedInProcess(application);
      const response = await post(`${url}/v1/decisions/one-thing`, application);
      expect(response.headers.get("smart-approval-version"), file).toBe(VERSION);
      if (expected.text !== undefined) {
        expect(response.status, file).toBe(200);
        expect(response.text, file).toBe(expected.text);
        expect(response.headers.get("decision-id"), file).toMatch(/^[0-9a-f-]{36}$/);
        outcomes.add(JSON.parse(response.text).outcome);
      } else {
        expect(response.status, file).toBe(422);
        expect(JSON.parse(response.text).problems, file).toEqual(expected.problems);
        refused++;
      }
    }
    // The fixtures reach every outcome a combined decision can have but `pending`, and some
    // are refused (e.g. applied for before the 一件事 was in force).
    expect([...outcomes].sort()).toEqual(["approve", "incomplete", "refer"]);
    expect(refused).toBeGreaterThan(0);
  });

  it("lists every problem of a combined application that cannot be decided, as RFC 9457", async () => {
    const response = await post(`${url}/v1/decisions/one-thing`, {
      oneThing: "no-such-one-thing",
      appliedOn: "2025-06-30",
      data: {},
    });
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const expected = await combinedInProcess({
      oneThing: "no-such-one-thing",
      appliedOn: "2025-06-30",
      data: {},
    });
    expect(JSON.parse(response.text).problems).toEqual(expected.problems);
    expect(leaksInternals(response.text)).toBe(false);
  });

  it("takes a single matter's application only at /v1/decisions, and says so", async () => {
    const response = await post(`${url}/v1/decisions/one-thing`, approvable());
    expect(response.status).toBe(422);
    expect(JSON.parse(response.text).problems.length).toBeGreaterThan(0);
  });
});
