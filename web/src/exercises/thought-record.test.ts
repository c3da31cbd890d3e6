import { describe, expect, it } from "vitest";
import { createApp } from "../vault";
import { inlineDeriveRoot } from "../workers/kdf-client";
import { createMemoryStore } from "../sync/testing/memory-store";
import {
  checkThoughtRecord,
  emptyThoughtRecord,
  listThoughtRecords,
  saveThoughtRecord,
  thoughtRecordFromEntry,
  thoughtRecordMessages,
  type ThoughtRecordInput,
} from "./thought-record";

const WEAK_KDF = { name: "argon2id" as const, memoryKiB: 1024, iterations: 1, parallelism: 1 };

async function unlockedApp() {
  const store = createMemoryStore();
  const app = createApp({
    store,
    deriveRoot: inlineDeriveRoot({ allowWeak: true }),
    kdf: WEAK_KDF,
    prefetch: false,
  });
  await app.vault.ready;
  await app.vault.create("a long enough passphrase");
  return { store, ...app };
}

const RECORD: ThoughtRecordInput = {
  situation: "My manager asked to talk tomorrow.\nNo reason given.",
  automaticThought: "I'm going to be fired: I always mess things up.",
  emotion: "anxious",
  intensityBefore: 85,
  traps: ["overgeneralizing", "catastrophizing", "fortune_telling"],
  evidenceFor: "I missed a deadline last month.",
  evidenceAgainst: "My last review was good; she said my work on the launch was excellent.",
  balancedThought: "A meeting isn't a verdict; it may be about the new project.",
  intensityAfter: 40,
};

describe("thought record", () => {
  it("round-trips through the encrypted journal: create → save → load is equal", async () => {
    const { journal, vault, store } = await unlockedApp();
    const id = await saveThoughtRecord(journal, RECORD);
    const loaded = thoughtRecordFromEntry(await journal.get(id));
    // Traps come back in catalogue order; everything else exactly as entered.
    expect(loaded).toEqual({
      entryId: id,
      createdAt: loaded!.createdAt,
      ...RECORD,
      traps: ["overgeneralizing", "fortune_telling", "catastrophizing"],
    });
    expect(journal.list()[0]!.title).toBe(
      "Thought record: My manager asked to talk tomorrow. No reason given.",
    );

    // After lock and unlock, from the stored ciphertext alone.
    vault.lock();
    await vault.unlock("a long enough passphrase");
    const again = await listThoughtRecords(journal);
    expect(again).toHaveLength(1);
    expect(again[0]).toEqual(loaded);
    // Nothing of it in the store in plaintext.
    const dump = JSON.stringify(await store.dumpAll(), (_k, v) =>
      v instanceof Uint8Array ? new TextDecoder().decode(v) : v,
    );
    expect(dump).not.toContain("My manager asked");
    expect(dump).not.toContain("anxious");
  });

  it("keeps optional fields optional and exports readable labelled messages", async () => {
    const { journal } = await unlockedApp();
    const minimal = {
      ...emptyThoughtRecord(),
      situation: "Bus late",
      automaticThought: "Today is ruined",
      emotion: "frustrated",
      intensityBefore: 60,
    };
    const id = await saveThoughtRecord(journal, minimal);
    const entry = await journal.get(id);
    expect(entry.messages.map((m) => m.text)).toEqual([
      "Situation: Bus late",
      "Automatic thought: Today is ruined",
      "Emotion: frustrated — 60/100",
    ]);
    expect(entry.tags).toEqual(["thought-record"]);
    const r = thoughtRecordFromEntry(entry)!;
    expect(r).toMatchObject({ ...minimal, entryId: id });
    expect(r.intensityAfter).toBeUndefined();
    expect(await journal.exportMarkdown()).toContain("Automatic thought: Today is ruined");
  });

  it("validates fields with plain messages and writes nothing when invalid", async () => {
    const { journal } = await unlockedApp();
    expect(checkThoughtRecord(RECORD)).toEqual({});
    const bad = {
      ...RECORD,
      situation: "  ",
      emotion: "a\nb",
      intensityBefore: 101,
      intensityAfter: -1,
      traps: ["nope" as never],
    };
    expect(Object.keys(checkThoughtRecord(bad)).sort()).toEqual([
      "emotion",
      "intensityAfter",
      "intensityBefore",
      "situation",
      "traps",
    ]);
    expect(checkThoughtRecord({ ...RECORD, intensityBefore: 12.5 }).intensityBefore).toMatch(/0 to 100/);
    expect(checkThoughtRecord({ ...RECORD, balancedThought: "x".repeat(5001) }).balancedThought).toMatch(
      /5000/,
    );
    await expect(saveThoughtRecord(journal, bad)).rejects.toThrow("Describe the situation");
    expect(journal.list()).toHaveLength(0);
  });

  it("ignores entries that are not thought records and the person's later follow-ups", () => {
    const base = {
      id: "e1",
      title: "Thought record: x",
      createdAt: 1,
      updatedAt: 2,
      tags: [] as string[],
      conversation: { phase: "validation" as const, usedResponses: [], turn: 0 },
    };
    const msgs = thoughtRecordMessages(RECORD).map((text, i) => ({
      id: `m${i}`,
      sender: "user" as const,
      text,
      at: i,
    }));
    expect(thoughtRecordFromEntry({ ...base, messages: msgs })).toBeUndefined(); // no tag
    const tagged = {
      ...base,
      tags: ["thought-record"],
      messages: [...msgs, { id: "x", sender: "user" as const, text: "Situation: a later note", at: 99 }],
    };
    expect(thoughtRecordFromEntry(tagged)?.situation).toBe(RECORD.situation);
  });
});
