/**
 * "My safety plan", after the Stanley–Brown Safety Planning Intervention: written in advance,
 * shown on the crisis screen when it exists, reachable from the main screen at any time.
 *
 * @remarks Only the type and pure helpers live here; storage (encrypted like an entry) is the
 * journal's job. Validation returns problems as values with messages a person can read.
 */
import { z } from "zod";

const Item = z
  .string()
  .trim()
  .min(1)
  .max(500, "A line is longer than 500 characters; please shorten it or split it in two.");
const Items = z.array(Item).max(30, "There can be at most 30 lines.");

/** The vault secret the plan is sealed under (read by the safety-plan screen and the export). */
export const SAFETY_PLAN_SECRET = "safety-plan";

export const SafetyContactSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Each person needs a name.")
    .max(120, "A name can be at most 120 characters."),
  /** Free text: people write numbers many ways; the screen makes a tel: link only if it is dialable. */
  phone: z.string().trim().max(40, "A phone can be at most 40 characters.").optional(),
  note: z.string().trim().max(300, "A note can be at most 300 characters.").optional(),
});
const People = z.array(SafetyContactSchema).max(20, "There can be at most 20 people.");

export const SafetyPlanSchema = z.object({
  version: z.literal(1),
  /** 1. Warning signs: thoughts, moods, situations that tell me a crisis may be coming. */
  warningSigns: Items,
  /** 2. Things I can do on my own to take my mind off things. */
  copingStrategies: Items,
  /** 3. People and social settings that give me a distraction. */
  distractions: z.object({ people: People, places: Items }),
  /** 4. People I can ask for help. */
  helpPeople: People,
  /** 5. Professionals or agencies I can contact in a crisis. */
  professionals: People,
  /** 6. Making my environment safer (putting distance between me and the means). */
  environmentSafety: Items,
  /** 7. Reasons for living: the things most important to me. */
  reasonsForLiving: Items,
  updatedAt: z.number().int().nonnegative(),
});

export type SafetyContact = z.infer<typeof SafetyContactSchema>;
export type SafetyPlan = z.infer<typeof SafetyPlanSchema>;

/** The sections in the order the plan is filled in and shown, with their headings. */
export const SAFETY_PLAN_SECTIONS = [
  { key: "warningSigns", title: "Warning signs that a crisis may be developing" },
  { key: "copingStrategies", title: "Things I can do on my own to take my mind off things" },
  { key: "distractions", title: "People and places that help me take my mind off things" },
  { key: "helpPeople", title: "People I can ask for help" },
  { key: "professionals", title: "Professionals or services I can contact" },
  { key: "environmentSafety", title: "Making my surroundings safer" },
  { key: "reasonsForLiving", title: "My reasons for living" },
] as const;

export function emptySafetyPlan(now: number = Date.now()): SafetyPlan {
  return {
    version: 1,
    warningSigns: [],
    copingStrategies: [],
    distractions: { people: [], places: [] },
    helpPeople: [],
    professionals: [],
    environmentSafety: [],
    reasonsForLiving: [],
    updatedAt: now,
  };
}

/** True when nothing has been written yet (the crisis screen then shows no plan section). */
export function isSafetyPlanEmpty(plan: SafetyPlan): boolean {
  return (
    plan.warningSigns.length +
      plan.copingStrategies.length +
      plan.distractions.people.length +
      plan.distractions.places.length +
      plan.helpPeople.length +
      plan.professionals.length +
      plan.environmentSafety.length +
      plan.reasonsForLiving.length ===
    0
  );
}

/** Drops blank lines and blank contacts (the form leaves them while typing), trims the rest. */
export function tidySafetyPlan(plan: SafetyPlan): SafetyPlan {
  const items = (xs: string[]) => xs.map((x) => x.trim()).filter(Boolean);
  const people = (xs: SafetyContact[]) =>
    xs
      .map((c) => ({
        name: c.name.trim(),
        ...(c.phone?.trim() ? { phone: c.phone.trim() } : {}),
        ...(c.note?.trim() ? { note: c.note.trim() } : {}),
      }))
      .filter((c) => c.name || c.phone);
  return {
    ...plan,
    warningSigns: items(plan.warningSigns),
    copingStrategies: items(plan.copingStrategies),
    distractions: { people: people(plan.distractions.people), places: items(plan.distractions.places) },
    helpPeople: people(plan.helpPeople),
    professionals: people(plan.professionals),
    environmentSafety: items(plan.environmentSafety),
    reasonsForLiving: items(plan.reasonsForLiving),
  };
}

export type SafetyPlanCheck = { ok: true; plan: SafetyPlan } | { ok: false; errors: string[] };

/** Validates decrypted or imported data; returns readable problems instead of throwing. */
export function validateSafetyPlan(value: unknown): SafetyPlanCheck {
  const r = SafetyPlanSchema.safeParse(value);
  if (r.success) return { ok: true, plan: r.data };
  return {
    ok: false,
    errors: r.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)),
  };
}

/** A tel: link for a contact's phone when it is dialable ("+44 7700 900123" → "tel:+447700900123"). */
export function telHref(phone: string | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/[\s().-]/g, "");
  return /^\+?\d{3,15}$/.test(digits) ? `tel:${digits}` : null;
}
