import { describe, expect, it } from "vitest";
import { createMemoryStore } from "../sync/testing/memory-store";
import { createApp } from "../vault";
import { inlineDeriveRoot } from "../workers/kdf-client";
import { createQuickCheckIns, QUICK_CHECKINS_SECRET } from "./quick-checkins";

const WEAK_KDF = { name: "argon2id" as const, memoryKiB: 1024, iterations: 1, parallelism: 1 };

describe("quick check-ins", () => {
  it("are sealed in the vault, survive a lock, never lose a concurrent save, and skip damaged rows", async () => {
    const store = createMemoryStore();
    const { vault } = createApp({
      store,
      deriveRoot: inlineDeriveRoot({ allowWeak: true }),
      kdf: WEAK_KDF,
      prefetch: false,
    });
    await vault.ready;
    await vault.create("quiet harbour lantern morning");
    let t = 1_000;
    const q = createQuickCheckIns(vault, () => t++);
    await Promise.all([
      q.add({ score: 2, emotions: ["hopelessness", "hopelessness"] }),
      q.add({ score: 4, emotions: [] }),
    ]);
    expect((await q.list()).map((r) => [r.score, r.emotions, r.at])).toEqual([
      [2, ["hopelessness"], 1_000],
      [4, [], 1_001],
    ]);
    // Ciphertext only: the word never appears in the stored bytes.
    const sealed = await store.getSetting(`secret:${QUICK_CHECKINS_SECRET}`);
    expect(Buffer.from(sealed!).toString("latin1")).not.toContain("hopelessness");

    vault.lock();
    await expect(q.list()).rejects.toThrow("locked");
    await vault.unlock("quiet harbour lantern morning");
    const rows = await q.list();
    expect(rows).toHaveLength(2);
    await q.remove(rows[0]!.id);
    expect((await q.list()).map((r) => r.score)).toEqual([4]);

    await vault.writeSecret(QUICK_CHECKINS_SECRET, [
      { id: "x", score: 9, emotions: [], at: 1 },
      ...(await q.list()),
    ]);
    expect((await q.list()).map((r) => r.score)).toEqual([4]);
    await expect(q.add({ score: 0 as 1, emotions: [] })).rejects.toThrow("whole number from 1 to 5");
  });
});
