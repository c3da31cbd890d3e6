import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sign } from "hono/jwt";
import { issueAccessToken } from "../src/auth/tokens.js";
import { KDF, makeRelay, randomB64, type TestRelay } from "./helpers.js";

let r: TestRelay;
beforeEach(async () => {
  r = await makeRelay({ trustProxy: true });
});
afterEach(async () => {
  await r.close();
});

describe("GET /v1/auth/params", () => {
  it("returns the real salt for a user and a stable 16-byte fake for unknown names, same shape", async () => {
    const a = await r.register("Alice.Example");
    const known = await r.call("GET", "/v1/auth/params?username=alice.example");
    expect(known.status).toBe(200);
    expect(known.json).toEqual({ salt: a.salt, kdf: KDF });
    const u1 = await r.call("GET", "/v1/auth/params?username=nobody.here");
    const u2 = await r.call("GET", "/v1/auth/params?username=NOBODY.here");
    expect(u1.status).toBe(200);
    expect(Object.keys(u1.json).sort()).toEqual(["kdf", "salt"]);
    expect(Buffer.from(u1.json.salt, "base64url")).toHaveLength(16);
    expect(u1.json.salt).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(u2.json).toEqual(u1.json);
    expect((await r.call("GET", "/v1/auth/params?username=someone.else")).json.salt).not.toBe(u1.json.salt);
  });

  it("answers 400 for a missing or malformed username", async () => {
    expect((await r.call("GET", "/v1/auth/params")).status).toBe(400);
    const bad = await r.call("GET", "/v1/auth/params?username=%20x");
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe("bad_request");
    expect(bad.json.error.message).toMatch(/username/);
  });
});

describe("POST /v1/auth/register", () => {
  it("creates an account (201), refuses a taken name case-insensitively (409)", async () => {
    const a = await r.register("carol");
    expect(a.userId).toMatch(/[0-9a-f-]{36}/);
    const again = await r.call("POST", "/v1/auth/register", {
      body: {
        username: "CAROL",
        salt: randomB64(16),
        kdf: KDF,
        authKey: randomB64(32),
        wrappedKeys: { password: randomB64(40), recovery: randomB64(40) },
      },
    });
    expect(again.status).toBe(409);
    expect(again.json).toEqual({
      error: { code: "conflict", message: "that username is taken; choose another" },
    });
  });

  it("never stores the auth key, only a scrypt hash with its own salt", async () => {
    const a = await r.register("dave");
    const u = await r.deps.store.getUserByUsername("dave");
    expect(u?.authHash).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(u)).not.toContain(a.authKey);
  });

  it("answers 400 for wrong types, wrong sizes, malformed JSON and a missing body", async () => {
    const good = {
      username: "erin",
      salt: randomB64(16),
      kdf: KDF,
      authKey: randomB64(32),
      wrappedKeys: { password: randomB64(40), recovery: randomB64(40) },
    };
    for (const body of [
      { ...good, authKey: 42 },
      { ...good, authKey: randomB64(31) },
      { ...good, salt: randomB64(16) + "=" },
      { ...good, kdf: { ...KDF, name: "pbkdf2" } },
      { ...good, wrappedKeys: { password: "" } },
      [good],
      null,
    ]) {
      const res = await r.call("POST", "/v1/auth/register", { body });
      expect(res.status, JSON.stringify(body)?.slice(0, 60)).toBe(400);
      expect(res.json.error.code).toBe("bad_request");
    }
    const malformed = await r.call("POST", "/v1/auth/register", { raw: '{"username": "x",' });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.message).toBe("the request body is not valid JSON");
    expect((await r.call("POST", "/v1/auth/register")).status).toBe(400);
    const wrongType = await r.call("POST", "/v1/auth/register", {
      raw: JSON.stringify(good),
      headers: { "content-type": "text/plain" },
    });
    expect(wrongType.status).toBe(415);
    expect(wrongType.json.error.message).toMatch(/application\/json/);
  });
});

