/**
 * Behavioural activation: plan one small, valued activity, then check it off later.
 * Plans are kept encrypted (vault secret "activation-plans").
 */
import { z } from "zod";
import { randomId } from "../crypto";
import { secretList, type SecretStore } from "./secret-list";

export const ACTIVATION_SECRET = "activation-plans";
export const MAX_PLANS = 500;

export interface ActivationPlan {
  id: string;
  /** The small activity, e.g. "Walk to the park for ten minutes". */
  activity: string;
  /** Why it matters to the person (optional). */
  why: string;
  /** Planned day, "YYYY-MM-DD" in local time. */
  day: string;
  createdAt: number;
  doneAt?: number;
}

const PlanSchema = z.object({
  id: z.string().min(1).max(100),
  activity: z.string().min(1).max(300),
  why: z.string().max(1_000),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  createdAt: z.number().finite(),
  doneAt: z.number().finite().optional(),
});

export interface ActivationPlanner {
  /** Open plans first (by day), then done ones (most recent first). */
  list(): Promise<ActivationPlan[]>;
  add(p: { activity: string; why?: string; day: string }): Promise<ActivationPlan>;
  setDone(id: string, done: boolean): Promise<void>;
  remove(id: string): Promise<void>;
}

export function checkPlan(p: { activity: string; why?: string; day: string }): string | undefined {
  if (!p.activity.trim()) return "Name one small activity.";
  if (p.activity.trim().length > 300) return "Keep the activity short (up to 300 characters).";
  if ((p.why ?? "").length > 1_000) return "Keep the reason under 1,000 characters.";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(p.day) || Number.isNaN(Date.parse(p.day))) return "Choose a day.";
  return undefined;
}

export function createActivationPlanner(
  secrets: SecretStore,
  now: () => number = Date.now,
): ActivationPlanner {
  const rows = secretList(secrets, ACTIVATION_SECRET, PlanSchema, MAX_PLANS);
  const order = (ps: ActivationPlan[]) => [
    ...ps.filter((p) => !p.doneAt).sort((a, b) => a.day.localeCompare(b.day) || a.createdAt - b.createdAt),
    ...ps.filter((p) => p.doneAt).sort((a, b) => b.doneAt! - a.doneAt!),
  ];
  return {
    list: async () => order(await rows.all()),
    async add(p) {
      const problem = checkPlan(p);
      if (problem) throw new Error(problem);
      const plan: ActivationPlan = {
        id: randomId(),
        activity: p.activity.trim(),
        why: (p.why ?? "").trim(),
        day: p.day,
        createdAt: now(),
      };
      await rows.update((all) => [...all, plan]);
      return plan;
    },
    async setDone(id, done) {
      await rows.update((all) =>
        all.map((p) => {
          if (p.id !== id) return p;
          const { doneAt: _old, ...rest } = p;
          return done ? { ...rest, doneAt: now() } : rest;
        }),
      );
    },
    async remove(id) {
      await rows.update((all) => all.filter((p) => p.id !== id));
    },
  };
}

/** "YYYY-MM-DD" for a time, in local time. */
export function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}
