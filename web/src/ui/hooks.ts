// Small React bindings over the contract's subscribe/getter pairs.
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { Entry, EntrySummary, VaultStatus } from "../app-contract";
import { journal, vault } from "./services";

export function useVaultStatus(): VaultStatus {
  return useSyncExternalStore(vault.subscribe, vault.status);
}

// journal.list() may return a fresh array each call; cache it per change notification.
let listCache: EntrySummary[] | null = null;
function subscribeList(listener: () => void) {
  const changed = () => {
    listCache = null;
    listener();
  };
  // Lock and unlock change what list() returns without an edit, so the vault counts too.
  listCache = null;
  const offJournal = journal.subscribe(changed);
  const offVault = vault.subscribe(changed);
  return () => {
    offJournal();
    offVault();
  };
}
function getList(): EntrySummary[] {
  listCache ??= journal.list();
  return listCache;
}
export function useEntryList(): EntrySummary[] {
  return useSyncExternalStore(subscribeList, getList);
}

export type Loaded<T> =
  { state: "loading" } | { state: "ready"; value: T } | { state: "error"; message: string };

/** Loads one entry and reloads it whenever the journal reports a change. */
export function useEntry(id: string): [Loaded<Entry>, () => Promise<void>] {
  const [loaded, setLoaded] = useState<Loaded<Entry>>({ state: "loading" });
  const current = useRef(id);
  current.current = id;
  const reload = useCallback(async () => {
    try {
      const value = await journal.get(id);
      if (current.current === id) setLoaded({ state: "ready", value });
    } catch (err) {
      if (current.current === id) setLoaded({ state: "error", message: errorMessage(err) });
    }
  }, [id]);
  useEffect(() => {
    setLoaded({ state: "loading" });
    void reload();
    return journal.subscribe(() => void reload());
  }, [reload]);
  return [loaded, reload];
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  return "Something went wrong. Please try again.";
}
