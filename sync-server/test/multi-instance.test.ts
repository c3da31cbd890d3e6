/**
 * Two relay processes on one PostgreSQL database: a push through one is announced over
 * SSE to a client listening on the other, tokens work on both, rate limits are shared.
 */
import { afterAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { PulledChunk } from "@ventwell/shared";
import { KDF, randomB64 } from "./helpers.js";
import { spawnRelay, type RelayChild } from "./child.js";
import { openEvents } from "./sse-client.js";
import { testDatabaseUrl } from "./pg.js";

const adminUrl = testDatabaseUrl();
const dbName = `vw_multi_${randomBytes(5).toString("hex")}`;
const children: RelayChild[] = [];
const dirs: string[] = [];

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

afterAll(async () => {
  for (const c of children) c.proc.kill("SIGKILL");
  await Promise.all(children.map((c) => c.exited));
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function call(url: string, method: string, p: string, body?: unknown, token?: string) {
  const res = await fetch(url + p, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null, headers: res.headers };
}

describe("two relay instances on one PostgreSQL", () => {
  it("fan out events with LISTEN/NOTIFY and share sessions and rate limits", async () => {
    await admin(`CREATE DATABASE ${dbName}`);
    const u = new URL(adminUrl);
    u.pathname = `/${dbName}`;
    const env = {
      DATABASE_URL: u.toString(),
      VENTWELL_JWT_SECRET: randomBytes(32).toString("base64url"),
      VENTWELL_LOGIN_LIMIT_PER_USERNAME: "3",
      VENTWELL_LOG: "off",
    };
    // Separate data dirs: nothing shared but the database and the given secret.
    const [a, b] = await Promise.all(
      [0, 1].map(() => {
        const dir = mkdtempSync(path.join(os.tmpdir(), "vw-multi-"));
        dirs.push(dir);
        return spawnRelay({ ...env, VENTWELL_DATA_DIR: dir });
      }),
    );
    children.push(a!, b!);

    const account = {
      username: "multi.user",
      salt: randomB64(16),
      kdf: KDF,
      authKey: randomB64(32),
      wrappedKeys: { password: randomB64(40), recovery: randomB64(40) },
    };
    const reg = await call(a!.url, "POST", "/v1/auth/register", account);
    expect(reg.status).toBe(201);
    // Same salt from either instance; the same fake salt for an unknown name too.
    expect((await call(b!.url, "GET", "/v1/auth/params?username=multi.user")).json.salt).toBe(account.salt);
    const fakeA = await call(a!.url, "GET", "/v1/auth/params?username=no.such.user");
    const fakeB = await call(b!.url, "GET", "/v1/auth/params?username=no.such.user");
    expect(fakeA.json).toEqual(fakeB.json);

    const events = await openEvents(
      `${b!.url}/v1/sync/events?token=${encodeURIComponent(reg.json.accessToken)}`,
    );
    expect(events.status).toBe(200);
    expect(await events.next()).toEqual({ event: "cursor", data: JSON.stringify({ cursor: 0 }) });
    const push = await call(
      a!.url,
      "POST",
      "/v1/sync/push",
      { chunks: [{ id: "x1", docId: "d", kind: "incremental", data: randomB64(64) }] },
      reg.json.accessToken,
    );
    expect(push.status).toBe(200);
    expect(await events.next(5000)).toEqual({ event: "cursor", data: JSON.stringify({ cursor: 1 }) });
    const pulled = await call(b!.url, "GET", "/v1/sync/pull", undefined, reg.json.accessToken);
    expect(pulled.json.chunks.map((c: PulledChunk) => c.id)).toEqual(["x1"]);
    await events.close();

    // A refresh token rotated on A is single-use on B as well.
    const r1 = await call(a!.url, "POST", "/v1/auth/refresh", { refreshToken: reg.json.refreshToken });
    expect(r1.status).toBe(200);
    expect(
      (await call(b!.url, "POST", "/v1/auth/refresh", { refreshToken: reg.json.refreshToken })).status,
    ).toBe(401);

    // Login limit 3 per username, counted across both instances.
    const wrong = { username: "multi.user", authKey: randomB64(32) };
    const statuses = [];
    for (const inst of [a, b, a, b])
      statuses.push((await call(inst!.url, "POST", "/v1/auth/login", wrong)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);

    b!.proc.kill("SIGTERM");
    a!.proc.kill("SIGTERM");
    expect(await b!.exited).toBe(0);
    expect(await a!.exited).toBe(0);
  });
});
