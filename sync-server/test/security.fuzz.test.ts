/**
 * Security fuzzing of every relay route (issue 7), beyond http.fuzz.test.ts: per-route
 * mutated bodies (wrong types, huge numbers, unicode, invalid base64, duplicated keys),
 * path tricks, hostile queries and headers — from an unauthenticated attacker and from a
 * signed-in attacker. Never a 5xx, always the error shape, and the victim's rows (user,
 * chunks, sessions, refresh tokens) byte-for-byte unchanged, read straight from SQLite.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { createHash } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import { KDF, makeRelay, randomB64, type Loose, type TestRelay } from "./helpers.js";

let r: TestRelay;
let db: Database.Database;
let victim: Awaited<ReturnType<TestRelay["register"]>>;
const victimData: string[] = [];

/** Hash of everything the relay keeps about the victim, read with a separate connection. */
function victimSnapshot(): string {
  const q = (sql: string) => JSON.stringify(db.prepare(sql).all(victim.userId));
  return createHash("sha256")
    .update(q("SELECT * FROM users WHERE id = ?"))
    .update(
      q("SELECT user_id, id, doc_id, kind, seq, hex(data), size FROM chunks WHERE user_id = ? ORDER BY seq"),
    )
    .update(q("SELECT * FROM sessions WHERE user_id = ? ORDER BY id"))
    .update(q("SELECT * FROM refresh_tokens WHERE user_id = ? ORDER BY hash"))
    .digest("hex");
}
const totalChunks = () => (db.prepare("SELECT count(*) AS n FROM chunks").get() as { n: number }).n;

beforeAll(async () => {
  r = await makeRelay({ trustProxy: true });
  victim = await r.register("victim.user");
  const chunks = Array.from({ length: 5 }, (_, i) => {
    const data = randomB64(48);
    victimData.push(data);
    return { id: `c${i}`, docId: `d${i % 2}`, kind: "incremental", data };
  });
  const push = await r.call("POST", "/v1/sync/push", { token: victim.accessToken, body: { chunks } });
  expect(push.status).toBe(200);
  db = new Database(path.join(r.deps.config.dataDir, "relay.sqlite"), { readonly: true });
});
afterAll(async () => {
  db?.close();
  await r.close();
});

// ---- generators -----------------------------------------------------------------------

const hugeNumber = fc.constantFrom(
  1e308,
  -1e308,
  2 ** 53 + 1,
  -(2 ** 63),
  Number.MAX_SAFE_INTEGER,
  0.5,
  -0,
  1e-320,
);
const nastyString = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "../../etc/passwd",
    "..%2f..%2faccount",
    "%00",
    "c0",
    "A".repeat(129),
    "A".repeat(5000),
    "===",
    "AAAA====",
    "AAA=",
    "A",
    "+/+/",
    "ü€😀",
    "\ud800",
    "null",
    "__proto__",
    "constructor",
    "' OR 1=1 --",
    "$1",
  ),
);
/** Values that are wrong for almost every field (and sometimes right). */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  hugeNumber,
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(nastyString, { maxLength: 3 }),
  fc.dictionary(nastyString, nastyString, { maxKeys: 3 }),
  fc.constant(randomB64(32)),
  fc.constant(randomB64(16)),
  fc.constant(KDF),
);

function validBodies(): Record<string, Loose> {
  return {
    "/v1/auth/register": {
      username: "fuzz.new",
      salt: randomB64(16),
      kdf: KDF,
      authKey: randomB64(32),
      wrappedKeys: { password: randomB64(40), recovery: randomB64(40) },
    },
    "/v1/auth/login": { username: "victim.user", authKey: randomB64(32) },
    "/v1/auth/refresh": { refreshToken: randomB64(32) },
    "/v1/auth/logout": { refreshToken: randomB64(32) },
    "/v1/auth/password": {
      currentAuthKey: randomB64(32),
      salt: randomB64(16),
      kdf: KDF,
      authKey: randomB64(32),
      wrappedKeys: { password: randomB64(40), recovery: randomB64(40) },
    },
    "/v1/account": { authKey: randomB64(32) },
    "/v1/sync/push": {
      chunks: [
        { id: "c0", docId: "d0", kind: "snapshot", data: randomB64(20), replaces: ["c1", "c2"] },
        { id: "x1", docId: "d1", kind: "incremental", data: randomB64(20) },
      ],
    },
    "/v1/events/crisis": { modelVersion: "m1", hour: new Date().toISOString() },
  };
}

