/**
 * Fault rounds (issue 7), beyond fault.test.ts's single kill: several clients of two
 * accounts push (and retry what was not acknowledged, as the web outbox does) while
 *  - SQLite: the relay CLI is killed with SIGKILL at a random moment, 10 times, and
 *    restarted on the same data directory and port;
 *  - PostgreSQL: a throw-away cluster of our own is stopped (immediate) and started again
 *    under load, 3 times, behind two relay instances, which must answer clear 503s during
 *    the outage, stay up, and recover by themselves.
 * After every round: no acknowledged chunk lost (same seq, same bytes), none duplicated,
 * seqs strictly increasing; at the end every chunk ever sent is stored exactly once.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { KDF, randomB64, type Loose } from "./helpers.js";
import { spawnRelay, type RelayChild } from "./child.js";
import { openEvents } from "./sse-client.js";
// @ts-expect-error plain ESM helper shared with `pnpm test`
import { startTempPostgres } from "../../scripts/pg-temp.mjs";

const SEED = Number(process.env.VENTWELL_FAULT_SEED ?? Date.now() % 1_000_000);
function mulberry32(a: number) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
const ROUNDS = Number(process.env.VENTWELL_FAULT_ROUNDS ?? 10);
const sha = (s: string) => createHash("sha256").update(s).digest("hex");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const children: RelayChild[] = [];
const cleanups: (() => void | Promise<void>)[] = [];
afterAll(async () => {
  for (const c of children) c.proc.kill("SIGKILL");
  for (const f of cleanups.reverse()) await f();
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

interface Chunk {
  id: string;
  docId: string;
  kind: "incremental";
  data: string;
}
interface Account {
  token: string;
  sent: Map<string, string>; // id → sha of data
  acked: Map<string, number>; // id → seq
}

async function register(url: string, username: string): Promise<Account> {
  const res = await fetch(`${url}/v1/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      username,
      salt: randomB64(16),
      kdf: KDF,
      authKey: randomB64(32),
      wrappedKeys: { password: randomB64(40), recovery: randomB64(40) },
    }),
  });
  expect(res.status).toBe(201);
  return { token: ((await res.json()) as Loose).accessToken, sent: new Map(), acked: new Map() };
}

/**
 * A client: an outbox of batches, each retried until acknowledged. `urls()` is the set of
 * relays to talk to (they change across restarts); statuses other than 200 are counted.
 */
