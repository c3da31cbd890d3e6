/**
 * Keeps the search index in step with the journal while it is unlocked: built from the
 * decrypted entries on the first query, updated for the entries whose `updatedAt` changed,
 * and dropped the moment the vault locks. Nothing is ever written to disk.
 */
import type { Entry, EntrySummary, Journal, Vault } from "../app-contract";
import { createSearchIndex, type SearchDoc, type SearchQuery, type SearchResults } from "./engine";

export interface SearchService {
  /** Results for a query; builds or refreshes the index first when needed. */
  search(q: SearchQuery, onProgress?: (done: number, total: number) => void): Promise<SearchResults>;
  /** Tags present in the journal (after the index is built). */
  tags(): string[];
  /** True once the index holds every listed entry. */
  isReady(): boolean;
  dispose(): void;
}

export type SearchJournal = Pick<Journal, "list" | "get" | "subscribe">;
export type SearchVault = Pick<Vault, "status" | "subscribe">;

export function toSearchDoc(e: Entry): SearchDoc {
  return {
    entryId: e.id,
    title: e.title,
    createdAt: e.createdAt,
    ...(e.mood ? { mood: e.mood.score } : {}),
    tags: e.tags,
    messages: e.messages.map((m) => ({ id: m.id, text: m.crisis ? "" : m.text, sender: m.sender })),
  };
}

export function createSearchService(journal: SearchJournal, vault: SearchVault): SearchService {
  const index = createSearchIndex();
  const seen = new Map<string, number>(); // entryId → updatedAt indexed
  let dirty = true;
  let generation = 0;
  let running: Promise<void> | null = null;

  const drop = () => {
    generation++;
    index.clear();
    seen.clear();
    dirty = true;
    running = null;
  };
  const offVault = vault.subscribe(() => {
    if (vault.status() !== "unlocked") drop();
  });
  const offJournal = journal.subscribe(() => {
    dirty = true;
  });

  /** Bring the index up to the journal's list: (re)index changed entries, drop removed ones. */
  async function refresh(onProgress?: (done: number, total: number) => void) {
    const gen = generation;
    dirty = false;
    const list: EntrySummary[] = journal.list();
    const live = new Set(list.map((s) => s.id));
    for (const id of [...seen.keys()])
      if (!live.has(id)) {
        index.remove(id);
        seen.delete(id);
      }
    const stale = list.filter((s) => seen.get(s.id) !== s.updatedAt);
    let done = 0;
    for (const s of stale) {
      let entry: Entry;
      try {
        entry = await journal.get(s.id);
      } catch {
        continue; // deleted meanwhile, or still syncing: picked up at the next change
      }
      if (gen !== generation) return; // locked while loading
      index.upsert(toSearchDoc(entry));
      seen.set(s.id, s.updatedAt);
      onProgress?.(++done, stale.length);
    }
  }

  return {
    async search(q, onProgress) {
      if (vault.status() !== "unlocked") return { hits: [], total: 0 };
      while (dirty || running) {
        if (!running) running = refresh(onProgress).finally(() => (running = null));
        await running;
      }
      return index.search(q);
    },
    tags: () => index.tags(),
    isReady: () => !dirty && !running && index.size() === journal.list().length,
    dispose() {
      offVault();
      offJournal();
      drop();
    },
  };
}
