import { describe, expect, it } from "vitest";
import { createMemoryStore } from "../sync/testing/memory-store";
import { createApp } from "../vault";
import { inlineDeriveRoot } from "../workers/kdf-client";
import { createSearchService } from "./service";

const WEAK_KDF = { name: "argon2id" as const, memoryKiB: 1024, iterations: 1, parallelism: 1 };
const PASS = "quiet harbour lantern morning";

describe("search over the real journal", () => {
  it("indexes on the first query, follows changes, and forgets everything on lock", async () => {
    const { vault, journal } = createApp({
      store: createMemoryStore(),
      deriveRoot: inlineDeriveRoot({ allowWeak: true }),
      kdf: WEAK_KDF,
      prefetch: false,
    });
    await vault.ready;
    await vault.create(PASS);
    const a = await journal.create("Harbour walk");
    await journal.addMessage(a, { sender: "user", text: "The lighthouse was beautiful tonight." });
    const search = createSearchService(journal, vault);

    let progress = 0;
    const first = await search.search({ text: "lighthouse" }, (d) => (progress = d));
    expect(first.hits.map((h) => h.entryId)).toEqual([a]);
    expect(progress).toBe(1);

    const b = await journal.create("");
    const m = await journal.addMessage(b, { sender: "user", text: "Another lighthouse, further north." });
    await journal.setMood(b, { score: 4, emotions: [], at: Date.now() });
    const second = await search.search({ text: "lighthouse", moods: [4] });
    expect(second.hits.map((h) => [h.entryId, h.message?.id])).toEqual([[b, m.id]]);

    const { undo } = await journal.remove(a);
    expect((await search.search({ text: "lighthouse" })).hits.map((h) => h.entryId)).toEqual([b]);
    await undo();
    expect((await search.search({ text: "lighthouse" })).total).toBe(2);

    vault.lock();
    expect(search.isReady()).toBe(false);
    expect(await search.search({ text: "lighthouse" })).toEqual({ hits: [], total: 0 });
    await vault.unlock(PASS);
    expect((await search.search({ text: "lighthouse" })).total).toBe(2);
    search.dispose();
  });
});
