import { describe, expect, it } from "vitest";
import { A } from "./automerge";
import * as M from "./model";

const t0 = 1_700_000_000_000;
const fresh = (title = "Monday") => {
  const e = M.newEntry("e1", title, t0);
  return A.change(A.init<M.EntryDoc>(), (d) => M.writeEntry(d, e));
};

describe("entry document operations", () => {
  it("creates an entry with the contract's shape", () => {
    expect(M.toEntry(fresh())).toEqual({
      id: "e1",
      title: "Monday",
      createdAt: t0,
      updatedAt: t0,
      tags: [],
      messages: [],
      conversation: { phase: "validation", usedResponses: [], turn: 0 },
    });
  });

  it("renames, adds messages, sets and clears mood, bumping updatedAt", () => {
    let d = fresh();
    d = A.change(d, (x) => M.renameEntry(x, "A hard Monday", t0 + 1));
    d = A.change(d, (x) =>
      M.appendMessage(x, { id: "m1", sender: "user", text: "It was rough.", at: t0 + 2 }, t0 + 2),
    );
    d = A.change(d, (x) =>
      M.appendMessage(
        x,
        {
          id: "m2",
          sender: "guide",
          text: "That sounds heavy.",
          at: t0 + 3,
          phase: "expression",
          crisis: false,
        },
        t0 + 3,
      ),
    );
    d = A.change(d, (x) =>
      M.setEntryMood(x, { score: 2, emotions: ["sadness", "overwhelm"], at: t0 + 4 }, t0 + 4),
    );
    let e = M.toEntry(d);
    expect(e.title).toBe("A hard Monday");
    expect(e.messages).toEqual([
      { id: "m1", sender: "user", text: "It was rough.", at: t0 + 2 },
      {
        id: "m2",
        sender: "guide",
        text: "That sounds heavy.",
        at: t0 + 3,
        phase: "expression",
        crisis: false,
      },
    ]);
    expect(e.conversation).toEqual({ phase: "expression", usedResponses: [], turn: 1 });
    expect(e.mood).toEqual({ score: 2, emotions: ["sadness", "overwhelm"], at: t0 + 4 });
    expect(e.updatedAt).toBe(t0 + 4);
    d = A.change(d, (x) => M.setEntryMood(x, undefined, t0 + 5));
    e = M.toEntry(d);
    expect(e.mood).toBeUndefined();
    expect("mood" in e).toBe(false);
  });

  it("updates conversation state (responses recorded once) and tags", () => {
    let d = fresh();
    d = A.change(d, (x) =>
      M.updateConversation(x, { phase: "reframing", useResponses: ["r1", "r2"], turn: 3 }),
    );
    d = A.change(d, (x) => M.updateConversation(x, { useResponses: ["r2", "r3"] }));
    expect(M.toEntry(d).conversation).toEqual({
      phase: "reframing",
      usedResponses: ["r1", "r2", "r3"],
      turn: 3,
    });
    d = A.change(d, (x) => M.setEntryTags(x, [" work ", "", "sleep", "work"], t0 + 9));
    expect(M.toEntry(d)).toMatchObject({ tags: ["work", "sleep"], updatedAt: t0 + 9 });
    const heads = A.getHeads(d);
    d = A.change(d, (x) => M.setEntryTags(x, ["work", "sleep"], t0 + 10));
    expect(A.getHeads(d)).toEqual(heads); // no-op: no change, no chunk
  });

  it("mergeEntry (import into an existing entry) sets scalars and appends unknown messages only", () => {
    let d = fresh();
    d = A.change(d, (x) =>
      M.appendMessage(x, { id: "m1", sender: "user", text: "kept", at: t0 + 1 }, t0 + 1),
    );
    const imported = {
      ...M.newEntry("e1", "Imported title", t0),
      updatedAt: t0 + 5,
      messages: [
        { id: "m1", sender: "user" as const, text: "kept", at: t0 + 1 },
        { id: "m0", sender: "user" as const, text: "from the file", at: t0 + 2 },
      ],
    };
    const listBefore = A.getObjectId(d, "messages");
    d = A.change(d, (x) => M.mergeEntry(x, imported));
    const e = M.toEntry(d);
    expect(e.title).toBe("Imported title");
    expect(e.messages.map((m) => m.id)).toEqual(["m1", "m0"]);
    expect(A.getObjectId(d, "messages")).toBe(listBefore); // same list object: merges with other devices
    const heads = A.getHeads(d);
    d = A.change(d, (x) => M.mergeEntry(x, M.toEntry(d)));
    expect(A.getHeads(d)).toEqual(heads);
  });

  it("survives save/load through incremental chunks, in any order", () => {
    let d = fresh();
    const heads0 = A.getHeads(d);
    const c0 = A.save(d);
    d = A.change(d, (x) => M.appendMessage(x, { id: "m1", sender: "user", text: "one", at: t0 + 1 }, t0 + 1));
    const c1 = A.saveSince(d, heads0);
    const heads1 = A.getHeads(d);
    d = A.change(d, (x) => M.appendMessage(x, { id: "m2", sender: "user", text: "two", at: t0 + 2 }, t0 + 2));
    const c2 = A.saveSince(d, heads1);
    let loaded = A.init<M.EntryDoc>();
    for (const c of [c2, c0, c1]) loaded = A.loadIncremental(loaded, c);
    expect(M.toEntry(loaded)).toEqual(M.toEntry(d));
  });

  it("merges concurrent messages from two devices; both survive", () => {
    const base = fresh();
    const a = A.change(A.clone(base), (x) =>
      M.appendMessage(x, { id: "ma", sender: "user", text: "from the phone", at: t0 + 1 }, t0 + 1),
    );
    const b = A.change(A.clone(base), (x) =>
      M.appendMessage(x, { id: "mb", sender: "user", text: "from the laptop", at: t0 + 2 }, t0 + 2),
    );
    const merged = A.merge(A.clone(a), b);
    expect(
      M.toEntry(merged)
        .messages.map((m) => m.text)
        .sort(),
    ).toEqual(["from the laptop", "from the phone"]);
    expect(M.toEntry(A.merge(A.clone(b), a)).messages).toEqual(M.toEntry(merged).messages);
  });
});

