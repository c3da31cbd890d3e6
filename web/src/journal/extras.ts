/**
 * What the JSON export carries besides entries: the safety plan, exercise completions,
 * behavioural-activation plans and quick mood check-ins. They live in the vault's device
 * secrets (encrypted, not synced), so without this they would be lost with the device.
 * @remarks Import merges and never overwrites: list rows are added by id, and a safety plan is
 * restored only when this device has none. The crisis log (time and score) is not exported.
 */
import { z } from "zod";
import { ACTIVATION_SECRET, MAX_PLANS } from "../exercises/activation";
import { COMPLETIONS_SECRET, MAX_COMPLETIONS } from "../exercises/completions";
import type { SecretStore } from "../exercises/secret-list";
import { SAFETY_PLAN_SECRET, validateSafetyPlan } from "../guide/safety-plan";
import { MAX_QUICK_CHECKINS, QUICK_CHECKINS_SECRET } from "../insights/quick-checkins";

export type { SecretStore };

/** Export field → the vault secret it comes from (the owning modules' names). */
export const EXTRA_SECRETS = {
  safetyPlan: SAFETY_PLAN_SECRET,
  exerciseCompletions: COMPLETIONS_SECRET,
  activationPlans: ACTIVATION_SECRET,
  moodCheckIns: QUICK_CHECKINS_SECRET,
} as const;

type ListField = Exclude<keyof typeof EXTRA_SECRETS, "safetyPlan">;
/** Per list: the most rows the owning module keeps and the field that orders rows. */
const LISTS: Record<ListField, { max: number; time: string }> = {
  exerciseCompletions: { max: MAX_COMPLETIONS, time: "endedAt" },
  activationPlans: { max: MAX_PLANS, time: "createdAt" },
  moodCheckIns: { max: MAX_QUICK_CHECKINS, time: "at" },
};

/** A list row only needs an id here; the owning module validates (and skips) rows on read. */
const rowSchema = z.looseObject({ id: z.string().min(1).max(100) });

export const extrasSchema = z
  .object({
    safetyPlan: z.unknown().optional(),
    exerciseCompletions: z.array(rowSchema).max(10_000).optional(),
    activationPlans: z.array(rowSchema).max(10_000).optional(),
    moodCheckIns: z.array(rowSchema).max(20_000).optional(),
  })
  .strict();

export type ExportExtras = z.infer<typeof extrasSchema>;

const rowsOf = (raw: unknown) =>
  Array.isArray(raw) ? raw.filter((r) => rowSchema.safeParse(r).success) : [];

/** Everything there is to export; empty lists and a missing plan are left out. */
export async function collectExtras(secrets: SecretStore): Promise<ExportExtras> {
  const out: ExportExtras = {};
  const plan = await secrets.readSecret(EXTRA_SECRETS.safetyPlan);
  if (plan !== undefined && validateSafetyPlan(plan).ok) out.safetyPlan = plan;
  for (const field of Object.keys(LISTS) as ListField[]) {
    const rows = rowsOf(await secrets.readSecret(EXTRA_SECRETS[field]));
    if (rows.length) out[field] = rows as never;
  }
  return out;
}

export interface RestoreReport {
  /** Rows added per list (0 when all were already here). */
  added: Partial<Record<ListField, number>>;
  safetyPlan: "restored" | "kept-existing" | "invalid" | "none";
}

/** Merges an import's extras into this device's secrets without losing anything already here. */
export async function restoreExtras(secrets: SecretStore, extras: ExportExtras): Promise<RestoreReport> {
  const report: RestoreReport = { added: {}, safetyPlan: "none" };
  if (extras.safetyPlan !== undefined) {
    const check = validateSafetyPlan(extras.safetyPlan);
    const existing = await secrets.readSecret(EXTRA_SECRETS.safetyPlan);
    if (!check.ok) report.safetyPlan = "invalid";
    else if (existing !== undefined && validateSafetyPlan(existing).ok) report.safetyPlan = "kept-existing";
    else {
      await secrets.writeSecret(EXTRA_SECRETS.safetyPlan, check.plan);
      report.safetyPlan = "restored";
    }
  }
  for (const field of Object.keys(LISTS) as ListField[]) {
    const incoming = extras[field];
    if (!incoming?.length) continue;
    const { max, time } = LISTS[field];
    const current = rowsOf(await secrets.readSecret(EXTRA_SECRETS[field])) as Record<string, unknown>[];
    const ids = new Set(current.map((r) => r.id));
    const fresh = incoming.filter((r) => !ids.has(r.id) && (ids.add(r.id), true));
    report.added[field] = fresh.length;
    if (!fresh.length) continue;
    const when = (r: Record<string, unknown>) => (typeof r[time] === "number" ? (r[time] as number) : 0);
    const merged = [...current, ...fresh].sort((a, b) => when(a) - when(b)).slice(-max);
    await secrets.writeSecret(EXTRA_SECRETS[field], merged);
  }
  return report;
}

/** One sentence for the person, e.g. "Also restored: your safety plan and 12 check-ins." */
export function describeRestore(r: RestoreReport): string {
  const parts: string[] = [];
  if (r.safetyPlan === "restored") parts.push("your safety plan");
  const n = (k: ListField, one: string, many: string) => {
    const c = r.added[k] ?? 0;
    if (c) parts.push(`${c} ${c === 1 ? one : many}`);
  };
  n("moodCheckIns", "check-in", "check-ins");
  n("exerciseCompletions", "exercise session", "exercise sessions");
  n("activationPlans", "activity plan", "activity plans");
  let text = parts.length ? `Also restored: ${parts.join(", ")}.` : "";
  if (r.safetyPlan === "kept-existing") text += `${text ? " " : ""}Your current safety plan was kept.`;
  return text;
}
