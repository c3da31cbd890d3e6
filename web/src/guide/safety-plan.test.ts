import { describe, expect, it } from "vitest";
import {
  SAFETY_PLAN_SECTIONS,
  emptySafetyPlan,
  isSafetyPlanEmpty,
  telHref,
  tidySafetyPlan,
  validateSafetyPlan,
} from "./safety-plan.js";

describe("safety plan", () => {
  it("an empty plan validates and is empty", () => {
    const plan = emptySafetyPlan(1);
    expect(validateSafetyPlan(plan)).toEqual({ ok: true, plan });
    expect(isSafetyPlanEmpty(plan)).toBe(true);
  });

  it("has the seven Stanley–Brown sections", () => {
    expect(SAFETY_PLAN_SECTIONS).toHaveLength(7);
  });

  it("a filled plan validates, and tidying drops blank lines and contacts", () => {
    const plan = {
      ...emptySafetyPlan(5),
      warningSigns: ["  I stop answering messages ", ""],
      reasonsForLiving: ["my sister", "   "],
      helpPeople: [
        { name: "Sam", phone: "07700 900123" },
        { name: "", phone: "" },
      ],
      distractions: { people: [], places: ["the library"] },
    };
    const tidy = tidySafetyPlan(plan);
    expect(tidy.warningSigns).toEqual(["I stop answering messages"]);
    expect(tidy.reasonsForLiving).toEqual(["my sister"]);
    expect(tidy.helpPeople).toEqual([{ name: "Sam", phone: "07700 900123" }]);
    expect(isSafetyPlanEmpty(tidy)).toBe(false);
    expect(validateSafetyPlan(tidy).ok).toBe(true);
  });

  it("reports readable problems instead of throwing", () => {
    const r = validateSafetyPlan({
      ...emptySafetyPlan(1),
      helpPeople: [{ name: "" }],
      warningSigns: "not a list",
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.join("\n")).toMatch(/helpPeople\.0\.name: Each person needs a name/);
      expect(r.errors.join("\n")).toMatch(/warningSigns/);
    }
    expect(validateSafetyPlan(null).ok).toBe(false);
  });

  it("makes tel: links only for dialable numbers", () => {
    expect(telHref("+44 7700 900123")).toBe("tel:+447700900123");
    expect(telHref("(555) 010-0199")).toBe("tel:5550100199");
    expect(telHref("ask at reception")).toBeNull();
    expect(telHref(undefined)).toBeNull();
  });
});