describe("index document", () => {
  it("lists newest first, hides soft-deleted and purged rows, mirrors title/mood/preview", () => {
    let ix = A.init<M.IndexDoc>();
    ix = A.change(ix, (x) => {
      M.writeIndexItem(x, { ...M.newEntry("old", "Old", t0), mood: { score: 4, emotions: [], at: t0 } });
      M.writeIndexItem(x, {
        ...M.newEntry("new", "New", t0 + 10),
        messages: [{ id: "m", sender: "user", text: "  first\nline   and more ", at: t0 + 11 }],
      });
      M.writeIndexItem(x, M.newEntry("gone", "Gone", t0 + 5));
      M.writeIndexItem(x, M.newEntry("soft", "Soft", t0 + 6));
    });
    ix = A.change(ix, (x) => {
      M.purgeIndexItem(x, "gone", t0 + 20);
      x.soft!.deletedAt = t0 + 21;
    });
    expect(M.summaries(ix)).toEqual([
      { id: "new", title: "New", createdAt: t0 + 10, updatedAt: t0 + 10, preview: "first line and more" },
      { id: "old", title: "Old", createdAt: t0, updatedAt: t0, mood: 4 },
    ]);
    expect(ix.gone).toMatchObject({ purged: true, createdAt: 0 });
    expect(ix.gone!.title.toString()).toBe("");
  });

  it("two devices creating entries concurrently keep both (root map keyed by id)", () => {
    const a = A.change(A.init<M.IndexDoc>(), (x) => M.writeIndexItem(x, M.newEntry("a", "On the phone", t0)));
    const b = A.change(A.init<M.IndexDoc>(), (x) =>
      M.writeIndexItem(x, M.newEntry("b", "On the laptop", t0 + 1)),
    );
    expect(M.summaries(A.merge(a, b)).map((s) => s.id)).toEqual(["b", "a"]);
  });

  it("a rename on one device and a new message on another both reach the index row", () => {
    const e = M.newEntry("e", "Old title", t0);
    const base = A.change(A.init<M.IndexDoc>(), (x) => M.writeIndexItem(x, e));
    const a = A.change(A.clone(base), (x) =>
      M.writeIndexItem(x, { ...e, title: "New title", updatedAt: t0 + 1 }),
    );
    const b = A.change(A.clone(base), (x) =>
      M.writeIndexItem(x, {
        ...e,
        messages: [{ id: "m", sender: "user", text: "from B", at: t0 + 2 }],
        updatedAt: t0 + 2,
      }),
    );
    expect(M.summaries(A.merge(a, b))[0]).toMatchObject({ title: "New title", preview: "from B" });
  });

  it("trims long previews", () => {
    expect(M.preview("x".repeat(500))).toHaveLength(M.PREVIEW_CHARS);
  });
});
