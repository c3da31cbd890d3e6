/**
 * "New data after seq N" signals for open devices. In one process a map of listeners;
 * with PostgreSQL, NOTIFY fans the signal out to every relay instance (each LISTENs).
 */
import pg from "pg";

export type CursorListener = (cursor: number) => void;

export interface EventBus {
  /** Announces the user's new cursor to every listener on every instance. */
  publish(userId: string, cursor: number): Promise<void>;
  subscribe(userId: string, listener: CursorListener): () => void;
  /** Open subscriptions in this process (for /metrics). */
  listenerCount(): number;
  close(): Promise<void>;
}

function localFanout() {
  const byUser = new Map<string, Set<CursorListener>>();
  let count = 0;
  return {
    deliver(userId: string, cursor: number) {
      for (const l of byUser.get(userId) ?? []) l(cursor);
    },
    subscribe(userId: string, listener: CursorListener) {
      const set = byUser.get(userId) ?? new Set();
      byUser.set(userId, set);
      set.add(listener);
      count++;
      return () => {
        if (set.delete(listener)) count--;
        if (set.size === 0) byUser.delete(userId);
      };
    },
    count: () => count,
  };
}

export function createMemoryBus(): EventBus {
  const local = localFanout();
  return {
    async publish(userId, cursor) {
      local.deliver(userId, cursor);
    },
    subscribe: local.subscribe,
    listenerCount: local.count,
    async close() {},
  };
}

const CHANNEL = "ventwell_sync";

/**
 * LISTEN on one dedicated connection (reconnecting with back-off); publish with pg_notify
 * through the pool. Payload: `{"u": userId, "c": cursor}` — no data, no secrets.
 */
export async function createPostgresBus(
  connectionString: string,
  onError: (what: string) => void = () => {},
): Promise<EventBus> {
  const local = localFanout();
  const pool = new pg.Pool({ connectionString, max: 2 });
  pool.on("error", () => {});
  let listener: pg.Client | null = null;
  let closed = false;
  let retry = 250;

  function scheduleReconnect() {
    if (closed) return;
    setTimeout(() => void connect().catch(scheduleReconnect), retry).unref();
    retry = Math.min(retry * 2, 10_000);
  }

  async function connect(): Promise<void> {
    const client = new pg.Client({ connectionString });
    client.on("notification", (msg) => {
      try {
        const { u, c } = JSON.parse(msg.payload ?? "");
        if (typeof u === "string" && typeof c === "number") local.deliver(u, c);
      } catch {
        /* not ours */
      }
    });
    const lost = () => {
      if (closed || listener !== client) return;
      listener = null;
      onError("event listener connection lost; reconnecting");
      scheduleReconnect();
    };
    client.on("error", lost);
    client.on("end", lost);
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    listener = client;
    retry = 250;
  }
  await connect();

  return {
    async publish(userId, cursor) {
      await pool.query("SELECT pg_notify($1, $2)", [CHANNEL, JSON.stringify({ u: userId, c: cursor })]);
    },
    subscribe: local.subscribe,
    listenerCount: local.count,
    async close() {
      closed = true;
      await listener?.end().catch(() => {});
      await pool.end().catch(() => {});
    },
  };
}
