// The relay client against the real relay CLI: errors as values with the relay's message,
// single-flight refresh of rotating tokens, network failures, back-off bounds.
import { encodeBase64Url } from "@ventwell/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRelayClient } from "./api-client";
import { backoffDelay } from "./engine";
import { removeDataDir, startRelayProcess, stopRelay, type RelayProcess } from "./testing/relay-process";

let relay: RelayProcess;
beforeAll(async () => {
  relay = await startRelayProcess({
    env: { VENTWELL_SCRYPT_LOG_N: "10", VENTWELL_ACCESS_TTL_SECONDS: "10" },
  });
});
afterAll(async () => {
  await stopRelay(relay);
  removeDataDir(relay.dataDir);
});

const bytes = (n: number, v = 7) => encodeBase64Url(new Uint8Array(n).fill(v));
const kdf = { name: "argon2id" as const, memoryKiB: 65536, iterations: 3, parallelism: 1 };
const wrappedKeys = { password: bytes(60, 1), recovery: bytes(60, 2) };

function counting() {
  const calls: string[] = [];
  const f: typeof fetch = (input, init) => {
    calls.push(new URL(String(input)).pathname);
    return fetch(input, init);
  };
  return { calls, f };
}

describe("relay client", () => {
  it("returns the relay's errors as values", async () => {
    const c = createRelayClient({ baseUrl: relay.url });
    const bad = await c.params("x");
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.status).toBe(400);
      expect(bad.error.message).toMatch(/username/);
    }
    const login = await c.login({ username: "nobody-here", authKey: bytes(32) });
    expect(login.ok || login.error).toMatchObject({ status: 401, code: "unauthorized" });
    const pull = await c.pull(0);
    expect(pull.ok || pull.error).toMatchObject({ status: 401 });
    const down = await createRelayClient({ baseUrl: "http://127.0.0.1:9" }).health();
    expect(down.ok || down.error).toMatchObject({ status: 0, code: "network" });
  });

  it("refreshes an expired access token once for many concurrent calls, and the session survives", async () => {
    const { calls, f } = counting();
    const seen: (string | undefined)[] = [];
    const c = createRelayClient({
      baseUrl: relay.url,
      fetch: f,
      onTokens: (t) => seen.push(t?.refreshToken),
    });
    const username = `r${Date.now().toString(36)}`;
    const reg = await c.register({ username, salt: bytes(16), kdf, authKey: bytes(32, 9), wrappedKeys });
    expect(reg.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 11_000)); // the access token (TTL 10 s) expires
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => c.pull(0)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(calls.filter((p) => p === "/v1/auth/refresh")).toHaveLength(1);
    expect(new Set(seen).size).toBe(2); // the registered token, then one rotation
    expect((await c.pull(0)).ok).toBe(true);
  }, 30_000);

  it("a reused (old) refresh token ends the session and clears the tokens", async () => {
    const c = createRelayClient({ baseUrl: relay.url });
    const username = `s${Date.now().toString(36)}`;
    const reg = await c.register({ username, salt: bytes(16), kdf, authKey: bytes(32, 5), wrappedKeys });
    if (!reg.ok) throw new Error(reg.error.message);
    const old = c.tokens()!.refreshToken;
    expect((await c.refresh()).ok).toBe(true);
    const replay = createRelayClient({ baseUrl: relay.url });
    replay.setTokens({ userId: reg.value.userId, refreshToken: old });
    const r = await replay.refresh();
    expect(r.ok || r.error).toMatchObject({ status: 401 });
    expect(replay.tokens()).toBeUndefined();
    // The whole family is revoked: the legitimate client must sign in again too.
    const next = await c.refresh();
    expect(next.ok).toBe(false);
  });
});

describe("back-off", () => {
  it("doubles from the base up to the cap, with ±50% jitter", () => {
    expect(backoffDelay(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffDelay(1, 1000, 60_000, () => 0.999)).toBeLessThan(1500);
    expect(backoffDelay(3, 1000, 60_000, () => 0.5)).toBe(4000);
    expect(backoffDelay(20, 1000, 60_000, () => 0.5)).toBe(60_000);
    expect(backoffDelay(20, 1000, 60_000, () => 0.999)).toBeLessThan(90_000);
  });
});
