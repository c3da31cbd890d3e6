/**
 * The sync engine for one signed-in, unlocked session: outbox → push → seq; pull →
 * verify/decrypt → merge (Automerge, through the journal); relay events; back-off.
 *
 * @remarks The outbox is the local store's unpushed chunks, written durably by the
 * journal before any network call. Pushes are idempotent on chunk id, so a retry after
 * a lost reply (or a relay killed mid-batch) stores nothing twice.
 */
import { MAX_PUSH_CHUNKS, decodeBase64Url, encodeBase64Url, type PushChunk } from "@ventwell/shared";
import type { JournalControl, RemoteChunk } from "../journal";
import type { LocalStore, StoredChunk } from "../storage";
import type { RelayClient, RelayError, Result } from "./api-client";
import type { SyncRecord, SyncStatus } from "./types";

/** Keep each push well under the relay's 8 MiB request limit (base64 grows data by 4/3). */
const PUSH_BYTES = 4 * 1024 * 1024;
export const PULL_PAGE = 500;

export interface EngineDeps {
  store: LocalStore;
  journal: JournalControl;
  client: RelayClient;
  record: SyncRecord;
  /** Persist the (changed) record, sealed. */
  save: (r: SyncRecord) => Promise<void>;
  /** Runs before each round: push a local passphrase change to the relay, etc. */
  beforeRound?: () => Promise<Result<unknown>>;
  /** Sign in again with the stored auth key after the session ended (rotated token lost). */
  relogin: () => Promise<Result<unknown>>;
  onStatus: (s: SyncStatus) => void;
  EventSource?: typeof EventSource;
  now?: () => number;
  random?: () => number;
  periodMs?: number;
  backoff?: { baseMs: number; maxMs: number };
  online?: () => boolean;
}

class RoundError extends Error {
  constructor(readonly error: RelayError) {
    super(error.message);
  }
}

const must = <T>(r: Result<T>): T => {
  if (!r.ok) throw new RoundError(r.error);
  return r.value;
};

export function toPushChunk(c: StoredChunk): PushChunk {
  const p: PushChunk = { id: c.id, docId: c.docId, kind: c.kind, data: encodeBase64Url(c.data) };
  if (c.replaces?.length && c.kind !== "incremental") p.replaces = c.replaces;
  return p;
}

export function backoffDelay(failures: number, baseMs: number, maxMs: number, random: () => number): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(exp * (0.5 + random())); // jitter: devices that failed together don't retry together
}

