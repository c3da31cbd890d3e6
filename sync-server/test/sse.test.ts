import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startRelay, type Relay } from "../src/server.js";
import { KDF, chunk, randomB64, testConfig } from "./helpers.js";
import { openEvents } from "./sse-client.js";

let relay: Relay;
let dir: string;
beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "vw-sse-"));
  relay = await startRelay(testConfig(dir, { port: 0, sseHeartbeatSeconds: 1 }), { log: null });
});
afterEach(async () => {
  await relay.close();
  rmSync(dir, { recursive: true, force: true });
});

async function api(method: string, p: string, body?: unknown, token?: string) {
  const res = await fetch(relay.url + p, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: res.status === 204 ? null : await res.json() };
}
async function register() {
  const r = await api("POST", "/v1/auth/register", {
    username: `sse${randomB64(4)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, "x")}`,
    salt: randomB64(16),
    kdf: KDF,
    authKey: randomB64(32),
    wrappedKeys: { password: randomB64(40), recovery: randomB64(40) },
  });
  expect(r.status).toBe(201);
  return r.json as { userId: string; accessToken: string; refreshToken: string };
}

describe("GET /v1/sync/events", () => {
  it("announces the caller's new cursors (token in the query string) and nobody else's", async () => {
    const a = await register();
    const b = await register();
    const events = await openEvents(`${relay.url}/v1/sync/events?token=${encodeURIComponent(a.accessToken)}`);
    expect(events.status).toBe(200);
    expect(events.res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(await events.next()).toEqual({ event: "cursor", data: JSON.stringify({ cursor: 0 }) });
    await api("POST", "/v1/sync/push", { chunks: [chunk("a1"), chunk("a2")] }, a.accessToken);
    expect(await events.next()).toEqual({ event: "cursor", data: JSON.stringify({ cursor: 2 }) });
    await api("POST", "/v1/sync/push", { chunks: [chunk("b1")] }, b.accessToken);
    // A retried push stores nothing new and announces nothing.
    await api("POST", "/v1/sync/push", { chunks: [chunk("a1")] }, a.accessToken);
    expect(await events.next(1500)).toBeNull();
    await api("POST", "/v1/sync/push", { chunks: [chunk("a3")] }, a.accessToken);
    expect(await events.next()).toEqual({ event: "cursor", data: JSON.stringify({ cursor: 3 }) });
    await events.close();
  });

  it("accepts the bearer header, refuses a missing or bad token, ends when the session ends", async () => {
    const a = await register();
    const bad = await openEvents(`${relay.url}/v1/sync/events?token=forged`);
    expect(bad.status).toBe(401);
    await bad.close();
    const none = await openEvents(`${relay.url}/v1/sync/events`);
    expect(none.status).toBe(401);
    await none.close();
    const events = await openEvents(`${relay.url}/v1/sync/events`, {
      authorization: `Bearer ${a.accessToken}`,
    });
    expect((await events.next())?.event).toBe("cursor");
    expect((await api("POST", "/v1/auth/logout", {}, a.accessToken)).status).toBe(204);
    // The next keep-alive (1 s here) re-checks the session and closes the stream.
    const deadline = Date.now() + 5000;
    while (!events.ended && Date.now() < deadline) await events.next(200);
    expect(events.ended).toBe(true);
  });

  it("ends open streams on shutdown so the relay can stop", async () => {
    const a = await register();
    const events = await openEvents(`${relay.url}/v1/sync/events?token=${a.accessToken}`);
    await events.next();
    const t0 = Date.now();
    await relay.close();
    expect(Date.now() - t0).toBeLessThan(4000);
    await events.next(2000);
    expect(events.ended).toBe(true);
  });
  it("ends the stream when its access token expires, so the client reconnects with a fresh one", async () => {
    await relay.close();
    relay = await startRelay(testConfig(dir, { port: 0, sseHeartbeatSeconds: 1, accessTokenTtlSeconds: 3 }), {
      log: null,
    });
    const a = await register();
    const events = await openEvents(`${relay.url}/v1/sync/events?token=${a.accessToken}`);
    expect((await events.next())?.event).toBe("cursor");
    const t0 = Date.now();
    while (!events.ended && Date.now() - t0 < 8000) await events.next(200);
    expect(events.ended).toBe(true);
    expect(Date.now() - t0).toBeGreaterThan(500);
  });
  it("caps open streams per account (429), and frees a slot when one closes", async () => {
    const a = await register();
    const url = `${relay.url}/v1/sync/events?token=${a.accessToken}`;
    const open = await Promise.all(Array.from({ length: 20 }, () => openEvents(url)));
    expect(open.map((e) => e.status)).toEqual(Array(20).fill(200));
    await Promise.all(open.map((e) => e.next()));
    const extra = await openEvents(url);
    expect(extra.status).toBe(429);
    expect(extra.res.headers.get("retry-after")).toBe("30");
    await extra.close();
    await open.pop()!.close();
    const deadline = Date.now() + 8000;
    let again = await openEvents(url);
    while (again.status === 429 && Date.now() < deadline) {
      await again.close();
      await new Promise((r) => setTimeout(r, 100));
      again = await openEvents(url);
    }
    expect(again.status).toBe(200);
    await Promise.all([...open, again].map((e) => e.close()));
  });
});
