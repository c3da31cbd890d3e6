/**
 * Authorization matrix (issue 7): every route × every kind of bad credential — none,
 * expired, forged signature, another user's token, a refresh token presented as an access
 * token, a deleted user's token — gets the right status and none of the victim's data,
 * and the victim's rows stay unchanged. (The relay has no per-object URLs: chunk ids are
 * scoped by the token's user, so "someone else's object" is a 401 or simply invisible,
 * never a 403 that would confirm it exists.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import { sign } from "hono/jwt";
import { issueAccessToken } from "../src/auth/tokens.js";
import { KDF, makeRelay, randomB64, type Loose, type TestRelay } from "./helpers.js";

let r: TestRelay;
let db: Database.Database;
type Account = Awaited<ReturnType<TestRelay["register"]>>;
let victim: Account;
let other: Account;
const victimData: string[] = [];
const METRICS_TOKEN = randomBytes(24).toString("base64url");

function snapshot(userId: string): string {
  const q = (sql: string) => JSON.stringify(db.prepare(sql).all(userId));
  return createHash("sha256")
    .update(q("SELECT * FROM users WHERE id = ?"))
    .update(q("SELECT id, doc_id, kind, seq, hex(data) FROM chunks WHERE user_id = ? ORDER BY seq"))
    .update(q("SELECT * FROM sessions WHERE user_id = ? ORDER BY id"))
    .update(q("SELECT * FROM refresh_tokens WHERE user_id = ? ORDER BY hash"))
    .digest("hex");
}

beforeAll(async () => {
  r = await makeRelay({ trustProxy: true, metricsToken: METRICS_TOKEN });
  victim = await r.register("victim.matrix");
  other = await r.register("other.matrix");
  const chunks = Array.from({ length: 3 }, (_, i) => {
    const data = randomB64(40);
    victimData.push(data);
    return { id: `v${i}`, docId: "vd", kind: "incremental", data };
  });
  expect(
    (await r.call("POST", "/v1/sync/push", { token: victim.accessToken, body: { chunks } })).status,
  ).toBe(200);
  db = new Database(path.join(r.deps.config.dataDir, "relay.sqlite"), { readonly: true });
});
afterAll(async () => {
  db?.close();
  await r.close();
});

/** The kinds of credential an attacker may hold, built against the victim. */
async function credentials(): Promise<Record<string, string | undefined>> {
  const claims = JSON.parse(Buffer.from(victim.accessToken.split(".")[1]!, "base64url").toString());
  const gone = await r.register();
  const del = await r.call("DELETE", "/v1/account", {
    token: gone.accessToken,
    body: { authKey: gone.authKey },
  });
  expect(del.status).toBe(204);
  const [h, , s] = victim.accessToken.split(".");
  return {
    none: undefined,
    expired: await issueAccessToken(
      r.deps.keys.jwtKey,
      victim.userId,
      claims.sid,
      60,
      Date.now() - 3_600_000,
    ),
    "forged signature": await sign(claims, randomBytes(32).toString("hex"), "HS256"),
    "forged claims (sub swapped, old signature)": `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: other.userId })).toString("base64url")}.${s}`,
    "alg none": `${Buffer.from('{"alg":"none","typ":"JWT"}').toString("base64url")}.${victim.accessToken.split(".")[1]}.`,
    "refresh token as access token": victim.refreshToken,
    "deleted user's token": gone.accessToken,
    "other user's token": other.accessToken,
  };
}

interface Case {
  method: string;
  path: string;
  body?: unknown;
}
/** Routes that need a session; bodies carry the victim's own secrets where they matter. */
const PROTECTED = (): Case[] => [
  {
    method: "POST",
    path: "/v1/sync/push",
    body: {
      chunks: [{ id: "v0", docId: "vd", kind: "snapshot", data: randomB64(8), replaces: ["v1", "v2"] }],
    },
  },
  { method: "GET", path: "/v1/sync/pull?since=0&limit=500" },
  { method: "GET", path: "/v1/sync/events" },
  {
    method: "POST",
    path: "/v1/auth/password",
    body: {
      currentAuthKey: victim.authKey,
      salt: randomB64(16),
      kdf: KDF,
      authKey: randomB64(32),
      wrappedKeys: { password: randomB64(40), recovery: randomB64(40) },
    },
  },
  { method: "DELETE", path: "/v1/account", body: { authKey: victim.authKey } },
  { method: "POST", path: "/v1/auth/logout", body: {} },
  { method: "GET", path: "/metrics" },
];
const PUBLIC: Case[] = [
  { method: "GET", path: "/v1/health" },
  { method: "GET", path: "/v1/auth/params?username=victim.matrix" },
  { method: "GET", path: "/v1/exercises" },
  { method: "GET", path: "/v1/openapi.json" },
  { method: "POST", path: "/v1/auth/login", body: { username: "victim.matrix", authKey: randomB64(32) } },
  { method: "POST", path: "/v1/auth/refresh", body: { refreshToken: randomB64(32) } },
  { method: "GET", path: "/v1/no/such/route" },
];