/** A valid body with one field (possibly nested) replaced, removed or duplicated. */
const mutatedBody = (route: string) =>
  fc
    .record({
      pathPick: fc.nat(),
      value: anyValue,
      mode: fc.constantFrom("replace", "delete", "duplicate-key", "extra-key", "wrap-array"),
    })
    .map(({ pathPick, value, mode }) => {
      const body = structuredClone(validBodies()[route] ?? {});
      const paths: (string | number)[][] = [];
      const walk = (v: Loose, p: (string | number)[]) => {
        if (v && typeof v === "object")
          for (const k of Object.keys(v)) {
            paths.push([...p, Array.isArray(v) ? Number(k) : k]);
            walk(v[k], [...p, Array.isArray(v) ? Number(k) : k]);
          }
      };
      walk(body, []);
      if (mode === "wrap-array") return JSON.stringify([body]);
      const target = paths[pathPick % Math.max(1, paths.length)] ?? ["x"];
      let parent: Loose = body;
      for (const k of target.slice(0, -1)) parent = parent[k];
      const last = target[target.length - 1]!;
      if (mode === "replace") parent[last] = value;
      else if (mode === "delete") delete parent[last];
      else if (mode === "extra-key") parent[`${String(last)}_extra`] = value;
      const text = JSON.stringify(body) ?? "null";
      if (mode === "duplicate-key" && typeof last === "string") {
        // JSON.parse keeps the last duplicate: a conflicting value after a valid one.
        const dup = JSON.stringify(value ?? null);
        return text.replace(`"${last}":`, `"${last}":${dup},"${last}":`);
      }
      return text;
    });

const rawBody = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.json({ maxDepth: 4 }),
  fc.constantFrom(
    "",
    "null",
    "[]",
    "{}",
    '{"chunks":',
    "[".repeat(20_000),
    '{"a":' + "1".repeat(400) + "}",
    '{"chunks":[' + '{"id":"a","docId":"b","kind":"incremental","data":"AA"},'.repeat(250) + "1]}",
    "\uFEFF{}",
    // Over the limits: a 9 MiB body, and a chunk of 1 MiB + 3 bytes.
    '{"chunks":[{"id":"a","docId":"b","kind":"incremental","data":"' + "A".repeat(9 * 1024 * 1024) + '"}]}',
    '{"chunks":[{"id":"a","docId":"b","kind":"incremental","data":"' + "A".repeat(1398108) + '"}]}',
    '{"username":"victim.user","authKey":"' + "A".repeat(43) + '"}',
  ),
);

const ROUTES: { method: string; path: string }[] = [
  { method: "GET", path: "/v1/health" },
  { method: "GET", path: "/v1/auth/params" },
  { method: "POST", path: "/v1/auth/register" },
  { method: "POST", path: "/v1/auth/login" },
  { method: "POST", path: "/v1/auth/refresh" },
  { method: "POST", path: "/v1/auth/logout" },
  { method: "POST", path: "/v1/auth/password" },
  { method: "DELETE", path: "/v1/account" },
  { method: "POST", path: "/v1/sync/push" },
  { method: "GET", path: "/v1/sync/pull" },
  { method: "GET", path: "/v1/sync/events" },
  { method: "GET", path: "/v1/exercises" },
  { method: "POST", path: "/v1/events/crisis" },
  { method: "GET", path: "/metrics" },
  { method: "GET", path: "/v1/openapi.json" },
];
const pathTrick = fc.constantFrom(
  "",
  "/",
  "/..",
  "/../account",
  "/%2e%2e/%2e%2e/account",
  "//",
  "/%00",
  ";jsessionid=1",
  "/c0",
  "/../../v1/account",
  "%20",
  "/" + "a".repeat(3000),
);
/** Lone surrogates replaced (encodeURIComponent throws on them; the raw-socket test sends bad bytes). */
const wellFormed = (s: string) =>
  s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
