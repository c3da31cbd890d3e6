/**
 * "My safety plan", stored sealed under the account key (a vault secret, like the sync
 * session): encrypted in IndexedDB, never plaintext. Cached in memory while unlocked.
 *
 * The editor autosaves through `planAutosave` (one per app session, so a save that is still
 * running when the person navigates away finishes, and coming back shows what they typed even
 * before it is written, or when it could not be written). Locking forgets it with the plan.
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
import { Autosaver, type SaveOutcome } from "./autosave";
import { fromDraft, needsSaving, readableErrors, type Draft } from "./draft";

/** How long typing must pause before the plan is saved. */
export const AUTOSAVE_DELAY_MS = 800;

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
  planAutosave.reset(); // the decrypted draft goes with the keys
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
  if (!planAutosave.unsaved) planAutosave.reset(); // show what was restored, not the old draft
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

/**
 * Saves the form when it says something new: never an empty plan where none was stored (just
 * opening the screen), never a write that changes nothing. Problems come back in the form's words.
 * Starts the encrypted write synchronously (see autosave.ts).
 */
function saveDraft(d: Draft): Promise<SaveOutcome> {
  const stored = storedSafetyPlan();
  const plan = fromDraft(d);
  if (!needsSaving(plan, stored)) return Promise.resolve({ ok: true, skipped: true });
  return saveSafetyPlan(plan).then((r) => (r.ok ? r : { ok: false, errors: readableErrors(r.errors) }));
}

export const planAutosave = new Autosaver<Draft>({
  delayMs: AUTOSAVE_DELAY_MS,
  save: saveDraft,
  describe: (err) =>
    err instanceof Error && err.message ? err.message : "Something went wrong while saving.",
});

/** The stored plan right now (null when none was written or it is not loaded). */
export const storedSafetyPlan = (): SafetyPlan | null => (current.state === "ready" ? current.plan : null);

// Hiding the page (switching apps) or closing it saves at once. Closing can cut a write short:
// if anything is still unwritten at that instant (typed under a second ago, or it can't be
// saved), the browser asks "Leave site?" first. Module-level: an unsaved draft outlives the screen.
if (typeof window !== "undefined") {
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") void planAutosave.flush();
  });
  window.addEventListener("pagehide", () => void planAutosave.flush());
  window.addEventListener("beforeunload", (e) => {
    void planAutosave.flush();
    if (planAutosave.unsaved) e.preventDefault();
  });
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
