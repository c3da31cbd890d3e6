/**
 * The Journal (app-contract.ts) over encrypted Automerge documents: one per entry plus
 * the per-user index. Calls are serialised so each write is one ordered transaction.
 */
import type { Entry, EntrySummary, Journal, Message, MoodCheckIn } from "../app-contract";
import { LockedError } from "../app-contract";
import { randomId } from "../crypto";
import type { LocalStore } from "../storage";
import { A, ensureAutomerge } from "./automerge";
import { createDocStore, type DocHandle, type DocStore, type RemoteChunk, type Session } from "./doc-store";
import { exportJson, exportMarkdown, parseImportFile } from "./export";
import * as M from "./model";
import { connectTabs } from "./tabs";

export const INDEX_DOC_ID = "index";
export const UNDO_MS = 8_000;
// One frozen empty list: React's useSyncExternalStore needs a stable snapshot while locked.
const EMPTY: EntrySummary[] = Object.freeze([]) as unknown as EntrySummary[];

export class EntryNotFoundError extends Error {
  constructor() {
    super("This entry was deleted or doesn't exist.");
    this.name = "EntryNotFoundError";
  }
}

export class EntryNotReadyError extends Error {
  constructor() {
    super("This entry is still arriving from your other device. Try again in a moment.");
    this.name = "EntryNotReadyError";
  }
}

export interface JournalControl extends Journal {
  /** Called by the vault after unlock / before lock. */
  open(session: Session): Promise<void>;
  close(): void;
  /** Sync client: verify, store and merge one chunk pulled from the relay. */
  applyRemoteChunk(chunk: RemoteChunk): Promise<void>;
  /** Sync: the same for a page of chunks in one transaction; failed authentication → `rejected`. */
  applyRemoteChunks(chunks: RemoteChunk[]): Promise<{ applied: number; rejected: RemoteChunk[] }>;
  /** Wait for queued writes (tests, lock). */
  idle(): Promise<void>;
}

interface OpenState {
  docs: DocStore;
  index: DocHandle<M.IndexDoc>;
  entries: Map<string, DocHandle<M.EntryDoc>>;
  list: EntrySummary[];
  purgeTimers: Map<string, ReturnType<typeof setTimeout>>;
  deviceId: string | undefined;
}

export interface JournalDeps {
  store: LocalStore;
  onWipe: () => Promise<void>;
  now?: () => number;
  /** How long a deleted entry can be restored before its chunks are removed. */
  undoMs?: number;
  /** Another tab deleted all data on this device. */
  onWipedElsewhere?: () => void;
}

