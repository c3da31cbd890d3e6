/**
 * Encrypted Automerge persistence: a document is the merge of its decrypted chunks.
 * Each commit writes the changes since the last saved heads as one incremental chunk per
 * document, all in one transaction; past COMPACT_AT chunks a snapshot replaces them.
 */
import { LockedError } from "../app-contract";
import {
  DecryptError,
  concatBytes,
  deriveDocKey,
  open,
  randomId,
  seal,
  wipe,
  utf8,
  fromUtf8,
  type EnvelopeContext,
} from "../crypto";
import type { ChunkBatch, ChunkKind, LocalStore, StoredChunk } from "../storage";
import { A } from "./automerge";

export const COMPACT_AT = 64;

export interface Session {
  accountId: string;
  accountKey: Uint8Array;
  /** Random per-device id (encrypted setting): who may finish a soft delete. */
  deviceId?: string;
}

export interface DocHandle<T> {
  docId: string;
  doc: A.Doc<T>;
  /** Heads of what is on disk; the in-memory doc may be ahead if a write failed. */
  savedHeads: A.Heads;
  chunkIds: Set<string>;
  tombstoned: boolean;
  /** Stored chunks that failed to decrypt or parse: left on disk, never compacted away. */
  unreadable: string[];
}

export interface RemoteChunk {
  id: string;
  docId: string;
  kind: ChunkKind;
  data: Uint8Array;
  seq?: number;
}

const headsEqual = (a: A.Heads, b: A.Heads): boolean =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

