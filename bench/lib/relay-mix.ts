/**
 * A realistic relay load on loopback: open event streams (one per device), and workers
 * that mostly pull (a device catching up from a random cursor), sometimes push a small
 * batch (a device writing), sometimes pull from 0 (a new device). Latency per request,
 * throughput, errors (any non-2xx or failed request), and event-stream deliveries.
 * Shared by `pnpm bench` (bench/relay-mix.ts) and the smoke test (sync-server/test/load.smoke.test.ts).
 */
import http from "node:http";
import { randomBytes } from "node:crypto";

export interface MixUser {
  token: string;
}
export interface MixOptions {
  urls: string[];
  users: MixUser[];
  seconds: number;
  concurrency: number;
  /** Open event streams (spread over users and relays). */
  streams: number;
  /** Weights of the request kinds. */
  mix?: { pull: number; pullFromZero: number; push: number };
}
export interface MixResult {
  seconds: number;
  requests: number;
  requestsPerSec: number;
  latencyMs: { p50: number; p99: number; max: number };
  byKind: Record<string, { n: number; p50: number; p99: number }>;
  errors: number;
  errorSamples: string[];
  streams: { opened: number; events: number; failed: number };
}

const b64 = (n: number) => randomBytes(n).toString("base64url");
const pct = (xs: number[], p: number) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]! * 10) / 10;
};

function request(agent: http.Agent, url: string, method: string, token: string, body?: string) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { "content-type": "application/json", "content-length": Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on("data", (d) => parts.push(d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString() }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
    req.end(body);
  });
}

/** An event stream that counts `cursor` events until closed. */
function openStream(url: string, token: string, onEvent: () => void) {
  let closed = false;
  const req = http.get(`${url}/v1/sync/events`, { headers: { authorization: `Bearer ${token}` } });
  const opened = new Promise<boolean>((resolve) => {
    req.on("response", (res) => {
      resolve(res.statusCode === 200);
      res.setEncoding("utf8");
      res.on("data", (d: string) => {
        const n = d.match(/event: cursor/g)?.length ?? 0;
        for (let i = 0; i < n; i++) onEvent();
      });
      res.on("error", () => {});
    });
    req.on("error", () => resolve(closed));
  });
  return { opened, close: () => ((closed = true), req.destroy()) };
}

export async function runMix(o: MixOptions): Promise<MixResult> {
  const mix = o.mix ?? { pull: 80, pullFromZero: 5, push: 15 };
  const total = mix.pull + mix.pullFromZero + mix.push;
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency * 2 });
  let events = 0;
  const streams = Array.from({ length: o.streams }, (_, i) =>
    openStream(o.urls[i % o.urls.length]!, o.users[i % o.users.length]!.token, () => events++),
  );
  const openedFlags = await Promise.all(streams.map((s) => s.opened));
  const lat: Record<string, number[]> = { pull: [], pullFromZero: [], push: [] };
  const heads = o.users.map(() => 0);
  let errors = 0;
  const errorSamples: string[] = [];
  let seq = 0;
  const end = Date.now() + o.seconds * 1000;
  const started = performance.now();
  const worker = async (w: number) => {
    while (Date.now() < end) {
      const u = Math.floor(Math.random() * o.users.length);
      const user = o.users[u]!;
      const url = o.urls[(w + seq) % o.urls.length]!;
      const roll = Math.random() * total;
      const kind = roll < mix.pull ? "pull" : roll < mix.pull + mix.pullFromZero ? "pullFromZero" : "push";
      let path: string;
      let body: string | undefined;
      if (kind === "push") {
        path = "/v1/sync/push";
        body = JSON.stringify({
          chunks: Array.from({ length: 1 + Math.floor(Math.random() * 5) }, () => ({
            id: `m${w}-${seq++}-${b64(4)}`,
            docId: `d${Math.floor(Math.random() * 20)}`,
            kind: "incremental",
            data: b64(200 + Math.floor(Math.random() * 1800)),
          })),
        });
      } else {
        const since = kind === "pull" ? Math.max(0, heads[u]! - Math.floor(Math.random() * 50)) : 0;
        path = `/v1/sync/pull?since=${since}&limit=100`;
      }
      const t = performance.now();
      try {
        const res = await request(agent, url + path, body ? "POST" : "GET", user.token, body);
        lat[kind]!.push(performance.now() - t);
        if (res.status !== 200) {
          errors++;
          if (errorSamples.length < 5) errorSamples.push(`${kind} ${res.status} ${res.text.slice(0, 120)}`);
        } else {
          const cursor = (JSON.parse(res.text) as { cursor: number }).cursor;
          if (cursor > heads[u]!) heads[u] = cursor;
        }
      } catch (e) {
        errors++;
        if (errorSamples.length < 5) errorSamples.push(`${kind} ${(e as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, (_, w) => worker(w)));
  const elapsed = (performance.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 300)); // last announcements
  for (const s of streams) s.close();
  agent.destroy();
  const all = Object.values(lat).flat();
  return {
    seconds: Math.round(elapsed * 10) / 10,
    requests: all.length,
    requestsPerSec: Math.round(all.length / elapsed),
    latencyMs: { p50: pct(all, 0.5), p99: pct(all, 0.99), max: pct(all, 1) },
    byKind: Object.fromEntries(
      Object.entries(lat).map(([k, v]) => [k, { n: v.length, p50: pct(v, 0.5), p99: pct(v, 0.99) }]),
    ),
    errors,
    errorSamples,
    streams: {
      opened: openedFlags.filter(Boolean).length,
      events,
      failed: openedFlags.filter((x) => !x).length,
    },
  };
}

/** Registers `n` users through `url` and seeds each with `chunks` chunks of ~1 KiB. */
export async function seedUsers(url: string, n: number, chunks: number): Promise<MixUser[]> {
  const agent = new http.Agent({ keepAlive: true });
  const users: MixUser[] = [];
  for (let i = 0; i < n; i++) {
    const reg = await request(
      agent,
      `${url}/v1/auth/register`,
      "POST",
      "",
      JSON.stringify({
        username: `mix${i}x${b64(4)
          .toLowerCase()
          .replace(/[^a-z0-9]/g, "a")}`,
        salt: b64(16),
        kdf: { name: "argon2id", memoryKiB: 65536, iterations: 3, parallelism: 1 },
        authKey: b64(32),
        wrappedKeys: { password: b64(73), recovery: b64(73) },
      }),
    );
    if (reg.status !== 201) throw new Error(`register: ${reg.status} ${reg.text}`);
    const token = (JSON.parse(reg.text) as { accessToken: string }).accessToken;
    for (let c = 0; c < chunks; c += 100) {
      const body = JSON.stringify({
        chunks: Array.from({ length: Math.min(100, chunks - c) }, (_, k) => ({
          id: `s${c + k}`,
          docId: `d${(c + k) % 20}`,
          kind: "incremental",
          data: b64(1024),
        })),
      });
      const res = await request(agent, `${url}/v1/sync/push`, "POST", token, body);
      if (res.status !== 200) throw new Error(`seed push: ${res.status} ${res.text}`);
    }
    users.push({ token });
  }
  agent.destroy();
  return users;
}
