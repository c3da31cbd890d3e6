/** POST /v1/auth/recover and the password change that follows it (recovery code, new device). */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KDF, makeRelay, randomB64, type TestRelay } from "./helpers.js";

let r: TestRelay;
beforeEach(async () => {
  r = await makeRelay({ trustProxy: true });
});
afterEach(async () => {
  await r.close();
});

/** Registers with a recovery key (as the web client does when it has one). */
const registerWithRecovery = (username: string) => r.register(username, { recoveryAuthKey: randomB64(32) });

const recover = (username: string, recoveryAuthKey: string, ip = "198.51.100.1") =>
  r.call("POST", "/v1/auth/recover", {
    body: { username, recoveryAuthKey },
    headers: { "x-forwarded-for": ip },
  });

const newCredentials = () => ({
  salt: randomB64(16),
  kdf: KDF,
  authKey: randomB64(32),
  wrappedKeys: { password: randomB64(73), recovery: randomB64(73) },
});

describe("POST /v1/auth/recover", () => {
  it("signs in with the recovery key and returns what login returns; the key is stored only as a slow hash", async () => {
    const a = await registerWithRecovery("Rita.Recovers");
    const res = await recover("rita.recovers", a.recoveryAuthKey);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ wrappedKeys: a.wrappedKeys, kdf: KDF, salt: a.salt });
    expect(Object.keys(res.json).sort()).toEqual(
      ["accessToken", "kdf", "refreshToken", "salt", "userId", "wrappedKeys"].sort(),
    );
    expect((await r.call("GET", "/v1/sync/pull", { token: res.json.accessToken })).status).toBe(200);
    const u = await r.deps.store.getUserByUsername("rita.recovers");
    expect(u?.recoveryHash).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(u?.recoveryHash).not.toBe(u?.authHash);
    expect(JSON.stringify(u)).not.toContain(a.recoveryAuthKey);
    // The recovery key is not a passphrase key, and the other way round.
    const crossed = await r.call("POST", "/v1/auth/login", {
      body: { username: a.username, authKey: a.recoveryAuthKey },
    });
    expect(crossed.status).toBe(401);
    expect((await recover(a.username, a.authKey)).status).toBe(401);
  });

  it("gives the same 401 for a wrong code and an unknown username", async () => {
    await registerWithRecovery("walt");
    const wrong = await recover("walt", randomB64(32));
    const unknown = await recover("nobody.at.all", randomB64(32));
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.json).toEqual({
      error: { code: "unauthorized", message: "the username or recovery code is not right" },
    });
    expect(unknown.json).toEqual(wrong.json);
  });

  it("answers 403 with a clear message for an account registered without a recovery key", async () => {
    const old = await r.register("oldtimer");
    const res = await recover("oldtimer", randomB64(32));
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe("recovery_not_set_up");
    expect(res.json.error.message).toMatch(/recovery by code was not set up for this account/);
    // The old account still signs in with its passphrase key.
    const login = await r.call("POST", "/v1/auth/login", {
      body: { username: "oldtimer", authKey: old.authKey },
    });
    expect(login.status).toBe(200);
  });

  it("answers 400 for malformed requests", async () => {
    for (const body of [
      {},
      { username: "walt" },
      { username: "walt", recoveryAuthKey: randomB64(31) },
      { username: "walt", recoveryAuthKey: 7 },
      { username: " x", recoveryAuthKey: randomB64(32) },
      { username: "walt", recoveryAuthKey: randomB64(32) + "=" },
      [],
    ]) {
      const res = await r.call("POST", "/v1/auth/recover", { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe("bad_request");
    }
    const bad = await r.call("POST", "/v1/auth/recover", { raw: '{"username":' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toBe("the request body is not valid JSON");
  });

  it("shares the login limit per username (recovery guesses can't add to passphrase guesses)", async () => {
    const a = await registerWithRecovery("lim.user");
    const max = r.deps.config.limits.loginPerUsername.max;
    for (let i = 0; i < max; i++) {
      const res =
        i % 2
          ? await recover("lim.user", randomB64(32), `10.9.0.${i}`)
          : await r.call("POST", "/v1/auth/login", {
              body: { username: "lim.user", authKey: randomB64(32) },
              headers: { "x-forwarded-for": `10.9.0.${i}` },
            });
      expect(res.status).toBe(401);
    }
    const limited = await recover("lim.user", a.recoveryAuthKey, "10.9.1.1");
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("POST /v1/auth/password after recovery", () => {
  it("sets a new passphrase with the recovery key: old passphrase refused, new one works, code still works", async () => {
    const a = await registerWithRecovery("nora");
    const other = await r.call("POST", "/v1/auth/login", { body: { username: "nora", authKey: a.authKey } });
    const rec = await recover("nora", a.recoveryAuthKey);
    const next = newCredentials();
    const change = await r.call("POST", "/v1/auth/password", {
      token: rec.json.accessToken,
      body: { currentRecoveryAuthKey: a.recoveryAuthKey, ...next },
    });
    expect(change.status).toBe(204);
    // A lost reply is safe to retry: the recovery key is still the current credential.
    const retry = await r.call("POST", "/v1/auth/password", {
      token: rec.json.accessToken,
      body: { currentRecoveryAuthKey: a.recoveryAuthKey, ...next },
    });
    expect(retry.status).toBe(204);
    const oldLogin = await r.call("POST", "/v1/auth/login", {
      body: { username: "nora", authKey: a.authKey },
    });
    expect(oldLogin.status).toBe(401);
    const newLogin = await r.call("POST", "/v1/auth/login", {
      body: { username: "nora", authKey: next.authKey },
    });
    expect(newLogin.status).toBe(200);
    expect(newLogin.json).toMatchObject({ salt: next.salt, wrappedKeys: next.wrappedKeys });
    // Other sessions ended; the recovering session goes on.
    expect((await r.call("GET", "/v1/sync/pull", { token: other.json.accessToken })).status).toBe(401);
    expect((await r.call("GET", "/v1/sync/pull", { token: rec.json.accessToken })).status).toBe(200);
    expect((await recover("nora", a.recoveryAuthKey)).status).toBe(200);
  });

  it("keeps the recovery credential through an ordinary passphrase change", async () => {
    const a = await registerWithRecovery("omar");
    const login = await r.call("POST", "/v1/auth/login", { body: { username: "omar", authKey: a.authKey } });
    const next = newCredentials();
    const change = await r.call("POST", "/v1/auth/password", {
      token: login.json.accessToken,
      body: { currentAuthKey: a.authKey, ...next },
    });
    expect(change.status).toBe(204);
    expect((await recover("omar", a.recoveryAuthKey)).status).toBe(200);
  });

  it("lets an account without a recovery credential add one with a password change", async () => {
    const old = await r.register("pia");
    const recoveryAuthKey = randomB64(32);
    const change = await r.call("POST", "/v1/auth/password", {
      token: old.accessToken,
      body: { currentAuthKey: old.authKey, ...newCredentials(), recoveryAuthKey },
    });
    expect(change.status).toBe(204);
    expect((await recover("pia", recoveryAuthKey)).status).toBe(200);
  });

  it("refuses a wrong recovery key, no recovery credential, and both or neither current credential", async () => {
    const a = await registerWithRecovery("quinn");
    const rec = await recover("quinn", a.recoveryAuthKey);
    const wrong = await r.call("POST", "/v1/auth/password", {
      token: rec.json.accessToken,
      body: { currentRecoveryAuthKey: randomB64(32), ...newCredentials() },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.message).toBe("the recovery code is not right");
    const old = await r.register("rudy");
    const none = await r.call("POST", "/v1/auth/password", {
      token: old.accessToken,
      body: { currentRecoveryAuthKey: randomB64(32), ...newCredentials() },
    });
    expect(none.status).toBe(401);
    for (const current of [{}, { currentAuthKey: a.authKey, currentRecoveryAuthKey: a.recoveryAuthKey }]) {
      const res = await r.call("POST", "/v1/auth/password", {
        token: rec.json.accessToken,
        body: { ...current, ...newCredentials() },
      });
      expect(res.status).toBe(400);
      expect(res.json.error.message).toMatch(/exactly one of currentAuthKey and currentRecoveryAuthKey/);
    }
    // Nothing changed: the passphrase key still signs in.
    const login = await r.call("POST", "/v1/auth/login", { body: { username: "quinn", authKey: a.authKey } });
    expect(login.status).toBe(200);
  });
});

describe("privacy", () => {
  it("logs no key, code-derived or otherwise, and no username", async () => {
    const a = await registerWithRecovery("secretive.sam");
    await recover("secretive.sam", a.recoveryAuthKey);
    await recover("secretive.sam", randomB64(32));
    const rec = await recover("secretive.sam", a.recoveryAuthKey);
    const next = newCredentials();
    await r.call("POST", "/v1/auth/password", {
      token: rec.json.accessToken,
      body: { currentRecoveryAuthKey: a.recoveryAuthKey, ...next },
    });
    const logs = r.logs.join("\n");
    expect(logs).toContain("/v1/auth/recover"); // the log is there, and was read
    for (const secret of [a.recoveryAuthKey, a.authKey, next.authKey, "secretive", rec.json.accessToken])
      expect(logs).not.toContain(secret);
  });
});
