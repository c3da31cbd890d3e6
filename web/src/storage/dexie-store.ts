/** LocalStore on IndexedDB through Dexie. One Dexie transaction per write. */
import Dexie, { type EntityTable } from "dexie";
import type { LocalStore, StoredChunk, VaultRecord } from "./types";

interface SettingRow {
  key: string;
  data: Uint8Array;
}

type VentwellDb = Dexie & {
  chunks: EntityTable<StoredChunk, "id">;
  meta: EntityTable<VaultRecord, "key">;
  settings: EntityTable<SettingRow, "key">;
};

export const DEFAULT_DB_NAME = "ventwell";

function openDb(name: string): VentwellDb {
  // "strict": a transaction reports complete only once flushed to disk, so an acknowledged
  // write (and the sync outbox) survives a crash, not just a closed tab.
  const db = new Dexie(name, { chromeTransactionDurability: "strict" }) as VentwellDb;
  // [docId+createdAt] lets a document load in write order without sorting in memory.
  db.version(1).stores({
    chunks: "id, docId, [docId+createdAt], pushed, seq",
    meta: "key",
    settings: "key",
  });
  return db;
}

export function createDexieStore(name = DEFAULT_DB_NAME): LocalStore {
  let db = openDb(name);

  return {
    name,
    getVault: () => db.meta.get("vault"),
    async putVault(record) {
      await db.meta.put(record);
    },
    async updateVault(patch) {
      const n = await db.meta.update("vault", patch);
      if (n === 0) throw new Error("There is no journal on this device yet.");
    },
    loadDoc: (docId) =>
      db.chunks.where("[docId+createdAt]").between([docId, Dexie.minKey], [docId, Dexie.maxKey]).toArray(),
    async docIds() {
      return (await db.chunks.orderBy("docId").uniqueKeys()) as string[];
    },
    async write({ put = [], remove = [] }) {
      if (!put.length && !remove.length) return;
      await db.transaction("rw", db.chunks, async () => {
        if (remove.length) await db.chunks.bulkDelete(remove);
        if (put.length) await db.chunks.bulkPut(put);
      });
    },
    async unpushed(limit = Infinity) {
      const rows = await db.chunks.where("pushed").equals(0).toArray();
      rows.sort((a, b) => a.createdAt - b.createdAt);
      return rows.slice(0, limit);
    },
    async markPushed(acks) {
      await db.transaction("rw", db.chunks, async () => {
        for (const { id, seq } of acks) await db.chunks.update(id, { pushed: 1, seq });
      });
    },
    async getSetting(key) {
      return (await db.settings.get(key))?.data;
    },
    async putSetting(key, data) {
      await db.settings.put({ key, data });
    },
    async dumpAll() {
      return {
        chunks: await db.chunks.toArray(),
        meta: await db.meta.toArray(),
        settings: await db.settings.toArray(),
      };
    },
    async wipe() {
      await db.delete();
      db = openDb(name);
    },
  };
}