const queryGen = fc.oneof(
  fc.constant(""),
  fc
    .record({
      since: fc.oneof(
        fc.nat().map(String),
        hugeNumber.map(String),
        nastyString,
        fc.constantFrom("0x10", "1e3", "-1", "NaN", "Infinity", "1.5", ""),
      ),
      limit: fc.oneof(fc.nat().map(String), hugeNumber.map(String), nastyString),
      username: fc.oneof(nastyString, fc.constantFrom("victim.user", "VICTIM.USER")),
      token: fc.oneof(nastyString, fc.constant("REFRESH")),
    })
    .map(
      (q) =>
        "?" +
        Object.entries(q)
          .map(([k, v]) => `${k}=${encodeURIComponent(wellFormed(v))}`)
          .join("&"),
    ),
  fc.constantFrom(
    "?since=1&since=2&limit=1&limit=999",
    "?since=%ZZ",
    "?username=victim.user&username=x",
    "?token",
  ),
);
const authHeader = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom("", "Bearer", "Bearer ", "bearer x.y.z", "Basic dmljdGltOnB3", "Bearer a b", "Token abc"),
  fc.constant("REFRESH"),
  nastyString.map((s) => `Bearer ${s.replace(/[\r\n]/g, "")}`),
);
const contentType = fc.constantFrom(
  undefined,
  "application/json",
  "application/json; charset=utf-16",
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/json, text/plain",
  "APPLICATION/JSON",
);

async function send(
  method: string,
  url: string,
  body: string | undefined,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  const res = await r.app.request(url, { method, headers, body });
  if (res.headers.get("content-type")?.startsWith("text/event-stream")) {
    await res.body?.cancel();
    return { status: res.status, text: "" };
  }
  return { status: res.status, text: await res.text() };
}

const seen = new Map<number, number>();
function checkAnswer(status: number, text: string, what: string) {
  seen.set(status, (seen.get(status) ?? 0) + 1);
  expect(status, what).toBeLessThan(500);
  if (status >= 400 && !what.startsWith("HEAD ")) {
    const json = JSON.parse(text) as Loose;
    expect(typeof json.error.code, what).toBe("string");
    expect(typeof json.error.message, what).toBe("string");
  }
  // No answer to anyone but the victim ever carries the victim's ciphertext or hash.
  for (const d of victimData) expect(text.includes(d), `${what} leaked victim data`).toBe(false);
  expect(text.includes("scrypt$"), what).toBe(false);
}

const request = fc.record({
  route: fc.constantFrom(...ROUTES),
  method: fc.oneof(
    { weight: 6, arbitrary: fc.constant(null) },
    fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"),
  ),
  trick: fc.oneof({ weight: 6, arbitrary: fc.constant("") }, pathTrick),
  query: queryGen,
  auth: authHeader,
  type: contentType,
  forwarded: fc.constantFrom(undefined, "198.51.100.9", "not-an-ip", "1.1.1.1, 2.2.2.2", ""),
  proto: fc.constantFrom(undefined, "https", "http", "gopher"),
  bodySeed: fc.nat(),
});

