/**
 * LocalStore in memory, for Node tests and the seeding side of the sync benchmark (the
 * browser uses storage/dexie-store.ts). Same contract: one atomic write per batch.
 */
import type { LocalStore, StoredChunk, VaultRecord } from "../../storage";

export function createMemoryStore(name = `mem-${Math.random().toString(36).slice(2)}`): LocalStore {
  let vault: VaultRecord | undefined;
  let order = 0;
  const chunks = new Map<string, StoredChunk & { order: number }>();
  const settings = new Map<string, Uint8Array>();
  const byTime = (a: StoredChunk & { order: number }, b: StoredChunk & { order: number }) =>
    a.createdAt - b.createdAt || a.order - b.order;
  return {
    name,
    getVault: async () => (vault ? { ...vault } : undefined),
    async putVault(r) {
      vault = { ...r };
    },
    async updateVault(patch) {
      if (!vault) throw new Error("There is no journal on this device yet.");
      vault = { ...vault, ...patch };
    },
    loadDoc: async (docId) =>
      [...chunks.values()]
        .filter((c) => c.docId === docId)
        .sort(byTime)
        .map(({ order: _o, ...c }) => c),
    docIds: async () => [...new Set([...chunks.values()].map((c) => c.docId))].sort(),
    async write({ put = [], remove = [] }) {
      for (const id of remove) chunks.delete(id);
      for (const c of put) chunks.set(c.id, { ...c, order: order++ });
    },
    async unpushed(limit = Infinity) {
      return [...chunks.values()]
        .filter((c) => c.pushed === 0)
        .sort(byTime)
        .slice(0, limit)
        .map(({ order: _o, ...c }) => c);
    },
    async markPushed(acks) {
      for (const { id, seq } of acks) {
        const c = chunks.get(id);
        if (c) chunks.set(id, { ...c, pushed: 1, seq });
      }
    },
    getSetting: async (key) => settings.get(key),
    async putSetting(key, data) {
      settings.set(key, data);
    },
    dumpAll: async () => ({
      chunks: [...chunks.values()],
      meta: vault ? [vault] : [],
      settings: [...settings.entries()],
    }),
    async wipe() {
      vault = undefined;
      chunks.clear();
      settings.clear();
    },
  };
}
