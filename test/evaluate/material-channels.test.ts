// Issue 11, class 8: a material sent by a channel it does not accept is a plain 补正.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { acceptedChannels, strongestAccepted } from "../../src/evaluate/material-channels.js";
import { bundledRules } from "../helpers.js";

const fixture = (matter: string, name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../fixtures/${matter}/${name}.json`, import.meta.url), "utf8"),
  ).application;

const preApproval = { id: "M05", satisfiedBy: ["shared", "upload"], deferrable: false } as const;

describe("acceptedChannels and strongestAccepted", () => {
  it("accept a material's satisfiedBy, and deferred only when it is deferrable", () => {
    expect(acceptedChannels(preApproval)).toEqual(["upload", "shared"]);
    expect(acceptedChannels({ satisfiedBy: ["upload", "commitment"], deferrable: true })).toEqual([
      "upload",
      "commitment",
      "deferred",
    ]);
  });

  it("count no submission by a refused channel, however strong or early it is listed", () => {
    expect(strongestAccepted(preApproval, [{ id: "M05", via: "commitment" }])).toBeUndefined();
    // e-sign ranks with shared and before it, but M05 does not accept it: shared counts.
    expect(
      strongestAccepted(preApproval, [
        { id: "M05", via: "e-sign" },
        { id: "M05", via: "shared" },
      ])?.via,
    ).toBe("shared");
  });
});

describe("deciding a pre-approval document sent by commitment", () => {
  it("asks for it, naming the refused and the accepted channels, and refers nothing", async () => {
    const rules = await bundledRules();
    const decision = await rules.decide(
      fixture("individual-business.establishment", "preapproval-by-commitment-incomplete"),
      { locale: "en", replay: true },
    );
    expect(decision.outcome).toBe("incomplete");
    expect(decision.referrals).toEqual([]);
    const missing = decision.missing.find((m) => m.id === "GT-M05");
    // The wording is the notices' concern; what it must name is not.
    for (const word of ["Pre-registration approval", "commitment", "shared", "upload"]) {
      expect(missing?.message).toContain(word);
    }
    expect(decision.checks.find((c) => c.id === "GT-C11-preapproval-valid")?.status).toBe(
      "not-applicable",
    );
  });

  it("checks the document when an accepted channel is listed beside a refused one", async () => {
    const rules = await bundledRules();
    const decision = await rules.decide(
      fixture(
        "individual-business.establishment",
        "preapproval-e-signed-and-shared-unverified-refer",
      ),
      { replay: true },
    );
    expect(decision.materials.find((m) => m.id === "GT-M05")).toMatchObject({
      status: "satisfied",
      via: "shared",
    });
    expect(decision.checks.find((c) => c.id === "GT-C11-preapproval-valid")?.status).toBe("fail");
    expect(decision.outcome).toBe("refer");
  });
});
