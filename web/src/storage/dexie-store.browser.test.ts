import { afterEach, describe, expect, it } from "vitest";
import { createDexieStore } from "./dexie-store";
import type { LocalStore, StoredChunk } from "./types";

const stores: LocalStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.wipe();
});
const fresh = () => {
  const s = createDexieStore(`store-${crypto.randomUUID()}`);
  stores.push(s);
  return s;
};
const chunk = (
  id: string,
  docId: string,
  createdAt: number,
  extra: Partial<StoredChunk> = {},
): StoredChunk => ({
  id,
  docId,
  kind: "incremental",
  data: new Uint8Array([1, 2, 3]),
  createdAt,
  pushed: 0,
  ...extra,
});

describe("Dexie store on real IndexedDB", () => {
  it("loads a document's chunks in write order, and only that document's", async () => {
    const s = fresh();
    await s.write({ put: [chunk("b", "d1", 20), chunk("a", "d1", 10), chunk("c", "d2", 5)] });
    expect((await s.loadDoc("d1")).map((c) => c.id)).toEqual(["a", "b"]);
    expect(await s.docIds()).toEqual(["d1", "d2"]);
    expect((await s.loadDoc("d1"))[0]!.data).toEqual(new Uint8Array([1, 2, 3]));
  });

  it("a batch is one transaction: a failing put rolls back its removes and other puts", async () => {
    const s = fresh();
    await s.write({ put: [chunk("keep", "d", 1)] });
    const bad = { ...chunk("x", "d", 2), id: undefined } as unknown as StoredChunk; // no primary key → IndexedDB error
    await expect(s.write({ put: [chunk("new", "d", 3), bad], remove: ["keep"] })).rejects.toThrow();
    expect((await s.loadDoc("d")).map((c) => c.id)).toEqual(["keep"]);
  });

  it("the outbox is every unpushed chunk, oldest first; acknowledgements record the relay seq", async () => {
    const s = fresh();
    await s.write({
      put: [chunk("2", "d", 2), chunk("1", "d", 1), chunk("0", "d", 0, { pushed: 1, seq: 7 })],
    });
    expect((await s.unpushed()).map((c) => c.id)).toEqual(["1", "2"]);
    expect((await s.unpushed(1)).map((c) => c.id)).toEqual(["1"]);
    await s.markPushed([{ id: "1", seq: 8 }]);
    expect((await s.unpushed()).map((c) => c.id)).toEqual(["2"]);
    expect((await s.loadDoc("d")).find((c) => c.id === "1")).toMatchObject({ pushed: 1, seq: 8 });
  });

  it("settings and vault record round-trip; updateVault needs a vault; wipe empties everything", async () => {
    const s = fresh();
    await expect(s.updateVault({ failedUnlocks: 1 })).rejects.toThrow(/no journal/);
    await s.putSetting("k", new Uint8Array([9]));
    expect(await s.getSetting("k")).toEqual(new Uint8Array([9]));
    await s.write({ put: [chunk("a", "d", 1)] });
    await s.wipe();
    expect(await s.dumpAll()).toEqual({ chunks: [], meta: [], settings: [] });
    await s.write({ put: [chunk("a", "d", 1)] }); // usable again after a wipe
    expect(await s.docIds()).toEqual(["d"]);
  });
});
