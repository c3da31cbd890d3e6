/**
 * The safety-plan form's own shape (a textarea per list, rows of contacts) and its way to and
 * from a `SafetyPlan`. Pure: no React, no storage, so it is tested in Node.
 */
import {
  emptySafetyPlan,
  isSafetyPlanEmpty,
  tidySafetyPlan,
  type SafetyContact,
  type SafetyPlan,
} from "../../guide";

export type ListKey =
  "warningSigns" | "copingStrategies" | "places" | "environmentSafety" | "reasonsForLiving";
export type PeopleKey = "distractionPeople" | "helpPeople" | "professionals";

export interface Draft {
  lists: Record<ListKey, string>;
  people: Record<PeopleKey, SafetyContact[]>;
}

export const STEPS: ({ kind: "list"; key: ListKey } | { kind: "people"; key: PeopleKey })[][] = [
  [{ kind: "list", key: "warningSigns" }],
  [{ kind: "list", key: "copingStrategies" }],
  [
    { kind: "list", key: "places" },
    { kind: "people", key: "distractionPeople" },
  ],
  [{ kind: "people", key: "helpPeople" }],
  [{ kind: "people", key: "professionals" }],
  [{ kind: "list", key: "environmentSafety" }],
  [{ kind: "list", key: "reasonsForLiving" }],
];

export const TEXT: Record<ListKey | PeopleKey, { label: string; hint: string; add?: string }> = {
  warningSigns: {
    label: "Warning signs that a crisis may be developing",
    hint: "Thoughts, moods, situations or things you do that tell you a hard time may be coming.",
  },
  copingStrategies: {
    label: "Things I can do on my own to take my mind off things",
    hint: "Without contacting anyone: a walk, music, a shower, a breathing exercise…",
  },
  places: {
    label: "Places that help me take my mind off things",
    hint: "Somewhere with other people around: a café, a library, a park, the gym…",
  },
  distractionPeople: { label: "People who help me take my mind off things", hint: "", add: "Add a person" },
  helpPeople: {
    label: "People I can ask for help",
    hint: "People you trust to talk to when it gets hard.",
    add: "Add a person",
  },
  professionals: {
    label: "Professionals or services I can contact",
    hint: "Your doctor, a therapist, a local crisis service…",
    add: "Add a professional or service",
  },
  environmentSafety: {
    label: "Making my surroundings safer",
    hint: "Ways to keep things you could use to hurt yourself out of reach, or to ask someone to hold them.",
  },
  reasonsForLiving: {
    label: "My reasons for living",
    hint: "The people, pets, plans and things that matter most to you.",
  },
};

export function toDraft(p: SafetyPlan): Draft {
  const lines = (xs: string[]) => xs.join("\n");
  return {
    lists: {
      warningSigns: lines(p.warningSigns),
      copingStrategies: lines(p.copingStrategies),
      places: lines(p.distractions.places),
      environmentSafety: lines(p.environmentSafety),
      reasonsForLiving: lines(p.reasonsForLiving),
    },
    people: {
      distractionPeople: p.distractions.people,
      helpPeople: p.helpPeople,
      professionals: p.professionals,
    },
  };
}

export function fromDraft(d: Draft, base: SafetyPlan = emptySafetyPlan()): SafetyPlan {
  const items = (s: string) => s.split("\n");
  return {
    ...base,
    warningSigns: items(d.lists.warningSigns),
    copingStrategies: items(d.lists.copingStrategies),
    distractions: { places: items(d.lists.places), people: d.people.distractionPeople },
    helpPeople: d.people.helpPeople,
    professionals: d.people.professionals,
    environmentSafety: items(d.lists.environmentSafety),
    reasonsForLiving: items(d.lists.reasonsForLiving),
  };
}

const content = (p: SafetyPlan) => JSON.stringify({ ...tidySafetyPlan(p), updatedAt: 0 });

/**
 * Whether writing `plan` would change anything: not when it says what the stored plan already
 * says (blank rows and spaces aside), and never an empty plan where none was written, so opening
 * the screen, or adding an empty row, stores nothing.
 */
export function needsSaving(plan: SafetyPlan, stored: SafetyPlan | null): boolean {
  if (stored === null) return !isSafetyPlanEmpty(tidySafetyPlan(plan));
  return content(plan) !== content(stored);
}

const SECTION: Record<string, string> = {
  warningSigns: TEXT.warningSigns.label,
  copingStrategies: TEXT.copingStrategies.label,
  "distractions.places": TEXT.places.label,
  "distractions.people": TEXT.distractionPeople.label,
  helpPeople: TEXT.helpPeople.label,
  professionals: TEXT.professionals.label,
  environmentSafety: TEXT.environmentSafety.label,
  reasonsForLiving: TEXT.reasonsForLiving.label,
};

/**
 * validateSafetyPlan's problems ("helpPeople.0.name: Each person needs a name.") in the form's
 * words ("People I can ask for help: each person needs a name."): the section's label, then the
 * schema's own sentence. Lines and rows are counted after blank ones are dropped, so no number is
 * given: it could point at the wrong one.
 */
export function readableErrors(errors: string[]): string[] {
  const out = errors.map((e) => {
    const m = /^([\w.]+): (.*)$/.exec(e);
    if (!m) return e;
    const path = m[1]!.split(".");
    const label = SECTION[path[0] === "distractions" ? path.slice(0, 2).join(".") : path[0]!];
    return label ? `${label}: ${lowerFirst(m[2]!)}` : e;
  });
  return [...new Set(out)];
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