describe("POST /v1/auth/login", () => {
  it("signs in with the right key and returns what a new device needs", async () => {
    const a = await r.register("frank");
    const res = await r.call("POST", "/v1/auth/login", { body: { username: "Frank", authKey: a.authKey } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ userId: a.userId, wrappedKeys: a.wrappedKeys, kdf: KDF, salt: a.salt });
    expect(typeof res.json.accessToken).toBe("string");
    expect(typeof res.json.refreshToken).toBe("string");
    const pull = await r.call("GET", "/v1/sync/pull", { token: res.json.accessToken });
    expect(pull.status).toBe(200);
  });

  it("gives the same 401 for an unknown user and a wrong key", async () => {
    await r.register("gina");
    const wrong = await r.call("POST", "/v1/auth/login", {
      body: { username: "gina", authKey: randomB64(32) },
    });
    const unknown = await r.call("POST", "/v1/auth/login", {
      body: { username: "nobody", authKey: randomB64(32) },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.json).toEqual(wrong.json);
  });

  it("limits attempts per username (429 + Retry-After), even from many addresses", async () => {
    const a = await r.register("hank");
    const max = r.deps.config.limits.loginPerUsername.max;
    for (let i = 0; i < max; i++) {
      const res = await r.call("POST", "/v1/auth/login", {
        body: { username: "hank", authKey: randomB64(32) },
        headers: { "x-forwarded-for": `10.0.0.${i}` },
      });
      expect(res.status).toBe(401);
    }
    const limited = await r.call("POST", "/v1/auth/login", {
      body: { username: "hank", authKey: a.authKey },
      headers: { "x-forwarded-for": "10.0.1.1" },
    });
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe("rate_limited");
    const retry = Number(limited.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    // Another username is not affected.
    const b = await r.register("ivy");
    expect(
      (
        await r.call("POST", "/v1/auth/login", {
          body: { username: "ivy", authKey: b.authKey },
          headers: { "x-forwarded-for": "10.0.1.1" },
        })
      ).status,
    ).toBe(200);
  });

  it("limits attempts per client address across usernames", async () => {
    const max = r.deps.config.limits.loginPerAddress.max;
    for (let i = 0; i < max; i++) {
      const res = await r.call("POST", "/v1/auth/login", {
        body: { username: `guess${i}`, authKey: randomB64(32) },
        headers: { "x-forwarded-for": "203.0.113.9" },
      });
      expect(res.status).toBe(401);
    }
    const res = await r.call("POST", "/v1/auth/login", {
      body: { username: "guess-final", authKey: randomB64(32) },
      headers: { "x-forwarded-for": "203.0.113.9" },
    });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    const other = await r.call("POST", "/v1/auth/login", {
      body: { username: "guess-final", authKey: randomB64(32) },
      headers: { "x-forwarded-for": "203.0.113.10" },
    });
    expect(other.status).toBe(401);
  });
});

describe("refresh, logout, tokens", () => {
  it("rotates refresh tokens; reusing an old one revokes the whole session", async () => {
    const a = await r.register();
    const r1 = await r.call("POST", "/v1/auth/refresh", { body: { refreshToken: a.refreshToken } });
    expect(r1.status).toBe(200);
    expect(r1.json.refreshToken).not.toBe(a.refreshToken);
    expect(r1.json.userId).toBe(a.userId);
    const r2 = await r.call("POST", "/v1/auth/refresh", { body: { refreshToken: r1.json.refreshToken } });
    expect(r2.status).toBe(200);
    const reuse = await r.call("POST", "/v1/auth/refresh", { body: { refreshToken: a.refreshToken } });
    expect(reuse.status).toBe(401);
    expect(reuse.json.error.message).toMatch(/already used/);
    // The family is gone: the newest refresh token and its access token stop working.
    expect(
      (await r.call("POST", "/v1/auth/refresh", { body: { refreshToken: r2.json.refreshToken } })).status,
    ).toBe(401);
    expect((await r.call("GET", "/v1/sync/pull", { token: r2.json.accessToken })).status).toBe(401);
    expect((await r.call("POST", "/v1/auth/refresh", { body: { refreshToken: "made-up" } })).status).toBe(
      401,
    );
    expect((await r.call("POST", "/v1/auth/refresh", { body: {} })).status).toBe(400);
  });

  it("logout ends the session by access token or by refresh token", async () => {
    const a = await r.register();
    expect((await r.call("POST", "/v1/auth/logout", { token: a.accessToken, body: {} })).status).toBe(204);
    expect((await r.call("GET", "/v1/sync/pull", { token: a.accessToken })).status).toBe(401);
    expect(
      (await r.call("POST", "/v1/auth/refresh", { body: { refreshToken: a.refreshToken } })).status,
    ).toBe(401);
    const b = await r.register();
    expect((await r.call("POST", "/v1/auth/logout", { body: { refreshToken: b.refreshToken } })).status).toBe(
      204,
    );
    expect((await r.call("GET", "/v1/sync/pull", { token: b.accessToken })).status).toBe(401);
    expect((await r.call("POST", "/v1/auth/logout", { body: {} })).status).toBe(401);
    expect((await r.call("POST", "/v1/auth/logout")).status).toBe(401);
  });

  it("refuses forged, tampered, re-algorithmed and expired access tokens", async () => {
    const a = await r.register();
    const [h, p, s] = a.accessToken.split(".");
    const claims = JSON.parse(Buffer.from(p!, "base64url").toString());
    const other = await r.register();
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: other.userId })).toString("base64url")}.${s}`;
    const wrongKey = await sign(claims, "not-the-relay-secret-not-the-relay-secret", "HS256");
    const none = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${p}.`;
    const hs512 = await sign(claims, r.deps.keys.jwtKey, "HS512");
    const expired = await issueAccessToken(
      r.deps.keys.jwtKey,
      a.userId,
      claims.sid,
      60,
      Date.now() - 3_600_000,
    );
    const fresh = await issueAccessToken(r.deps.keys.jwtKey, a.userId, claims.sid, 60);
    for (const token of [tampered, wrongKey, none, hs512, expired, "garbage", ""]) {
      const res = await r.call("GET", "/v1/sync/pull", { token });
      expect(res.status, token.slice(0, 20)).toBe(401);
      expect(res.json.error.code).toBe("unauthorized");
    }
    expect((await r.call("GET", "/v1/sync/pull", { token: fresh })).status).toBe(200);
    expect((await r.call("GET", "/v1/sync/pull")).status).toBe(401);
  });
});

