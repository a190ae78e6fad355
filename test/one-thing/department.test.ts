import { describe, expect, it } from "vitest";
import type { CombinedDecision } from "../../src/model/one-thing.js";
import { decideOneThing } from "../../src/one-thing/decide-one-thing.js";
import { oneThingStatus } from "../../src/one-thing/status.js";
import { EXAMPLE_APPLICATION, readJson, rulesWithExample } from "./support.js";

const REPLAY = { now: new Date(0), replay: true } as const;

// Example (illustrative): registration by rules + 食品经营许可 by its department, 20 working days
// (行政许可法 arts 42, 82), 超时默认 after 10 working days cited from a local policy. Accepted Mon
// 2025-06-30: 10 WD → Mon 2025-07-14, 20 WD → Mon 2025-07-28 (no holidays in July 2025).
// biome-ignore lint/suspicious/noExplicitAny: tests reach into the application freely to mutate it
type Json = Record<string, any>;

async function decided(change?: (app: Json) => void): Promise<CombinedDecision> {
  const application = structuredClone(readJson(EXAMPLE_APPLICATION)) as Json;
  change?.(application);
  return decideOneThing(await rulesWithExample(), application, REPLAY);
}

describe("members a department decides", () => {
  it("are pending with the department and a due date on the working-day calendar, never approved", async () => {
    const decision = await decided();
    expect(decision.outcome).toBe("pending");
    const licence = decision.members.find((m) => m.key === "food-licence");
    expect(licence).toMatchObject({
      decidedBy: "department",
      status: "pending",
      department: "县级市场监督管理局（食品经营许可）",
      due: "2025-07-28",
      deemedConsent: { due: "2025-07-14", authority: "local-policy" },
    });
    expect(decision.timeLimit).toMatchObject({ due: "2025-07-28", member: "food-licence" });
  });

  it("are not forwarded, and no time runs, while the application is incomplete", async () => {
    const decision = await decided((app) => {
      app.materials = [];
    });
    expect(decision.outcome).toBe("incomplete");
    const licence = decision.members.find((m) => m.key === "food-licence");
    expect(licence).toMatchObject({ status: "not-forwarded" });
    expect(licence && "due" in licence).toBe(false);
    expect(decision.timeLimit).toBeUndefined();
  });

  it("still refer when a rules member refers", async () => {
    const decision = await decided((app) => {
      app.evidence.screening.prohibitedPerson = true;
    });
    expect(decision.outcome).toBe("refer");
    expect(decision.referrals.map((r) => `${r.member}:${r.code}`)).toEqual([
      "registration:R-PROHIBITED-PERSON",
    ]);
  });
});

describe("oneThingStatus", () => {
  it("gives the traffic light of the department's due date while it is pending", async () => {
    const decision = await decided();
    const { calendar } = await rulesWithExample();
    if (calendar === undefined) throw new Error("no calendar");
    const on = (today: string) => oneThingStatus(decision, [], today, { calendar });
    expect(on("2025-07-01")).toMatchObject({ status: "in-progress", light: "green" });
    expect(on("2025-07-14").members[1]).toMatchObject({ status: "pending", light: "green" });
  });

  it("records deemed consent, with its basis, once the cited time limit has run out — never as an approval", async () => {
    const decision = await decided();
    const { calendar } = await rulesWithExample();
    if (calendar === undefined) throw new Error("no calendar");
    const status = oneThingStatus(decision, [], "2025-07-15", { calendar });
    expect(status.status).toBe("action-needed");
    const licence = status.members.find((m) => m.key === "food-licence");
    expect(licence?.status).toBe("deemed-consent");
    expect(licence?.deemedConsent).toMatchObject({
      since: "2025-07-14",
      authority: "local-policy",
      basis: [expect.objectContaining({ ref: "taizhou-deemed-consent-pilot" })],
    });
    // The department's licence is still not approved, on any later day.
    for (const today of ["2025-07-28", "2025-07-29", "2026-01-05"]) {
      const later = oneThingStatus(decision, [], today, { calendar });
      expect(later.status).not.toBe("complete");
      expect(later.members.find((m) => m.key === "food-licence")?.status).not.toBe("approved");
    }
  });

  it("never deems consent where the file cites no basis: the member goes overdue", async () => {
    const decision = await decided();
    const { calendar } = await rulesWithExample();
    if (calendar === undefined) throw new Error("no calendar");
    const withoutConsent: CombinedDecision = {
      ...decision,
      members: decision.members.map((m) => {
        if (m.decidedBy !== "department") return m;
        const { deemedConsent: _, ...rest } = m;
        return rest;
      }),
    };
    expect(oneThingStatus(withoutConsent, [], "2025-07-15", { calendar }).members[1]).toMatchObject(
      {
        status: "pending",
        light: "green",
      },
    );
    expect(oneThingStatus(withoutConsent, [], "2025-07-28", { calendar })).toMatchObject({
      status: "in-progress",
      light: "red",
    });
    expect(oneThingStatus(withoutConsent, [], "2025-07-29", { calendar })).toMatchObject({
      status: "action-needed",
      light: "overdue",
      members: [{ status: "approved" }, { status: "overdue" }],
    });
  });

  it("is complete only when the department answers that it approved", async () => {
    const decision = await decided();
    const { calendar } = await rulesWithExample();
    if (calendar === undefined) throw new Error("no calendar");
    const approved = [{ member: "food-licence", answer: "approved" as const, on: "2025-07-10" }];
    expect(oneThingStatus(decision, approved, "2025-07-10", { calendar }).status).toBe("complete");
    const refused = [{ member: "food-licence", answer: "refused" as const, on: "2025-07-10" }];
    expect(oneThingStatus(decision, refused, "2025-07-10", { calendar }).status).toBe("refused");
  });

  it("refuses an answer for a member no department decides", async () => {
    const decision = await decided();
    const { calendar } = await rulesWithExample();
    if (calendar === undefined) throw new Error("no calendar");
    expect(() =>
      oneThingStatus(
        decision,
        [{ member: "registration", answer: "approved", on: "2025-07-01" }],
        "2025-07-01",
        {
          calendar,
        },
      ),
    ).toThrow(RangeError);
  });
});

describe("the combined application's dates", () => {
  // 条例 art 19: an application is accepted on or after the day it is made (application-date.ts).
  it("refuses an acceptance before the application, with or without replay", async () => {
    const rules = await rulesWithExample();
    const application = structuredClone(readJson(EXAMPLE_APPLICATION)) as Json;
    application.acceptedOn = "2025-06-01";
    await expect(decideOneThing(rules, application, REPLAY)).rejects.toMatchObject({
      problems: [expect.objectContaining({ code: "accepted-before-applied" })],
    });
  });
});
