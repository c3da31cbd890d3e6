/**
 * Relay under a realistic mixed load (pull-heavy, some pushes, open event streams) on
 * loopback: one relay on SQLite, then two relays on one PostgreSQL database (load spread
 * over both, events fanned out by LISTEN/NOTIFY). Relays are the real CLI, own processes.
 *   node --import tsx bench/relay-mix.ts [--seconds 10] [--concurrency 32] [--users 20]
 * Needs VENTWELL_TEST_DATABASE_URL for the PostgreSQL part. Prints one JSON line per store.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { spawnRelay, type RelayChild } from "../sync-server/test/child";
import { runMix, seedUsers } from "./lib/relay-mix";

const args = process.argv.slice(2);
const opt = (k: string, d: number) =>
  args.includes(`--${k}`) ? Number(args[args.indexOf(`--${k}`) + 1]) : d;
const SECONDS = opt("seconds", 10);
const CONCURRENCY = opt("concurrency", 32);
const USERS = opt("users", 20);
const STREAMS = opt("streams", 40);
const require = createRequire(path.resolve("sync-server/package.json"));
const pg = require("pg") as typeof import("pg");
const secret = randomBytes(32).toString("base64url");

async function relays(n: number, env: Record<string, string>) {
  const out: { relay: RelayChild; dir: string }[] = [];
  for (let i = 0; i < n; i++) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "vw-mix-"));
    const relay = await spawnRelay({
      VENTWELL_DATA_DIR: dir,
      VENTWELL_LOG: "off",
      VENTWELL_ACCESS_TTL_SECONDS: "3600",
      VENTWELL_JWT_SECRET: secret,
      VENTWELL_REGISTER_LIMIT_PER_ADDRESS: "10000",
      ...env,
    });
    out.push({ relay, dir });
  }
  return out;
}

async function run(label: string, n: number, env: Record<string, string>) {
  const rs = await relays(n, env);
  try {
    const urls = rs.map((r) => r.relay.url);
    const users = await seedUsers(urls[0]!, USERS, 200);
    const result = await runMix({
      urls,
      users,
      seconds: SECONDS,
      concurrency: CONCURRENCY,
      streams: STREAMS,
    });
    console.log(
      JSON.stringify({ store: label, relays: n, users: USERS, concurrency: CONCURRENCY, ...result }),
    );
  } finally {
    for (const r of rs) {
      r.relay.proc.kill("SIGTERM");
      await r.relay.exited;
      rmSync(r.dir, { recursive: true, force: true });
    }
  }
}

await run("sqlite", 1, {});
const pgUrl = process.env.VENTWELL_TEST_DATABASE_URL;
if (pgUrl) {
  const db = `vw_mix_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${db}`);
  const u = new URL(pgUrl);
  u.pathname = `/${db}`;
  try {
    await run("postgres", 2, { DATABASE_URL: u.toString() });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.end();
  }
} else console.log(JSON.stringify({ store: "postgres", skipped: "VENTWELL_TEST_DATABASE_URL not set" }));