async function fire(req: Loose, token: string | null, body: string | undefined) {
  const method: string = req.method ?? req.route.method;
  const url =
    req.route.path + req.trick + req.query.replace("REFRESH", encodeURIComponent(victim.refreshToken));
  const headers: Record<string, string> = {};
  if (req.type) headers["content-type"] = req.type;
  if (req.forwarded !== undefined) headers["x-forwarded-for"] = req.forwarded;
  if (req.proto) headers["x-forwarded-proto"] = req.proto;
  if (token) headers.authorization = `Bearer ${token}`;
  else if (req.auth !== undefined)
    headers.authorization = req.auth === "REFRESH" ? `Bearer ${victim.refreshToken}` : req.auth;
  // Values a real HTTP client cannot send at all are covered by the raw-socket tests.
  for (const [k, v] of Object.entries(headers)) headers[k] = v.replace(/[^\x20-\x7e]/g, "").trim();
  const withBody = method !== "GET" && method !== "HEAD" ? body : undefined;
  const res = await send(method, url, withBody, headers);
  return { ...res, what: `${method} ${url.slice(0, 120)} ${String(withBody).slice(0, 120)}` };
}

const bodyFor = (route: string) =>
  fc.oneof({ weight: 3, arbitrary: mutatedBody(route) }, { weight: 1, arbitrary: rawBody });

describe("security fuzz: every route", () => {
  it("an unauthenticated attacker gets no 5xx and changes none of the victim's rows (1,500 requests)", async () => {
    const before = victimSnapshot();
    const chunksBefore = totalChunks();
    await fc.assert(
      fc.asyncProperty(
        request.chain((req) => bodyFor(req.route.path).map((body) => ({ req, body }))),
        async ({ req, body }) => {
          const res = await fire(req, null, body);
          checkAnswer(res.status, res.text, res.what);
        },
      ),
      { numRuns: 1500 },
    );
    expect(victimSnapshot()).toBe(before);
    // Without a token nobody can store a chunk (registrations made along the way have none).
    expect(totalChunks()).toBe(chunksBefore);
    expect((await r.call("GET", "/v1/health")).status).toBe(200);
  });

  it("a signed-in attacker gets no 5xx and cannot touch or read the victim's log (1,500 requests)", async () => {
    const before = victimSnapshot();
    let attacker = await r.register();
    let fresh = 0;
    await fc.assert(
      fc.asyncProperty(
        request.chain((req) => bodyFor(req.route.path).map((body) => ({ req, body }))),
        fc.boolean(),
        async ({ req, body }, useAttackerKey) => {
          // Sometimes the attacker's own (correct) auth key, so credential routes go deep.
          let b = body;
          if (useAttackerKey && req.route.path !== "/v1/auth/login")
            b = b.replace(/"(currentAuthKey|authKey)":"[A-Za-z0-9_-]{43}"/, `"$1":"${attacker.authKey}"`);
          const res = await fire(req, attacker.accessToken, b);
          checkAnswer(res.status, res.text, res.what);
          // Logout, password change or deletion ended the attacker's session: a new one.
          if (res.status === 204 || res.status === 401) {
            const still = await r.call("GET", "/v1/sync/pull", { token: attacker.accessToken });
            if (still.status === 401) {
              attacker = await r.register();
              fresh++;
            }
          }
        },
      ),
      { numRuns: 1500 },
    );
    expect(victimSnapshot()).toBe(before);
    // The victim still reads exactly its own five chunks.
    const pull = await r.call("GET", "/v1/sync/pull", { token: victim.accessToken });
    expect(pull.status).toBe(200);
    expect(pull.json.chunks.map((c: Loose) => c.data)).toEqual(victimData);
    expect(fresh).toBeLessThan(1500);
    // The fuzz went deep: successes and every kind of refusal were reached.
    console.log("fuzz statuses", JSON.stringify([...seen.entries()].sort((a, b) => a[0] - b[0])));
    expect([...seen.keys()].sort()).toEqual(expect.arrayContaining([200, 400, 401, 404, 413]));
    // Positive control: the snapshot does see a change to the victim's log.
    await r.call("POST", "/v1/sync/push", {
      token: victim.accessToken,
      body: { chunks: [{ id: "control", docId: "d0", kind: "incremental", data: randomB64(8) }] },
    });
    expect(victimSnapshot()).not.toBe(before);
  });
});
