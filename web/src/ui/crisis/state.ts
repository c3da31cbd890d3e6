/**
 * Whether the crisis screen is showing. A tiny store outside React, so the guide hook (which
 * runs outside any component) can open it the moment the gate fires.
 */
import { useSyncExternalStore } from "react";

export interface CrisisView {
  open: boolean;
  /** Opened by the guide for this entry (the person returns to it), or by the person. */
  from: "guide" | "person";
}

let view: CrisisView = { open: false, from: "person" };
const listeners = new Set<() => void>();
const set = (v: CrisisView) => {
  view = v;
  listeners.forEach((l) => l());
};

export function openCrisis(from: CrisisView["from"] = "person"): void {
  set({ open: true, from });
}

export function closeCrisis(): void {
  if (view.open) set({ ...view, open: false });
}

export function useCrisisView(): CrisisView {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    () => view,
  );
}
