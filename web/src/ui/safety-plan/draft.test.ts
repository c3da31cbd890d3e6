// The form's shape and when the autosave writes: never an empty plan for just opening the screen,
// never a write that changes nothing; validation problems in the form's words.
import { describe, expect, it } from "vitest";
import { emptySafetyPlan, validateSafetyPlan, tidySafetyPlan } from "../../guide";
import { fromDraft, needsSaving, readableErrors, toDraft } from "./draft";

const draftOf = (edit: (d: ReturnType<typeof toDraft>) => void) => {
  const d = toDraft(emptySafetyPlan(1));
  edit(d);
  return d;
};

describe("safety plan draft", () => {
  it("round-trips a plan through the form", () => {
    const plan = {
      ...emptySafetyPlan(7),
      warningSigns: ["Lying awake", "Skipping meals"],
      distractions: { places: ["The library"], people: [{ name: "Jo", phone: "555 0100" }] },
      professionals: [{ name: "Dr Okafor" }],
    };
    expect(tidySafetyPlan(fromDraft(toDraft(plan), plan))).toEqual(plan);
  });

  it("opening the screen, or adding a blank row, is nothing to save when no plan exists", () => {
    expect(needsSaving(fromDraft(toDraft(emptySafetyPlan())), null)).toBe(false);
    const blank = draftOf((d) => {
      d.people.helpPeople = [{ name: "", phone: "" }];
      d.lists.warningSigns = "\n  \n";
    });
    expect(needsSaving(fromDraft(blank), null)).toBe(false);
  });

  it("typed text is worth saving", () => {
    const d = draftOf((x) => {
      x.lists.copingStrategies = "A walk by the river";
    });
    expect(needsSaving(fromDraft(d), null)).toBe(true);
  });

  it("no write when the form says what is stored; a write when it changes or is cleared", () => {
    const stored = { ...emptySafetyPlan(5), reasonsForLiving: ["Biscuit"] };
    const same = draftOf((d) => {
      d.lists.reasonsForLiving = "  Biscuit \n\n";
      d.people.helpPeople = [{ name: "" }];
    });
    expect(needsSaving(fromDraft(same), stored)).toBe(false);
    const more = draftOf((d) => {
      d.lists.reasonsForLiving = "Biscuit\nThe sea";
    });
    expect(needsSaving(fromDraft(more), stored)).toBe(true);
    // Clearing a stored plan is the person's choice: it is saved.
    expect(needsSaving(fromDraft(toDraft(emptySafetyPlan())), stored)).toBe(true);
  });

  it("validation problems read in the form's words", () => {
    const plan = tidySafetyPlan(
      fromDraft(
        draftOf((d) => {
          d.people.helpPeople = [{ name: "", phone: "555 0100" }];
          d.people.professionals = [{ name: "", phone: "0800" }];
          d.lists.warningSigns = "x".repeat(501);
          d.lists.reasonsForLiving = Array.from({ length: 31 }, (_, i) => `reason ${i}`).join("\n");
        }),
      ),
    );
    const check = validateSafetyPlan(plan);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(readableErrors(check.errors)).toEqual([
      "Warning signs that a crisis may be developing: a line is longer than 500 characters; please shorten it or split it in two.",
      "People I can ask for help: each person needs a name.",
      "Professionals or services I can contact: each person needs a name.",
      "My reasons for living: there can be at most 30 lines.",
    ]);
    expect(readableErrors(["something else"])).toEqual(["something else"]);
  });
});