async function hit(c: Case, token: string | undefined) {
  const headers: Record<string, string> = {
    "x-forwarded-for": `203.0.113.${Math.floor(Math.random() * 250)}`,
  };
  if (token) headers.authorization = `Bearer ${token}`;
  if (c.body !== undefined) headers["content-type"] = "application/json";
  const res = await r.app.request(c.path, {
    method: c.method,
    headers,
    body: c.body === undefined ? undefined : JSON.stringify(c.body),
  });
  let text: string;
  if (res.headers.get("content-type")?.startsWith("text/event-stream")) {
    // First event only: the cursor it announces must be the token owner's, not the victim's.
    const reader = res.body!.getReader();
    const { value } = await reader.read();
    await reader.cancel();
    text = new TextDecoder().decode(value);
  } else text = await res.text();
  return { status: res.status, text };
}

describe("authorization matrix", () => {
  it("every protected route refuses every bad credential with 401 and no data; another user's token sees only its own account", async () => {
    const creds = await credentials();
    const before = snapshot(victim.userId);
    const table: string[] = [];
    for (const c of PROTECTED()) {
      for (const [kind, token] of Object.entries(creds)) {
        const res = await hit(c, token);
        table.push(`${c.method} ${c.path.split("?")[0]} × ${kind} → ${res.status}`);
        const what = `${c.method} ${c.path} with ${kind}`;
        for (const d of victimData) expect(res.text.includes(d), `${what} leaked data`).toBe(false);
        if (c.path === "/metrics") {
          // The operator's token only: no user token opens the metrics.
          expect(res.status, what).toBe(401);
          continue;
        }
        if (kind === "other user's token") {
          // Authenticated as *other*: it acts on other's own account, never the victim's.
          const expected: Record<string, number> = {
            "/v1/sync/push": 200,
            "/v1/sync/pull": 200,
            "/v1/sync/events": 200,
            "/v1/auth/password": 401, // the victim's current key is not other's
            "/v1/account": 401, // same
            "/v1/auth/logout": 204, // ends other's own session
          };
          expect(res.status, what).toBe(expected[c.path.split("?")[0]!]);
          if (c.path.startsWith("/v1/sync/pull")) {
            const ids = (JSON.parse(res.text) as Loose).chunks.map((ch: Loose) => ch.id);
            expect(ids, what).toEqual(["v0"]); // the one other just pushed into its own log
          }
          if (c.path === "/v1/sync/events") expect(res.text, what).toContain('"cursor":1');
          continue;
        }
        if (kind === "deleted user's token" && c.path === "/v1/auth/logout") {
          // Logging out a session that no longer exists is a harmless no-op.
          expect([204, 401], what).toContain(res.status);
          continue;
        }
        expect(res.status, what).toBe(401);
        expect((JSON.parse(res.text) as Loose).error.code, what).toBe("unauthorized");
      }
    }
    expect(table.length).toBe(PROTECTED().length * Object.keys(creds).length);
    expect(snapshot(victim.userId)).toBe(before);
    // The victim's session still works and sees exactly its own chunks.
    const pull = await r.call("GET", "/v1/sync/pull", { token: victim.accessToken });
    expect(pull.json.chunks.map((c: Loose) => c.data)).toEqual(victimData);
    // Positive control: the operator's token opens /metrics.
    expect((await hit({ method: "GET", path: "/metrics" }, METRICS_TOKEN)).status).toBe(200);
  });

  it("public routes answer the same whatever token comes along, and never with personal data", async () => {
    const creds = await credentials();
    for (const c of PUBLIC) {
      const baseline = await hit(c, undefined);
      for (const [kind, token] of Object.entries(creds)) {
        const res = await hit(c, token);
        const what = `${c.method} ${c.path} with ${kind}`;
        expect(res.status, what).toBe(baseline.status);
        if (c.method === "GET") expect(res.text, what).toBe(baseline.text);
        for (const d of victimData) expect(res.text.includes(d), what).toBe(false);
        expect(res.text.includes(victim.userId), what).toBe(false);
      }
    }
  });

  it("a deleted user's refresh token and an old refresh token do not come back to life", async () => {
    const u = await r.register();
    const rotated = await r.call("POST", "/v1/auth/refresh", { body: { refreshToken: u.refreshToken } });
    expect(rotated.status).toBe(200);
    expect(
      (
        await r.call("DELETE", "/v1/account", {
          token: rotated.json.accessToken,
          body: { authKey: u.authKey },
        })
      ).status,
    ).toBe(204);
    for (const t of [u.refreshToken, rotated.json.refreshToken]) {
      const res = await r.call("POST", "/v1/auth/refresh", { body: { refreshToken: t } });
      expect(res.status).toBe(401);
    }
    const login = await r.call("POST", "/v1/auth/login", {
      body: { username: u.username, authKey: u.authKey },
    });
    expect(login.status).toBe(401);
  });
});
