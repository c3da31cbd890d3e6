import { afterEach, describe, expect, it } from "vitest";
import { LockedError } from "../app-contract";
import { DecryptError } from "../crypto";
import type { StoredChunk } from "../storage";
import { PASS, newUnlockedApp, openApp, sleep, wipeAll } from "../vault/browser-test-kit";
import { COMPACT_AT } from "./doc-store";
import { EntryNotFoundError, EntryNotReadyError, INDEX_DOC_ID } from "./journal";

afterEach(wipeAll);

const chunksOf = async (app: { store: { loadDoc(id: string): Promise<StoredChunk[]> } }, docId: string) =>
  app.store.loadDoc(docId);

describe("journal on real IndexedDB", () => {
  it("entry operations persist across a reload; list is newest first with title/mood/preview", async () => {
    let clock = 1_700_000_000_000;
    const a = await newUnlockedApp({ now: () => clock++ });
    const first = await a.journal.create("  first  ");
    const second = await a.journal.create();
    await a.journal.rename(second, "second, renamed");
    await a.journal.addMessage(first, { sender: "user", text: "hello there" });
    const guide = await a.journal.addMessage(first, {
      sender: "guide",
      text: "How did that feel?",
      phase: "expression",
      crisis: false,
    });
    await a.journal.setMood(first, { score: 4, emotions: ["calm"], at: clock });
    await a.journal.addMessage(
      first,
      { sender: "guide", text: "One small step?", phase: "action" },
      { conversation: { useResponses: ["act-2"] } },
    );
    await a.journal.setTags!(first, ["evening"]);
    await a.journal.updateConversation!(first, { useResponses: ["act-9"] });
    await expect(a.journal.setMood(first, { score: 7 as 1, emotions: [], at: 0 })).rejects.toThrow(/1 to 5/);
    await expect(a.journal.get("missing")).rejects.toBeInstanceOf(EntryNotFoundError);
    const entryBefore = await a.journal.get(first);
    expect(entryBefore.messages[1]).toEqual(guide);
    expect(entryBefore.conversation).toEqual({ phase: "action", turn: 2, usedResponses: ["act-2", "act-9"] });
    expect(entryBefore.tags).toEqual(["evening"]);
    a.vault.lock();

    const b = openApp(a.name, { now: () => clock++ });
    await b.vault.ready;
    await b.vault.unlock(PASS);
    expect(b.journal.list().map((s) => [s.title, s.mood, s.preview])).toEqual([
      ["second, renamed", undefined, undefined],
      ["first", 4, "hello there"],
    ]);
    expect(await b.journal.get(first)).toEqual(entryBefore);
  });

  it("delete hides at once, undo restores; after the window the chunks go and a tombstone stays", async () => {
    const a = await newUnlockedApp({ undoMs: 300 });
    const keep = await a.journal.create("keep");
    const gone = await a.journal.create("gone");
    await a.journal.addMessage(gone, { sender: "user", text: "to be deleted" });
    let { undo } = await a.journal.remove(gone);
    expect(a.journal.list().map((s) => s.id)).toEqual([keep]);
    await expect(a.journal.get(gone)).rejects.toBeInstanceOf(EntryNotFoundError);
    await undo();
    expect(
      a.journal
        .list()
        .map((s) => s.title)
        .sort(),
    ).toEqual(["gone", "keep"]);
    await sleep(400);
    expect((await chunksOf(a, gone)).length).toBeGreaterThan(0); // undone: not purged

    ({ undo } = await a.journal.remove(gone));
    await sleep(500);
    await a.journal.idle();
    const left = await chunksOf(a, gone);
    expect(left.map((c) => c.kind)).toEqual(["tombstone"]);
    expect(left[0]!.replaces!.length).toBeGreaterThanOrEqual(2);
    await expect(undo()).rejects.toThrow(/too late/);
    await expect(a.journal.get(gone)).rejects.toBeInstanceOf(EntryNotFoundError);
    expect(a.journal.list().map((s) => s.id)).toEqual([keep]);
  });

  it("a deletion interrupted by lock/reload is completed at the next unlock", async () => {
    let clock = 1_700_000_000_000;
    const a = await newUnlockedApp({ now: () => clock, undoMs: 5_000 });
    const id = await a.journal.create("closing the tab during undo");
    await a.journal.remove(id);
    a.vault.lock(); // timers cleared, as if the tab closed
    expect((await chunksOf(a, id)).every((c) => c.kind !== "tombstone")).toBe(true);
    clock += 10_000;
    const b = openApp(a.name, { now: () => clock, undoMs: 5_000 });
    await b.vault.ready;
    await b.vault.unlock(PASS);
    await sleep(50);
    await b.journal.idle();
    expect((await chunksOf(b, id)).map((c) => c.kind)).toEqual(["tombstone"]);
  });

  it("compacts a document with many chunks into a snapshot, losing nothing", async () => {
    const a = await newUnlockedApp();
    const id = await a.journal.create("long conversation");
    for (let i = 0; i < COMPACT_AT + 10; i++)
      await a.journal.addMessage(id, { sender: "user", text: `message ${i}` });
    const chunks = await chunksOf(a, id);
    expect(chunks.length).toBeLessThan(COMPACT_AT / 2);
    expect(chunks.some((c) => c.kind === "snapshot")).toBe(true);
    const index = await chunksOf(a, INDEX_DOC_ID);
    expect(index.length).toBeLessThanOrEqual(COMPACT_AT + 1);
    a.vault.lock();
    const b = openApp(a.name);
    await b.vault.ready;
    await b.vault.unlock(PASS);
    const e = await b.journal.get(id);
    expect(e.messages.map((m) => m.text)).toEqual(
      Array.from({ length: COMPACT_AT + 10 }, (_, i) => `message ${i}`),
    );
  });

  it("export → import on a fresh device → export is identical (JSON), and Markdown has the text", async () => {
    let clock = 1_700_000_000_000;
    const a = await newUnlockedApp({ now: () => (clock += 7) });
    const x = await a.journal.create("Exported one ✨");
    await a.journal.addMessage(x, { sender: "user", text: 'line 1\nline 2 "quoted"' });
    await a.journal.addMessage(x, {
      sender: "guide",
      text: "Tell me more.",
      phase: "validation",
      crisis: false,
    });
    await a.journal.setMood(x, { score: 3, emotions: ["anxiety", "overwhelm"], at: 123 });
    const y = await a.journal.create("");
    await a.journal.remove(await a.journal.create("deleted, not exported"));
    await a.journal.addMessage(y, { sender: "user", text: "second" });
    const exported = await a.journal.exportJson();
    expect(exported).not.toContain("deleted, not exported");
    const md = await a.journal.exportMarkdown();
    expect(md).toContain("## Exported one ✨");
    expect(md).toContain('> line 2 "quoted"');

    const b = await newUnlockedApp({ now: () => 1_800_000_000_000 });
    expect(await b.journal.importJson(exported)).toEqual({ imported: 2 });
    const reexported = await b.journal.exportJson();
    const strip = (s: string) => ({ ...JSON.parse(s), exportedAt: "-" });
    expect(strip(reexported)).toEqual(strip(exported));
    expect(reexported.replace(/"exportedAt": "[^"]+"/, "")).toBe(
      exported.replace(/"exportedAt": "[^"]+"/, ""),
    );
    // Importing the same file again merges in place: no duplicates, later writing kept.
    await b.journal.addMessage(x, { sender: "user", text: "written after the import" });
    await b.journal.importJson(exported);
    expect(b.journal.list()).toHaveLength(2);
    expect((await b.journal.get(x)).messages.map((m) => m.text)).toEqual([
      'line 1\nline 2 "quoted"',
      "Tell me more.",
      "written after the import",
    ]);
    await expect(b.journal.importJson('{"format":"something-else"}')).rejects.toThrow(/can't be imported/);
  });

  it("a failed write changes nothing, in memory or on disk", async () => {
    const a = await newUnlockedApp();
    const id = await a.journal.create("atomic");
    const realWrite = a.store.write.bind(a.store);
    a.store.write = async () => {
      throw new Error("simulated quota error");
    };
    await expect(a.journal.addMessage(id, { sender: "user", text: "lost" })).rejects.toThrow(/quota/);
    a.store.write = realWrite;
    await a.journal.addMessage(id, { sender: "user", text: "kept" });
    expect((await a.journal.get(id)).messages.map((m) => m.text)).toEqual(["kept"]);
    a.vault.lock();
    const b = openApp(a.name);
    await b.vault.ready;
    await b.vault.unlock(PASS);
    expect((await b.journal.get(id)).messages.map((m) => m.text)).toEqual(["kept"]);
  });

  it("locked journal refuses every operation", async () => {
    const a = await newUnlockedApp();
    const id = await a.journal.create("x");
    a.vault.lock();
    for (const op of [
      () => a.journal.get(id),
      () => a.journal.rename(id, "y"),
      () => a.journal.exportJson(),
      () => a.journal.remove(id),
    ])
      await expect(op()).rejects.toBeInstanceOf(LockedError);
  });
});

describe("applyRemoteChunk (the sync client's entry point)", () => {
  /** Device B = same account (vault record copied, as a sync sign-in would), empty journal. */
  async function secondDevice(
    a: Awaited<ReturnType<typeof newUnlockedApp>>,
    extra: Parameters<typeof openApp>[1] = {},
  ) {
    const b = openApp(undefined, extra);
    await b.store.putVault((await a.store.getVault())!);
    await b.vault.ready;
    await b.vault.unlock(PASS);
    return b;
  }

  it("replays one device's outbox on another: same list, same entries; deletion propagates", async () => {
    const a = await newUnlockedApp({ undoMs: 0 });
    const e1 = await a.journal.create("shared one");
    await a.journal.addMessage(e1, { sender: "user", text: "written on A" });
    const e2 = await a.journal.create("shared two");
    const b = await secondDevice(a);
    const outbox = await a.store.unpushed();
    expect(outbox.length).toBeGreaterThanOrEqual(5);
    for (const c of [...outbox].reverse()) await b.journal.applyRemoteChunk(c); // order must not matter
    expect(b.journal.list()).toEqual(a.journal.list());
    expect(await b.journal.get(e1)).toEqual(await a.journal.get(e1));
    // Already held → no-op.
    await b.journal.applyRemoteChunk(outbox[0]!);
    expect((await b.store.dumpAll()).chunks).toHaveLength(outbox.length);

    await a.store.markPushed(outbox.map((c, i) => ({ id: c.id, seq: i + 1 })));
    await a.journal.remove(e2);
    await sleep(30);
    await a.journal.idle();
    for (const c of await a.store.unpushed()) await b.journal.applyRemoteChunk(c);
    expect(b.journal.list().map((s) => s.id)).toEqual([e1]);
    expect((await b.store.loadDoc(e2)).map((c) => c.kind)).toEqual(["tombstone"]);
  });

  it("an entry listed before its own chunks arrive reads as empty and refuses writes until then", async () => {
    const a = await newUnlockedApp();
    const id = await a.journal.create("arriving");
    await a.journal.addMessage(id, { sender: "user", text: "on its way" });
    const b = await secondDevice(a);
    const outbox = await a.store.unpushed();
    for (const c of outbox.filter((c) => c.docId === INDEX_DOC_ID)) await b.journal.applyRemoteChunk(c);
    expect(b.journal.list().map((x) => x.title)).toEqual(["arriving"]);
    expect(await b.journal.get(id)).toMatchObject({ id, title: "arriving", messages: [] });
    await expect(b.journal.addMessage(id, { sender: "user", text: "too early" })).rejects.toBeInstanceOf(
      EntryNotReadyError,
    );
    for (const c of outbox.filter((c) => c.docId === id)) await b.journal.applyRemoteChunk(c);
    expect((await b.journal.get(id)).messages.map((m) => m.text)).toEqual(["on its way"]);
    await b.journal.addMessage(id, { sender: "user", text: "now fine" });
  });

  it("only the deleting device purges: an undo there is never overtaken by another device", async () => {
    const a = await newUnlockedApp({ undoMs: 60_000 });
    const id = await a.journal.create("deleted on A, then restored");
    const b = await secondDevice(a, { undoMs: 0 });
    const seen = new Set<string>();
    const ship = async () => {
      for (const c of await a.store.unpushed()) {
        if (seen.has(c.id)) continue;
        await b.journal.applyRemoteChunk(c);
        seen.add(c.id);
      }
    };
    await ship();
    const { undo } = await a.journal.remove(id);
    await ship();
    expect(b.journal.list()).toEqual([]); // hidden on B at once
    await sleep(50);
    await b.journal.idle();
    expect((await b.store.loadDoc(id)).some((c) => c.kind === "tombstone")).toBe(false); // but not purged by B
    await undo();
    await ship();
    expect(b.journal.list().map((s) => s.id)).toEqual([id]);
    expect((await b.journal.get(id)).title).toBe("deleted on A, then restored");
  });

  it("rejects a chunk moved to another document or relabelled, and stores nothing", async () => {
    const a = await newUnlockedApp();
    const e1 = await a.journal.create("one");
    const b = await secondDevice(a);
    const [chunk] = await a.store.loadDoc(e1);
    await expect(b.journal.applyRemoteChunk({ ...chunk!, docId: "another-doc" })).rejects.toBeInstanceOf(
      DecryptError,
    );
    await expect(b.journal.applyRemoteChunk({ ...chunk!, kind: "snapshot" })).rejects.toBeInstanceOf(
      DecryptError,
    );
    await expect(b.journal.applyRemoteChunk({ ...chunk!, id: "other-id" })).rejects.toBeInstanceOf(
      DecryptError,
    );
    expect((await b.store.dumpAll()).chunks).toHaveLength(0);
  });
});

describe("two tabs on one device", () => {
  const until = async (cond: () => boolean | Promise<boolean>) => {
    for (let i = 0; i < 100 && !(await cond()); i++) await sleep(20);
    expect(await cond()).toBe(true);
  };

  it("each tab merges what the other writes; a wipe in one resets the other", async () => {
    const a = await newUnlockedApp();
    const b = openApp(a.name);
    await b.vault.ready;
    await b.vault.unlock(PASS);
    const id = await a.journal.create("written in tab A");
    await until(() => b.journal.list().some((s) => s.id === id));
    await b.journal.get(id);
    await a.journal.addMessage(id, { sender: "user", text: "from A" });
    await until(async () => (await b.journal.get(id)).messages.length === 1);
    await b.journal.addMessage(id, { sender: "user", text: "from B" });
    await until(async () => (await a.journal.get(id)).messages.length === 2);
    expect((await a.journal.get(id)).messages).toEqual((await b.journal.get(id)).messages);
    await a.journal.wipeDevice();
    await until(() => b.vault.status() === "new");
    expect(b.journal.list()).toEqual([]);
  });
});

describe("damaged records", () => {
  it("one corrupted chunk or setting does not lock the person out of the rest", async () => {
    const a = await newUnlockedApp();
    const hurt = await a.journal.create("damaged entry");
    await a.journal.addMessage(hurt, { sender: "user", text: "first" });
    await a.journal.addMessage(hurt, { sender: "user", text: "second" });
    const fine = await a.journal.create("healthy entry");
    await a.journal.addMessage(fine, { sender: "user", text: "all good" });
    await a.vault.setAutoLockMinutes(9);
    a.vault.lock();
    const chunks = await a.store.loadDoc(hurt);
    const last = chunks.at(-1)!;
    const data = last.data.slice();
    data[data.length - 1] = data[data.length - 1]! ^ 0xff;
    await a.store.write({ put: [{ ...last, data }] });
    const setting = (await a.store.getSetting("autoLockMinutes"))!.slice();
    setting[30] = setting[30]! ^ 1;
    await a.store.putSetting("autoLockMinutes", setting);

    const b = openApp(a.name);
    await b.vault.ready;
    await b.vault.unlock(PASS);
    expect(b.vault.autoLockMinutes()).toBe(5); // default, not a failed unlock
    expect((await b.journal.get(fine)).messages.map((m) => m.text)).toEqual(["all good"]);
    expect((await b.journal.get(hurt)).messages.map((m) => m.text)).toEqual(["first"]);
    expect((await b.store.loadDoc(hurt)).map((c) => c.id)).toContain(last.id); // kept, not compacted away
  });
});