function client(name: string, account: Account, urls: () => string[], statuses: Map<string, number>) {
  const outbox: Chunk[][] = [];
  let n = 0;
  let stop = false;
  let making = true;
  const loop = (async () => {
    while (!stop) {
      if (making && outbox.length < 3) {
        const size = 1 + Math.floor(rand() * 25);
        const batch = Array.from({ length: size }, () => {
          const data = randomB64(64 + Math.floor(rand() * 4000));
          const c: Chunk = {
            id: `${name}-${n++}-${randomBytes(2).toString("hex")}`,
            docId: `doc${Math.floor(rand() * 5)}`,
            kind: "incremental",
            data,
          };
          account.sent.set(c.id, sha(data));
          return c;
        });
        outbox.push(batch);
      }
      const batch = outbox[0];
      if (!batch) {
        await sleep(5);
        continue;
      }
      const list = urls();
      const url = list[Math.floor(rand() * list.length)]!;
      let key: string;
      try {
        const res = await fetch(`${url}/v1/sync/push`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${account.token}` },
          body: JSON.stringify({ chunks: batch }),
          signal: AbortSignal.timeout(10_000),
        });
        key = String(res.status);
        const body = (await res.json()) as Loose;
        if (res.status === 200) {
          for (const a of body.accepted) {
            const before = account.acked.get(a.id);
            // An acknowledged chunk keeps its seq forever, across every retry and restart.
            if (before !== undefined) expect(a.seq, `seq of ${a.id} changed`).toBe(before);
            account.acked.set(a.id, a.seq);
          }
          outbox.shift();
        } else {
          if (res.status >= 500) key += `:${body?.error?.code}`;
          await sleep(20);
        }
      } catch {
        key = "network";
        await sleep(20);
      }
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
    }
  })();
  return {
    /** Stop making new batches; resolves when the outbox has drained (all acknowledged). */
    async drain(timeoutMs = 30_000) {
      making = false;
      const end = Date.now() + timeoutMs;
      while (outbox.length && Date.now() < end) await sleep(20);
      stop = true;
      await loop;
      return outbox.length;
    },
  };
}

async function pullAll(url: string, token: string) {
  const all: { id: string; seq: number; data: string }[] = [];
  let since = 0;
  for (;;) {
    const res = await fetch(`${url}/v1/sync/pull?since=${since}&limit=500`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const page = (await res.json()) as Loose;
    all.push(...page.chunks);
    since = page.cursor;
    if (!page.more) return all;
  }
}

/** The invariants, on what the relay holds now. `complete`: every sent chunk must be there. */
async function verify(url: string, a: Account, where: string, complete = false) {
  // Acknowledged before the pull started (pushes go on meanwhile).
  const acked = new Map(a.acked);
  const chunks = await pullAll(url, a.token);
  const seen = new Map<string, number>();
  let last = 0;
  for (const c of chunks) {
    expect(seen.has(c.id), `${where}: duplicate ${c.id} (seed ${SEED})`).toBe(false);
    seen.set(c.id, c.seq);
    expect(c.seq, `${where}: seq order`).toBeGreaterThan(last);
    last = c.seq;
    expect(sha(c.data), `${where}: bytes of ${c.id}`).toBe(a.sent.get(c.id));
  }
  for (const [id, seq] of acked)
    expect(seen.get(id), `${where}: acknowledged ${id} lost (seed ${SEED})`).toBe(seq);
  if (complete) expect(seen.size, `${where}: every sent chunk stored once`).toBe(a.sent.size);
  return chunks.length;
}

describe("fault rounds", () => {
  it(
    "SQLite: 10 × kill -9 at a random moment under pushes from 4 clients; nothing acknowledged lost, nothing doubled",
    { timeout: 180_000 },
    async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), "vw-fault-rounds-"));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const port = String(await freePort());
      const env = {
        VENTWELL_DATA_DIR: dir,
        VENTWELL_LOG: "off",
        PORT: port,
        VENTWELL_ACCESS_TTL_SECONDS: "3600",
      };
      let relay: RelayChild | null = await spawnRelay(env);
      children.push(relay);
      const url = relay.url;
      const users = [await register(url, "rounds.a"), await register(url, "rounds.b")];
      const statuses = new Map<string, number>();
      const clients = [0, 1, 2, 3].map((i) => client(`c${i}`, users[i % 2]!, () => [url], statuses));
      let kills = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const ackedBefore = users.reduce((n, u) => n + u.acked.size, 0);
        // Some pushes land in this round, then the plug is pulled at a random moment.
        while (users.reduce((n, u) => n + u.acked.size, 0) < ackedBefore + 20) await sleep(5);
        await sleep(rand() * 300);
        relay!.proc.kill("SIGKILL");
        expect(await relay!.exited).toBe("SIGKILL");
        kills++;
        relay = await spawnRelay(env);
        children.push(relay);
        expect(relay.url).toBe(url);
        for (const u of users) await verify(url, u, `round ${round}`);
      }
      for (const c of clients) expect(await c.drain()).toBe(0);
      let total = 0;
      for (const u of users) total += await verify(url, u, "final", true);
      expect(kills).toBe(ROUNDS);
      expect(statuses.get("network") ?? 0, "some pushes were cut off").toBeGreaterThan(0);
      expect(
        [...statuses.keys()].filter((k) => k.startsWith("5")),
        JSON.stringify([...statuses]),
      ).toEqual([]);
      console.log(
        `fault rounds (SQLite, seed ${SEED}): ${total} chunks, statuses ${JSON.stringify([...statuses])}`,
      );
      relay.proc.kill("SIGTERM");
      expect(await relay.exited).toBe(0);
    },
  );

  it(
    "PostgreSQL restarted 3 × under load behind two relays: clear 503s during the outage, relays stay up, nothing lost or doubled",
    { timeout: 120_000 },
    async () => {
      const cluster = await startTempPostgres();
      expect(cluster, "PostgreSQL binaries (Debian's postgresql) are needed").toBeTruthy();
      cleanups.push(() => cluster.stop());
      const secret = randomBytes(32).toString("base64url");
      const relays: RelayChild[] = [];
      for (let i = 0; i < 2; i++) {
        const dir = mkdtempSync(path.join(os.tmpdir(), "vw-fault-pg-"));
        cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
        const r = await spawnRelay({
          VENTWELL_DATA_DIR: dir,
          VENTWELL_LOG: "off",
          DATABASE_URL: cluster.url,
          VENTWELL_JWT_SECRET: secret,
          VENTWELL_ACCESS_TTL_SECONDS: "3600",
        });
        children.push(r);
        relays.push(r);
      }
      const urls = relays.map((r) => r.url);
      const users = [await register(urls[0]!, "pgfault.a"), await register(urls[1]!, "pgfault.b")];
      const statuses = new Map<string, number>();
      const clients = [0, 1, 2, 3].map((i) => client(`p${i}`, users[i % 2]!, () => urls, statuses));
      for (let round = 0; round < 3; round++) {
        const before = users.reduce((n, u) => n + u.acked.size, 0);
        while (users.reduce((n, u) => n + u.acked.size, 0) < before + 20) await sleep(5);
        await sleep(rand() * 200);
        cluster.stop(); // immediate: like a crash of the database server
        const outageStart = new Map(statuses);
        await sleep(1500);
        // During the outage: answers, not crashes — and they say "unavailable", not "bug".
        for (const r of relays) expect(r.proc.exitCode, "relay process died").toBeNull();
        const during = [...statuses].filter(([k, v]) => v > (outageStart.get(k) ?? 0)).map(([k]) => k);
        expect(during, JSON.stringify([...statuses])).toContain("503:unavailable");
        const health = await fetch(`${urls[0]}/v1/health`);
        expect(health.status).toBe(200);
        cluster.start();
        for (const u of users) await verify(urls[round % 2]!, u, `after restart ${round}`);
      }
      for (const c of clients) expect(await c.drain()).toBe(0);
      for (const u of users) await verify(urls[0]!, u, "final", true);
      // LISTEN/NOTIFY came back too: a push through one relay is announced on the other.
      const events = await openEvents(`${urls[1]}/v1/sync/events`, {
        authorization: `Bearer ${users[0]!.token}`,
      });
      expect(events.status).toBe(200);
      expect(JSON.parse((await events.next())!.data).cursor).toBeGreaterThan(0);
      // The listener reconnects with back-off (≤ 10 s): push until an announcement arrives.
      let announced: unknown = null;
      const since = Date.now();
      const deadline = since + 25_000;
      for (let i = 0; !announced && Date.now() < deadline; i++) {
        const c = await fetch(`${urls[0]}/v1/sync/push`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${users[0]!.token}` },
          body: JSON.stringify({
            chunks: [{ id: `after-outage-${i}`, docId: "d", kind: "incremental", data: randomB64(16) }],
          }),
        });
        expect(c.status).toBe(200);
        announced = await events.next(2000);
      }
      expect(announced, "no event fan-out after PostgreSQL came back").toMatchObject({ event: "cursor" });
      console.log(`event fan-out back ${Date.now() - since} ms after the final checks began`);
      await events.close();
      expect(
        [...statuses.keys()].filter((k) => k.startsWith("5") && k !== "503:unavailable"),
        JSON.stringify([...statuses]),
      ).toEqual([]);
      console.log(`fault rounds (PostgreSQL, seed ${SEED}): statuses ${JSON.stringify([...statuses])}`);
      for (const r of relays) {
        r.proc.kill("SIGTERM");
        expect(await r.exited).toBe(0);
      }
    },
  );
});
