import { describe, expect, it } from "vitest";
import { loadRules } from "../../src/index.js";
import { approvable } from "../helpers.js";
import { indexOf, pristine, writeRules } from "./planted.js";

describe("the matches operator", () => {
  it("decides on a vetted pattern: a mainland mobile number passes, anything else fails", async () => {
    const m = pristine();
    m.standards[indexOf(m.standards, "GT-C04-liaison-real-name")].require = {
      all: [
        { fact: "evidence", path: "realName.liaison.passed", operator: "equal", value: true },
        { fact: "data", path: "liaison.phone", operator: "matches", value: "^1[3-9]\\d{9}$" },
      ],
    };
    const rules = await loadRules(writeRules(m).root);
    const valid = approvable();
    expect((await rules.decide(valid, { replay: true })).outcome).toBe("approve");

    const landline = approvable();
    landline.data.liaison.phone = "010-12345678";
    const decision = await rules.decide(landline, { replay: true });
    expect(decision.checks.find((c) => c.id === "GT-C04-liaison-real-name")?.status).toBe("fail");
    expect(decision.outcome).toBe("refer");
  });

  it("is unknown, never false, when the value is missing", async () => {
    const m = pristine();
    m.standards[indexOf(m.standards, "GT-C04-liaison-real-name")].require = {
      fact: "data",
      path: "agent.name",
      operator: "matches",
      value: "^\\p{Script=Han}+$",
    };
    const rules = await loadRules(writeRules(m).root);
    const decision = await rules.decide(approvable(), { replay: true });
    expect(decision.checks.find((c) => c.id === "GT-C04-liaison-real-name")?.status).toBe(
      "unknown",
    );
  });
});
