/**
 * Pull throughput, latency and relay memory with 50 concurrent clients over loopback, on
 * SQLite and (when VENTWELL_TEST_DATABASE_URL is set) PostgreSQL. The relay runs as its
 * own process (the real CLI), so its memory is measured apart from the load tool.
 *   cd sync-server && pnpm exec tsx bench/relay-load.ts [seconds]
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import autocannon from "autocannon";
import { spawnRelay } from "../test/child.js";

const SECONDS = Number(process.argv[2] ?? 10);
const USERS = 50;
const CHUNKS_PER_USER = 200;
const CHUNK_BYTES = 1024;
const b64 = (n: number) => randomBytes(n).toString("base64url");
const rssMiB = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;

async function post(url: string, p: string, body: unknown, token?: string) {
  const res = await fetch(url + p, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<{ accessToken: string }>;
}

async function run(label: string, env: Record<string, string>) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "vw-bench-"));
  const relay = await spawnRelay({
    VENTWELL_DATA_DIR: dir,
    VENTWELL_LOG: "off",
    VENTWELL_ACCESS_TTL_SECONDS: "3600",
    VENTWELL_JWT_SECRET: b64(32),
    VENTWELL_REGISTER_LIMIT_PER_ADDRESS: "1000",
    ...env,
  });
  const pid = relay.proc.pid!;
  const tokens: string[] = [];
  for (let u = 0; u < USERS; u++) {
    const { accessToken } = await post(relay.url, "/v1/auth/register", {
      username: `bench${u}x${randomBytes(3).toString("hex")}`,
      salt: b64(16),
      kdf: { name: "argon2id", memoryKiB: 65536, iterations: 3, parallelism: 1 },
      authKey: b64(32),
      wrappedKeys: { password: b64(73), recovery: b64(73) },
    });
    tokens.push(accessToken);
    for (let i = 0; i < CHUNKS_PER_USER; i += 100) {
      await post(
        relay.url,
        "/v1/sync/push",
        {
          chunks: Array.from({ length: 100 }, (_, k) => ({
            id: `c${i + k}`,
            docId: `d${(i + k) % 20}`,
            kind: "incremental",
            data: b64(CHUNK_BYTES),
          })),
        },
        accessToken,
      );
    }
  }
  await new Promise((r) => setTimeout(r, 1000));
  const atRest = rssMiB(pid);
  let peak = atRest;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 100);
  let n = 0;
  const result = await autocannon({
    url: relay.url,
    connections: 50,
    duration: SECONDS,
    requests: [
      {
        method: "GET",
        // Each request: one user's first page of 100 chunks (~137 KiB of JSON).
        setupRequest: (req: Record<string, unknown>) => ({
          ...req,
          path: "/v1/sync/pull?since=0&limit=100",
          headers: { authorization: `Bearer ${tokens[n++ % USERS]}` },
        }),
      },
    ],
  });
  clearInterval(sampler);
  relay.proc.kill("SIGTERM");
  await relay.exited;
  rmSync(dir, { recursive: true, force: true });
  const line = {
    store: label,
    seconds: SECONDS,
    requestsPerSec: Math.round(result.requests.average),
    chunksPerSec: Math.round(result.requests.average * 100),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    non2xx: result.non2xx,
    errors: result.errors,
    rssMiB: { atRest: Math.round(atRest), peakUnderLoad: Math.round(peak) },
  };
  process.stdout.write(JSON.stringify(line) + "\n");
}

await run("sqlite", {});
const pgUrl = process.env.VENTWELL_TEST_DATABASE_URL;
if (pgUrl) {
  const db = `vw_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${db}`);
  const u = new URL(pgUrl);
  u.pathname = `/${db}`;
  try {
    await run("postgres", { DATABASE_URL: u.toString() });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.end();
  }
} else process.stdout.write("VENTWELL_TEST_DATABASE_URL not set: PostgreSQL skipped\n");
