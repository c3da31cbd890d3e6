// A polite live-region message for screen readers when the guide's reply arrives.
import { useSyncExternalStore } from "react";

let text = "";
const listeners = new Set<() => void>();

export function announce(next: string): void {
  // Same words twice in a row would not be re-read; a trailing no-break space makes it a change.
  text = next === text ? `${next}\u00a0` : next;
  listeners.forEach((l) => l());
}

export function useAnnouncement(): string {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
    () => text,
  );
}
