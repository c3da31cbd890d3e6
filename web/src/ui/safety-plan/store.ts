/**
 * "My safety plan", stored sealed under the account key (a vault secret, like the sync
 * session): encrypted in IndexedDB, never plaintext. Cached in memory while unlocked.
 *
 * @remarks A vault secret stays on this device; syncing the plan to other devices would need
 * its own Automerge document in the journal (not done yet).
 */
import { useEffect, useSyncExternalStore } from "react";
import {
  isSafetyPlanEmpty,
  SAFETY_PLAN_SECRET,
  tidySafetyPlan,
  validateSafetyPlan,
  type SafetyPlan,
} from "../../guide";
import { vault } from "../../app-services";

export type PlanState =
  { state: "loading" } | { state: "ready"; plan: SafetyPlan | null } | { state: "error"; message: string };

let current: PlanState = { state: "loading" };
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();
const set = (s: PlanState) => {
  current = s;
  listeners.forEach((l) => l());
};

// Locking drops the decrypted plan from memory; unlocking reads it again.
let lastStatus = vault.status();
vault.subscribe(() => {
  const status = vault.status();
  if (status === lastStatus) return;
  lastStatus = status;
  loading = null;
  if (current.state !== "loading") set({ state: "loading" });
});

export function loadSafetyPlan(): Promise<void> {
  loading ??= (async () => {
    try {
      const raw = await vault.readSecret(SAFETY_PLAN_SECRET);
      if (raw === undefined) return set({ state: "ready", plan: null });
      const check = validateSafetyPlan(raw);
      set(
        check.ok
          ? { state: "ready", plan: check.plan }
          : { state: "error", message: "Your saved safety plan couldn't be read. You can write it again." },
      );
    } catch {
      // Locked (the crisis screen can show while locked): no plan until unlock reloads it.
      set({
        state: "error",
        message: "Your safety plan couldn't be opened. Unlock the journal and try again.",
      });
    }
  })();
  return loading;
}

/** Reads the plan again (after an import restored one). */
export function reloadSafetyPlan(): Promise<void> {
  loading = null;
  return loadSafetyPlan();
}

/** Tidies, validates and stores the plan; returns readable problems instead of throwing. */
export async function saveSafetyPlan(
  plan: SafetyPlan,
): Promise<{ ok: true } | { ok: false; errors: string[] }> {
  const tidy = { ...tidySafetyPlan(plan), updatedAt: Date.now() };
  const check = validateSafetyPlan(tidy);
  if (!check.ok) return check;
  await vault.writeSecret(SAFETY_PLAN_SECRET, check.plan);
  loading = Promise.resolve();
  set({ state: "ready", plan: check.plan });
  return { ok: true };
}

/** The plan (null when none was written), loading it on first use. */
export function useSafetyPlan(): PlanState {
  const s = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    () => current,
  );
  useEffect(() => {
    void loadSafetyPlan();
  }, [s.state]);
  return s;
}

export const hasPlan = (s: PlanState): s is { state: "ready"; plan: SafetyPlan } =>
  s.state === "ready" && s.plan !== null && !isSafetyPlanEmpty(s.plan);
