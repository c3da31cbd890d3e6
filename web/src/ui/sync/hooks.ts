// React binding over SyncControl's subscribe/status pair.
import { useSyncExternalStore } from "react";
import type { SyncStatus } from "../../sync";
import { sync } from "../../sync/service";

export function useSyncStatus(): SyncStatus {
  return useSyncExternalStore(sync.subscribe, sync.status);
}

export { sync };

/** Short words for the indicator; the settings panel shows `message` in full. */
export function statusLabel(s: SyncStatus): string {
  switch (s.phase) {
    case "synced":
      return "Synced";
    case "syncing":
      return "Syncing…";
    case "pending":
      return `${s.pending} waiting to sync`;
    case "offline":
      return s.pending ? `Offline · ${s.pending} waiting` : "Offline";
    case "error":
      return "Sync problem";
    case "reauth":
      return "Sign in to sync";
    case "standby":
      return "Syncing in another tab";
    default:
      return "Not syncing";
  }
}