describe("password change and account deletion", () => {
  it("changes credentials atomically and ends the other sessions", async () => {
    const a = await r.register("jill");
    const other = await r.call("POST", "/v1/auth/login", { body: { username: "jill", authKey: a.authKey } });
    const next = {
      currentAuthKey: a.authKey,
      salt: randomB64(16),
      kdf: { ...KDF, iterations: 4 },
      authKey: randomB64(32),
      wrappedKeys: { password: randomB64(73), recovery: randomB64(73) },
    };
    const wrong = await r.call("POST", "/v1/auth/password", {
      token: a.accessToken,
      body: { ...next, currentAuthKey: randomB64(32) },
    });
    expect(wrong.status).toBe(401);
    expect((await r.call("POST", "/v1/auth/password", { body: next })).status).toBe(401);
    expect((await r.call("POST", "/v1/auth/password", { token: a.accessToken, body: next })).status).toBe(
      204,
    );
    expect((await r.call("GET", "/v1/sync/pull", { token: a.accessToken })).status).toBe(200);
    expect((await r.call("GET", "/v1/sync/pull", { token: other.json.accessToken })).status).toBe(401);
    expect(
      (await r.call("POST", "/v1/auth/refresh", { body: { refreshToken: other.json.refreshToken } })).status,
    ).toBe(401);
    expect(
      (await r.call("POST", "/v1/auth/login", { body: { username: "jill", authKey: a.authKey } })).status,
    ).toBe(401);
    const relog = await r.call("POST", "/v1/auth/login", {
      body: { username: "jill", authKey: next.authKey },
    });
    expect(relog.status).toBe(200);
    expect(relog.json).toMatchObject({ salt: next.salt, kdf: next.kdf, wrappedKeys: next.wrappedKeys });
    expect((await r.call("GET", "/v1/auth/params?username=jill")).json).toEqual({
      salt: next.salt,
      kdf: next.kdf,
    });
  });

  it("deletes the account and everything in it; old tokens stop working", async () => {
    const a = await r.register("kate");
    await r.call("POST", "/v1/sync/push", {
      token: a.accessToken,
      body: { chunks: [{ id: "c1", docId: "d", kind: "incremental", data: randomB64(100) }] },
    });
    expect(
      (await r.call("DELETE", "/v1/account", { token: a.accessToken, body: { authKey: randomB64(32) } }))
        .status,
    ).toBe(401);
    expect((await r.call("DELETE", "/v1/account", { body: { authKey: a.authKey } })).status).toBe(401);
    expect(
      (await r.call("DELETE", "/v1/account", { token: a.accessToken, body: { authKey: a.authKey } })).status,
    ).toBe(204);
    expect((await r.call("GET", "/v1/sync/pull", { token: a.accessToken })).status).toBe(401);
    expect(
      (await r.call("POST", "/v1/auth/refresh", { body: { refreshToken: a.refreshToken } })).status,
    ).toBe(401);
    expect(
      (await r.call("POST", "/v1/auth/login", { body: { username: "kate", authKey: a.authKey } })).status,
    ).toBe(401);
    expect(await r.deps.store.getUserById(a.userId)).toBeNull();
    expect((await r.deps.store.pullChunks(a.userId, 0, 10, 1 << 20)).chunks).toEqual([]);
    const params = await r.call("GET", "/v1/auth/params?username=kate");
    expect(params.json.salt).not.toBe(a.salt);
    expect((await r.register("kate")).userId).not.toBe(a.userId);
  });
});