export function createJournal(deps: JournalDeps): JournalControl {
  const { store } = deps;
  const now = deps.now ?? Date.now;
  const undoMs = deps.undoMs ?? UNDO_MS;
  const listeners = new Set<() => void>();
  let state: OpenState | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let generation = 0;

  const notify = () => listeners.forEach((l) => l());
  // Other tabs on this device: merge what they write, follow a wipe.
  const announce = connectTabs(store.name, (msg) => {
    if (msg.type === "wiped") {
      journal.close();
      deps.onWipedElsewhere?.();
    } else if (state) {
      void serial(async (s) => {
        for (const id of msg.docIds) {
          const h = id === INDEX_DOC_ID ? s.index : s.entries.get(id);
          if (h) await s.docs.refresh(h as DocHandle<unknown>);
          if (h?.tombstoned && id !== INDEX_DOC_ID) s.entries.delete(id);
        }
        refreshList(s);
      }).catch(() => undefined); // merged again at the next change or unlock
    }
  });
  const need = (): OpenState => {
    if (!state) throw new LockedError();
    return state;
  };
  /** Serialise every operation; a failure is reported to its caller and does not block the next. */
  function serial<T>(fn: (s: OpenState) => Promise<T>): Promise<T> {
    const run = queue.then(() => fn(need()));
    queue = run.catch(() => undefined);
    return run;
  }

  function refreshList(s: OpenState) {
    s.list = M.summaries(s.index.doc);
    notify();
  }

  async function entryHandle(s: OpenState, id: string): Promise<DocHandle<M.EntryDoc>> {
    const item = s.index.doc[id];
    if (!item || item.purged) throw new EntryNotFoundError();
    let h = s.entries.get(id);
    if (!h) {
      h = await s.docs.load<M.EntryDoc>(id);
      if (h.tombstoned) throw new EntryNotFoundError();
      s.entries.set(id, h);
    }
    return h;
  }

  /** Apply a change to an entry and mirror it into its index row, in one transaction. */
  async function changeEntry(s: OpenState, id: string, fn: (d: M.EntryDoc) => void): Promise<Entry> {
    const h = await entryHandle(s, id);
    if (s.index.doc[id]?.deletedAt !== undefined) throw new EntryNotFoundError();
    // Writing into a not-yet-synced entry would create rival root objects that hide messages.
    if (h.doc.id === undefined) throw new EntryNotReadyError();
    const next = A.change(h.doc, fn);
    const entry = M.toEntry(next);
    const nextIndex = A.change(s.index.doc, (ix) => M.writeIndexItem(ix, entry));
    await s.docs.commit([
      { handle: h as DocHandle<unknown>, next: next as A.Doc<unknown> },
      { handle: s.index as DocHandle<unknown>, next: nextIndex as A.Doc<unknown> },
    ]);
    refreshList(s);
    return entry;
  }

  async function purge(s: OpenState, id: string): Promise<void> {
    s.purgeTimers.delete(id);
    const item = s.index.doc[id];
    if (!item || item.deletedAt === undefined || item.purged) return;
    const h = s.entries.get(id) ?? (await s.docs.load<M.EntryDoc>(id));
    const batch = s.docs.tombstoneBatch(h as DocHandle<unknown>);
    const nextIndex = A.change(s.index.doc, (ix) => M.purgeIndexItem(ix, id, now()));
    await s.docs.commit(
      [{ handle: s.index as DocHandle<unknown>, next: nextIndex as A.Doc<unknown> }],
      batch,
    );
    s.entries.delete(id);
    refreshList(s);
  }

  /** A pending soft delete this device made (or one without a device id). */
  const mine = (s: OpenState, it: M.IndexItem): boolean =>
    it.deletedAt !== undefined &&
    !it.purged &&
    (it.deletedBy === undefined || it.deletedBy.toString() === s.deviceId);

  function schedulePurge(s: OpenState, id: string, deletedAt: number) {
    clearTimeout(s.purgeTimers.get(id));
    const wait = Math.max(0, deletedAt + undoMs - now());
    s.purgeTimers.set(
      id,
      setTimeout(() => {
        if (state === s) void serial((st) => purge(st, id)).catch(() => undefined); // retried at next unlock
      }, wait),
    );
  }

  async function importEntry(s: OpenState, e: Entry): Promise<void> {
    let id = e.id;
    const known = s.index.doc[id];
    let h = known && !known.purged ? await entryHandle(s, id) : undefined;
    // A deleted id stays deleted everywhere; an entry still syncing must not be forked.
    if (known?.purged || (h && h.doc.id === undefined)) [id, h] = [randomId(), undefined];
    h ??= await s.docs.load<M.EntryDoc>(id);
    const entry = { ...e, id };
    const existing = h.doc.id !== undefined;
    const next = A.change(h.doc, (d) => (existing ? M.mergeEntry(d, entry) : M.writeEntry(d, entry)));
    const merged = M.toEntry(next);
    const nextIndex = A.change(s.index.doc, (ix) => {
      M.writeIndexItem(ix, merged);
      const item = ix[id];
      if (item?.deletedAt !== undefined) delete item.deletedAt;
      if (item?.deletedBy !== undefined) delete item.deletedBy;
    });
    await s.docs.commit([
      { handle: h as DocHandle<unknown>, next: next as A.Doc<unknown> },
      { handle: s.index as DocHandle<unknown>, next: nextIndex as A.Doc<unknown> },
    ]);
    s.entries.set(id, h);
  }

  async function readEntry(s: OpenState, id: string): Promise<Entry> {
    if (s.index.doc[id]?.deletedAt !== undefined) throw new EntryNotFoundError();
    const h = await entryHandle(s, id);
    if (h.doc.id === undefined) {
      // Listed by the index but its own chunks haven't synced yet: show the row, no messages.
      const row = s.index.doc[id]!;
      return { ...M.newEntry(id, row.title.toString(), row.createdAt), updatedAt: row.updatedAt };
    }
    return M.toEntry(h.doc);
  }

  async function allEntries(s: OpenState): Promise<Entry[]> {
    const out: Entry[] = [];
    for (const sum of [...s.list].reverse()) out.push(await readEntry(s, sum.id));
    return out;
  }

  const journal: JournalControl = {
    list: () => state?.list ?? EMPTY,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },

    async open(session) {
      const gen = ++generation;
      await ensureAutomerge();
      const docs = createDocStore(store, session, now, (docIds) => announce({ type: "chunks", docIds }));
      const index = await docs.load<M.IndexDoc>(INDEX_DOC_ID);
      if (gen !== generation) {
        docs.close(); // closed while loading: stay closed
        throw new LockedError();
      }
      const s: OpenState = {
        docs,
        index,
        entries: new Map(),
        list: [],
        purgeTimers: new Map(),
        deviceId: session.deviceId,
      };
      state = s;
      for (const [id, it] of Object.entries(index.doc)) if (mine(s, it)) schedulePurge(s, id, it.deletedAt!);
      refreshList(s);
    },

    close() {
      generation++;
      if (!state) return;
      const old = state;
      for (const t of old.purgeTimers.values()) clearTimeout(t);
      old.docs.close();
      state = undefined;
      notify();
      // Release the decrypted documents' WASM memory once any in-flight operation is done.
      void queue.then(() => {
        for (const h of [old.index, ...old.entries.values()]) {
          try {
            A.free(h.doc as A.Doc<unknown>);
          } catch {
            // already freed or replaced: nothing to release
          }
        }
        old.entries.clear();
      });
    },

    idle: () => queue.then(() => undefined),

    create: (title = "") =>
      serial(async (s) => {
        const id = randomId();
        const entry = M.newEntry(id, title.trim(), now());
        const h = await s.docs.load<M.EntryDoc>(id);
        const next = A.change(h.doc, (d) => M.writeEntry(d, entry));
        const nextIndex = A.change(s.index.doc, (ix) => M.writeIndexItem(ix, entry));
        await s.docs.commit([
          { handle: h as DocHandle<unknown>, next: next as A.Doc<unknown> },
          { handle: s.index as DocHandle<unknown>, next: nextIndex as A.Doc<unknown> },
        ]);
        s.entries.set(id, h);
        refreshList(s);
        return id;
      }),

    get: (id) => serial((s) => readEntry(s, id)),

    rename: (id, title) =>
      serial((s) => changeEntry(s, id, (d) => M.renameEntry(d, title.trim(), now())).then(() => undefined)),

    addMessage: (id, msg, opts) =>
      serial(async (s) => {
        if (msg.sender !== "user" && msg.sender !== "guide")
          throw new Error("A message comes from the person or the guide.");
        if (typeof msg.text !== "string") throw new Error("A message needs text.");
        const m: Message = { sender: msg.sender, text: msg.text, id: randomId(), at: msg.at ?? now() };
        if (msg.phase !== undefined) m.phase = msg.phase;
        if (msg.crisis !== undefined) m.crisis = msg.crisis;
        await changeEntry(s, id, (d) => {
          M.appendMessage(d, m, now());
          if (opts?.conversation) M.updateConversation(d, opts.conversation);
        });
        return m;
      }),

    setTags: (id, tags) =>
      serial((s) => changeEntry(s, id, (d) => M.setEntryTags(d, tags, now())).then(() => undefined)),

    updateConversation: (id, update) =>
      serial((s) => changeEntry(s, id, (d) => M.updateConversation(d, update)).then(() => undefined)),

    setMood: (id, mood: MoodCheckIn | undefined) =>
      serial(async (s) => {
        if (mood && (!Number.isInteger(mood.score) || mood.score < 1 || mood.score > 5))
          throw new Error("A mood score is a whole number from 1 to 5.");
        await changeEntry(s, id, (d) => M.setEntryMood(d, mood, now()));
      }),

    remove: (id) =>
      serial(async (s) => {
        await entryHandle(s, id);
        const deletedAt = now();
        const nextIndex = A.change(s.index.doc, (ix) => {
          ix[id]!.deletedAt = deletedAt;
          if (s.deviceId) ix[id]!.deletedBy = new A.ImmutableString(s.deviceId);
        });
        await s.docs.commit([{ handle: s.index as DocHandle<unknown>, next: nextIndex as A.Doc<unknown> }]);
        refreshList(s);
        schedulePurge(s, id, deletedAt);
        const undo = () =>
          serial(async (st) => {
            const item = st.index.doc[id];
            if (!item || item.purged || item.deletedAt === undefined)
              throw new Error("It's too late to undo: the entry is already deleted.");
            clearTimeout(st.purgeTimers.get(id));
            st.purgeTimers.delete(id);
            const restored = A.change(st.index.doc, (ix) => {
              delete ix[id]!.deletedAt;
              if (ix[id]!.deletedBy !== undefined) delete ix[id]!.deletedBy;
            });
            await st.docs.commit([
              { handle: st.index as DocHandle<unknown>, next: restored as A.Doc<unknown> },
            ]);
            refreshList(st);
          });
        return { undo };
      }),

    exportJson: (extras) => serial(async (s) => exportJson(await allEntries(s), new Date(now()), extras)),
    exportMarkdown: () => serial(async (s) => exportMarkdown(await allEntries(s), new Date(now()))),

    importJson: (json) =>
      serial(async (s) => {
        const { entries, extras } = parseImportFile(json);
        for (const e of entries) await importEntry(s, e);
        refreshList(s);
        return { imported: entries.length, extras };
      }),

    async wipeDevice() {
      await queue;
      journal.close();
      await deps.onWipe();
      announce({ type: "wiped" });
    },

    applyRemoteChunks: (chunks) =>
      serial(async (s) => {
        const handleOf = (docId: string) =>
          (docId === INDEX_DOC_ID ? s.index : s.entries.get(docId)) as DocHandle<unknown> | undefined;
        const { applied, rejected } = await s.docs.applyRemoteBatch(chunks, handleOf);
        for (const c of applied) if (c.kind === "tombstone") s.entries.delete(c.docId);
        if (applied.some((c) => c.docId === INDEX_DOC_ID))
          for (const [id, it] of Object.entries(s.index.doc)) {
            if (it.purged) s.entries.delete(id);
            else if (mine(s, it) && !s.purgeTimers.has(id)) schedulePurge(s, id, it.deletedAt!);
          }
        // Re-render the list only when the index changed; pages of unopened entries stay quiet.
        if (applied.some((c) => c.docId === INDEX_DOC_ID)) refreshList(s);
        else if (applied.some((c) => s.entries.has(c.docId) || c.kind === "tombstone")) notify();
        return { applied: applied.length, rejected };
      }),

    applyRemoteChunk: (c) =>
      serial(async (s) => {
        if (c.docId === INDEX_DOC_ID) {
          await s.docs.applyRemote(c, s.index);
          for (const [id, it] of Object.entries(s.index.doc)) {
            if (it.purged) s.entries.delete(id);
            else if (mine(s, it) && !s.purgeTimers.has(id)) schedulePurge(s, id, it.deletedAt!);
          }
          refreshList(s);
          return;
        }
        await s.docs.applyRemote(c, s.entries.get(c.docId));
        if (c.kind === "tombstone") s.entries.delete(c.docId);
        notify(); // an open entry view re-reads its entry
      }),
  };
  return journal;
}