export function createEngine(deps: EngineDeps) {
  const { store, journal, client, record } = deps;
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  const { baseMs, maxMs } = deps.backoff ?? { baseMs: 1000, maxMs: 60_000 };
  const online = deps.online ?? (() => globalThis.navigator?.onLine ?? true);
  /** Chunks this session pushed: skipped when they come back in a pull. */
  const pushedIds = new Set<string>();
  let status: SyncStatus = { phase: "syncing", pending: 0, username: record.username, rejected: 0 };
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let events: EventSource | undefined;
  const cleanups: (() => void)[] = [];

  const set = (patch: Partial<SyncStatus>) => {
    status = { ...status, ...patch };
    if (!stopped) deps.onStatus(status);
  };
  const countPending = async () => (await store.unpushed()).length;

  async function pushAll() {
    for (;;) {
      const outbox = await store.unpushed();
      if (!outbox.length) return;
      set({ pending: outbox.length });
      let bytes = 0;
      const batch: PushChunk[] = [];
      for (const c of outbox) {
        if (batch.length >= MAX_PUSH_CHUNKS || (batch.length && bytes + c.data.length > PUSH_BYTES)) break;
        bytes += c.data.length;
        batch.push(toPushChunk(c));
      }
      const res = must(await client.push(batch));
      for (const a of res.accepted) pushedIds.add(a.id);
      await store.markPushed(res.accepted);
      if (stopped) return;
    }
  }

  async function pullAll() {
    // The next page is fetched while this one is verified and stored (results never reject).
    let next = client.pull(record.cursor, PULL_PAGE);
    let pages = 0;
    for (;;) {
      const page = must(await next);
      if (page.more) next = client.pull(page.cursor, PULL_PAGE);
      const chunks: RemoteChunk[] = [];
      let malformed = 0;
      for (const c of page.chunks) {
        if (pushedIds.has(c.id)) continue;
        try {
          chunks.push({ id: c.id, docId: c.docId, kind: c.kind, seq: c.seq, data: decodeBase64Url(c.data) });
        } catch {
          malformed++;
        }
      }
      if (stopped) return;
      const { rejected } = chunks.length ? await journal.applyRemoteChunks(chunks) : { rejected: [] };
      const bad = rejected.length + malformed;
      if (bad) {
        // Kept out of the docs; the cursor moves on so one bad blob can't stall sync forever.
        const total = status.rejected + bad;
        set({
          rejected: total,
          message: `${total} ${total === 1 ? "piece" : "pieces"} of data from the sync server failed verification and ${total === 1 ? "was" : "were"} ignored. Your journal on this device is intact.`,
        });
      }
      record.cursor = page.cursor;
      // Re-applying a page is harmless, so the sealed cursor is written every few pages.
      if (!page.more || stopped || ++pages % 5 === 0) await deps.save(record);
      if (!page.more || stopped) return;
    }
  }

  async function round() {
    if (!online()) throw new RoundError({ status: 0, code: "network", message: "You're offline." });
    set({ phase: "syncing", nextRetryAt: undefined });
    if (deps.beforeRound) must(await deps.beforeRound());
    await pushAll();
    await pullAll();
    await pushAll(); // anything written while pulling
    openEvents();
  }

  /** One round, with a single silent re-login when the session has ended (401). */
  async function attempt(): Promise<unknown> {
    try {
      await round();
      return undefined;
    } catch (err) {
      if (!(err instanceof RoundError) || err.error.status !== 401 || stopped) return err;
      const r = await deps.relogin();
      if (!r.ok) return new RoundError(r.error);
      try {
        await round();
        return undefined;
      } catch (again) {
        return again;
      }
    }
  }

  async function finish(err: unknown) {
    if (stopped) return;
    const pending = await countPending().catch(() => status.pending);
    if (!err) {
      failures = 0;
      set({
        phase: pending ? "pending" : status.rejected ? "error" : "synced",
        pending,
        lastSyncedAt: now(),
        ...(status.rejected ? {} : { message: undefined }),
      });
      if (pending) schedule(backoffDelay(1, baseMs, maxMs, random));
      return;
    }
    const e = err instanceof RoundError ? err.error : undefined;
    if (e?.status === 401) {
      set({
        phase: "reauth",
        pending,
        message:
          "The sync server no longer accepts this device's sign-in. The passphrase may have been changed on another device, or the account deleted. Sign in again to keep syncing.",
      });
      return;
    }
    failures++;
    const wait = Math.max(e?.retryAfterMs ?? 0, backoffDelay(failures, baseMs, maxMs, random));
    const offline = e?.code === "network";
    set({
      phase: offline ? "offline" : "error",
      pending,
      message: offline
        ? "Offline. Your changes are saved on this device and will sync when you're back online."
        : e?.message || (err as Error)?.message || "Sync failed on this device.",
      nextRetryAt: now() + wait,
    });
    schedule(wait);
  }

  function schedule(ms: number) {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(kick, ms);
  }

  /** Run a round now, or right after the current one. */
  function kick() {
    if (stopped) return;
    clearTimeout(timer);
    if (running) {
      again = true;
      return;
    }
    running = attempt()
      .then(finish)
      .catch(() => undefined)
      .finally(() => {
        running = undefined;
        if (again && !stopped) {
          again = false;
          kick();
        }
      });
  }

  function openEvents() {
    const ES = deps.EventSource ?? globalThis.EventSource;
    if (!ES || stopped || (events && events.readyState !== 2)) return;
    const url = client.eventsUrl();
    if (!url) return;
    const es = new ES(url);
    events = es;
    es.addEventListener("cursor", (ev) => {
      try {
        const { cursor } = JSON.parse((ev as MessageEvent<string>).data) as { cursor: number };
        if (cursor > record.cursor) kick();
      } catch {
        /* a malformed event only costs the periodic pull */
      }
    });
    // Closed for good (401: the access token expired) → reopened after the next round.
    es.onerror = () => {
      if (es.readyState === 2 && events === es) events = undefined;
    };
  }

  function listen() {
    const w = globalThis.window as (Window & typeof globalThis) | undefined;
    if (w?.addEventListener) {
      const onFocus = () => kick();
      const onOffline = () =>
        set({
          phase: "offline",
          message: "Offline. Your changes are saved on this device and will sync when you're back online.",
        });
      w.addEventListener("focus", onFocus);
      w.addEventListener("online", onFocus);
      w.addEventListener("offline", onOffline);
      const onVisible = () => document.visibilityState === "visible" && kick();
      document.addEventListener("visibilitychange", onVisible);
      cleanups.push(() => {
        w.removeEventListener("focus", onFocus);
        w.removeEventListener("online", onFocus);
        w.removeEventListener("offline", onOffline);
        document.removeEventListener("visibilitychange", onVisible);
      });
    }
    const period = setInterval(kick, deps.periodMs ?? 60_000);
    cleanups.push(() => clearInterval(period));
    // Local writes: push soon. Remote applies also notify, so only when the outbox has something.
    let debounce: ReturnType<typeof setTimeout> | undefined;
    const unsub = journal.subscribe(() => {
      clearTimeout(debounce);
      debounce = setTimeout(() => {
        void store.unpushed(1).then((o) => {
          if (o.length && !stopped) {
            set({ pending: Math.max(status.pending, o.length) });
            kick();
          }
        });
      }, 200);
    });
    cleanups.push(unsub, () => clearTimeout(debounce));
  }

  return {
    start() {
      deps.onStatus(status);
      listen();
      kick();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      events?.close();
      events = undefined;
      for (const c of cleanups.splice(0)) c();
    },
    kick,
    retry() {
      failures = 0;
      set({ rejected: 0, message: undefined });
      kick();
    },
    async idle() {
      while (running || again) await running;
    },
    status: () => status,
  };
}

export type Engine = ReturnType<typeof createEngine>;
