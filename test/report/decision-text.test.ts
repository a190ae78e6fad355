import { describe, expect, it } from "vitest";
import { loadRules } from "../../src/index.js";
import { formatDecisionText } from "../../src/report/decision-text.js";
import { approvable } from "../helpers.js";

// The notice's first line says what was decided and no more than the decision holds: 准予办理
// (the matter's title before it says whether it is a registration or a filing), and 当场办结
// only where the decision's time limit is on the spot.

describe("the decision text's outcome line", () => {
  it("says 当场办结 for an approval on the spot, and not for one that takes days", async () => {
    const rules = await loadRules();
    const decision = await rules.decide(approvable(), { replay: true });
    expect(decision.outcome).toBe("approve");
    expect(decision.timeLimit?.onTheSpot).toBe(true);
    expect(formatDecisionText(decision, "个体工商户设立登记").split("\n")[0]).toBe(
      "个体工商户设立登记 1.0.0 — 准予办理（当场办结）",
    );
    // The same approval with a time limit of working days (a matter not decided on the spot).
    const later = {
      ...decision,
      timeLimit: {
        ...(decision.timeLimit as NonNullable<typeof decision.timeLimit>),
        onTheSpot: false,
      },
    };
    expect(formatDecisionText(later, "个体工商户设立登记").split("\n")[0]).toBe(
      "个体工商户设立登记 1.0.0 — 准予办理",
    );
    const english = await rules.decide(approvable(), { replay: true, locale: "en" });
    expect(formatDecisionText(english).split("\n")[0]).toBe(
      "individual-business.establishment 1.0.0 — Approved (decided on the spot)",
    );
  });

  it("never says 当场办结 for an incomplete application or a referral", async () => {
    const rules = await loadRules();
    const incomplete = approvable();
    delete incomplete.data.liaison;
    const decision = await rules.decide(incomplete, { replay: true });
    expect(decision.outcome).toBe("incomplete");
    expect(formatDecisionText(decision).split("\n")[0]).not.toContain("当场办结");
  });
});