export function createDocStore(
  store: LocalStore,
  session: Session,
  now: () => number = Date.now,
  /** Told after every successful write, so other tabs can merge it. */
  onWrite: (docIds: string[]) => void = () => undefined,
) {
  const keys = new Map<string, Uint8Array>();
  let closed = false;
  const docKey = (docId: string) => {
    // Checked synchronously right before use: a lock during an await never encrypts with wiped keys.
    if (closed) throw new LockedError();
    let k = keys.get(docId);
    if (!k) keys.set(docId, (k = deriveDocKey(session.accountKey, session.accountId, docId)));
    return k;
  };
  const ctx = (c: { id: string; docId: string; kind: ChunkKind }): EnvelopeContext => ({
    accountId: session.accountId,
    docId: c.docId,
    chunkId: c.id,
    kind: c.kind,
  });

  function sealChunk(
    docId: string,
    kind: ChunkKind,
    plaintext: Uint8Array,
    replaces?: string[],
  ): StoredChunk {
    const id = randomId();
    const chunk: StoredChunk = {
      id,
      docId,
      kind,
      data: seal(docKey(docId), plaintext, ctx({ id, docId, kind })),
      createdAt: now(),
      pushed: 0,
    };
    if (replaces?.length) chunk.replaces = replaces;
    return chunk;
  }

  /** Verifies the envelope against its claimed place before any byte reaches Automerge. */
  const openChunk = (c: RemoteChunk | StoredChunk): Uint8Array => open(docKey(c.docId), c.data, ctx(c));

  async function load<T>(docId: string): Promise<DocHandle<T>> {
    const chunks = await store.loadDoc(docId);
    let doc = A.init<T>();
    let tombstoned = false;
    const readable: string[] = [];
    const unreadable: string[] = [];
    for (const c of chunks) {
      // One damaged record must not lock the person out of everything else.
      try {
        const bytes = openChunk(c);
        if (c.kind === "tombstone") tombstoned = true;
        else doc = A.loadIncremental(doc, bytes);
        readable.push(c.id);
      } catch (err) {
        if (err instanceof LockedError) throw err;
        unreadable.push(c.id);
      }
    }
    return {
      docId,
      doc,
      savedHeads: A.getHeads(doc),
      chunkIds: new Set(readable),
      unreadable,
      tombstoned,
    };
  }

  /** The chunk that brings disk up to `next`, or undefined when nothing changed. */
  function pending<T>(h: DocHandle<T>, next: A.Doc<T>): StoredChunk | undefined {
    const bytes = A.saveSince(next as A.Doc<unknown>, h.savedHeads);
    return bytes.length ? sealChunk(h.docId, "incremental", bytes) : undefined;
  }

  /** One transaction for all handles: an entry and its index row land together or not at all. */
  async function commit(
    updates: { handle: DocHandle<unknown>; next: A.Doc<unknown> }[],
    extra: ChunkBatch = {},
  ): Promise<void> {
    const put: StoredChunk[] = [...(extra.put ?? [])];
    const written: [DocHandle<unknown>, StoredChunk | undefined][] = [];
    for (const u of updates) {
      u.handle.doc = u.next;
      const c = pending(u.handle, u.next);
      if (c) put.push(c);
      written.push([u.handle, c]);
    }
    try {
      await store.write({ put, remove: extra.remove ?? [] });
    } catch (err) {
      // Failed = did not happen: put every handle back to what is on disk, then report.
      for (const [h] of written) Object.assign(h, await load(h.docId));
      throw err;
    }
    for (const [h, c] of written) {
      h.savedHeads = A.getHeads(h.doc);
      if (c) h.chunkIds.add(c.id);
    }
    onWrite([...new Set([...written.map(([h]) => h.docId), ...put.map((c) => c.docId)])]);
    // The write above is done; a failed compaction only means it is tried at the next commit.
    for (const [h] of written) if (h.chunkIds.size > COMPACT_AT) await compact(h).catch(() => undefined);
  }

  /** Local compaction: one snapshot replaces every chunk it covers, in one transaction. */
  async function compact<T>(h: DocHandle<T>): Promise<void> {
    if (!headsEqual(A.getHeads(h.doc), h.savedHeads)) return; // unsaved changes: next commit first
    const replaces = [...h.chunkIds];
    const snap = sealChunk(h.docId, "snapshot", A.save(h.doc), replaces);
    await store.write({ put: [snap], remove: replaces });
    h.chunkIds = new Set([snap.id]);
    onWrite([h.docId]);
  }

  /** Deleting a document: its chunks go, a tombstone (also replacing them on the relay) stays. */
  function tombstoneBatch(h: DocHandle<unknown>): { put: StoredChunk[]; remove: string[] } {
    const remove = [...h.chunkIds, ...h.unreadable]; // the person asked for all of it to go
    const t = sealChunk(h.docId, "tombstone", utf8(JSON.stringify({ deletedAt: now() })), remove);
    return { put: [t], remove };
  }

  /**
   * Sync entry point: verify, store as already pushed, and merge into a loaded handle.
   * Returns false for a chunk already held.
   */
  async function applyRemote<T>(c: RemoteChunk, h?: DocHandle<T>): Promise<boolean> {
    const bytes = openChunk(c);
    if (h?.chunkIds.has(c.id)) return false;
    const row: StoredChunk = {
      id: c.id,
      docId: c.docId,
      kind: c.kind,
      data: c.data,
      createdAt: now(),
      pushed: 1,
    };
    if (c.seq !== undefined) row.seq = c.seq;
    if (c.kind === "tombstone") {
      const existing = (await store.loadDoc(c.docId)).map((x) => x.id).filter((id) => id !== c.id);
      await store.write({ put: [row], remove: existing });
      onWrite([c.docId]);
      if (h) {
        h.tombstoned = true;
        h.chunkIds = new Set([c.id]);
      }
      return true;
    }
    await store.write({ put: [row] });
    onWrite([c.docId]);
    if (h) {
      const clean = headsEqual(A.getHeads(h.doc), h.savedHeads);
      h.doc = A.loadIncremental(h.doc, bytes);
      if (clean) h.savedHeads = A.getHeads(h.doc);
      h.chunkIds.add(c.id);
    }
    return true;
  }

  /**
   * Sync, many chunks at once (one transaction): verify each envelope, store the good ones
   * as pushed, merge them into loaded handles. Chunks that fail authentication are
   * returned in `rejected` and never reach storage or Automerge.
   */
  async function applyRemoteBatch(
    chunks: RemoteChunk[],
    handleOf: (docId: string) => DocHandle<unknown> | undefined,
  ): Promise<{ applied: RemoteChunk[]; rejected: RemoteChunk[] }> {
    const good: [RemoteChunk, Uint8Array][] = [];
    const rejected: RemoteChunk[] = [];
    for (const c of chunks) {
      try {
        good.push([c, openChunk(c)]);
      } catch (err) {
        if (err instanceof DecryptError) rejected.push(c);
        else throw err;
      }
    }
    const put = new Map<string, StoredChunk>();
    const remove = new Set<string>();
    for (const [c] of good) {
      if (c.kind === "tombstone") {
        for (const x of await store.loadDoc(c.docId)) remove.add(x.id);
        for (const [id, p] of put) if (p.docId === c.docId) put.delete(id);
      }
      const row: StoredChunk = {
        id: c.id,
        docId: c.docId,
        kind: c.kind,
        data: c.data,
        createdAt: now(),
        pushed: 1,
      };
      if (c.seq !== undefined) row.seq = c.seq;
      put.set(c.id, row);
    }
    for (const id of put.keys()) remove.delete(id);
    await store.write({ put: [...put.values()], remove: [...remove] });
    // One loadIncremental per document and page: Automerge takes concatenated chunks, and
    // merging them one by one re-materialises a large index dozens of times.
    const merges = new Map<DocHandle<unknown>, { ids: string[]; parts: Uint8Array[] }>();
    for (const [c, bytes] of good) {
      const h = handleOf(c.docId);
      if (!h || h.chunkIds.has(c.id)) continue;
      if (c.kind === "tombstone") {
        h.tombstoned = true;
        h.chunkIds = new Set([c.id]);
        continue;
      }
      const m = merges.get(h) ?? { ids: [], parts: [] };
      m.ids.push(c.id);
      m.parts.push(bytes);
      merges.set(h, m);
    }
    for (const [h, m] of merges) {
      const clean = headsEqual(A.getHeads(h.doc), h.savedHeads);
      h.doc = A.loadIncremental(h.doc, concatBytes(...m.parts));
      if (clean) h.savedHeads = A.getHeads(h.doc);
      for (const id of m.ids) h.chunkIds.add(id);
    }
    if (good.length) onWrite([...new Set(good.map(([c]) => c.docId))]);
    return { applied: good.map(([c]) => c), rejected };
  }

  /** Another tab wrote to this document: merge the chunks this handle hasn't seen. */
  async function refresh<T>(h: DocHandle<T>): Promise<void> {
    const chunks = await store.loadDoc(h.docId);
    const clean = headsEqual(A.getHeads(h.doc), h.savedHeads);
    const readable = new Set<string>();
    for (const c of chunks) {
      if (h.unreadable.includes(c.id)) continue;
      if (!h.chunkIds.has(c.id)) {
        try {
          const bytes = openChunk(c);
          if (c.kind === "tombstone") h.tombstoned = true;
          else h.doc = A.loadIncremental(h.doc, bytes);
        } catch (err) {
          if (err instanceof LockedError) throw err;
          h.unreadable.push(c.id);
          continue;
        }
      }
      readable.add(c.id);
    }
    // Ids removed by the other tab's compaction were covered by its snapshot, now merged.
    h.chunkIds = readable;
    if (clean) h.savedHeads = A.getHeads(h.doc);
  }

  return {
    load,
    refresh,
    commit,
    compact,
    tombstoneBatch,
    applyRemote,
    applyRemoteBatch,
    sealChunk,
    openChunk,
    decodeTombstone: (bytes: Uint8Array) => JSON.parse(fromUtf8(bytes)) as { deletedAt: number },
    /** Lock: drop derived document keys. */
    close: () => {
      closed = true;
      for (const k of keys.values()) wipe(k);
      keys.clear();
    },
  };
}

export type DocStore = ReturnType<typeof createDocStore>;
