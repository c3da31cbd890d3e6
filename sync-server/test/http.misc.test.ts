import { afterEach, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import os from "node:os";
import path from "node:path";
import { openSqliteStore } from "../src/store/sqlite/index.js";
import type { Store } from "../src/store/types.js";
import { CONTENT_SECURITY_POLICY } from "../src/http/middleware.js";
import { loadExercises } from "../src/http/public-routes.js";
import { chunk, makeRelay, randomB64, type TestRelay } from "./helpers.js";

let r: TestRelay;
afterEach(async () => {
  await r?.close();
});

const EXERCISES = fileURLToPath(new URL("../../shared/src/exercises.json", import.meta.url));
const hourNow = () => new Date().toISOString();

describe("public routes", () => {
  it("health, exercises, unknown routes", async () => {
    r = await makeRelay();
    expect((await r.call("GET", "/v1/health")).json).toEqual({ ok: true });
    const ex = await r.call("GET", "/v1/exercises");
    expect(ex.status).toBe(200);
    expect(ex.json.exercises).toEqual(loadExercises().exercises);
    if (existsSync(EXERCISES))
      expect(ex.json.exercises).toEqual(JSON.parse(readFileSync(EXERCISES, "utf8")).exercises);
    for (const [m, p] of [
      ["GET", "/v1/nope"],
      ["POST", "/v1/health"],
      ["GET", "/nothing"],
      ["DELETE", "/v1/sync/pull"],
    ] as const) {
      const res = await r.call(m, p);
      expect(res.status, `${m} ${p}`).toBe(404);
      expect(res.json).toEqual({ error: { code: "not_found", message: "no such route" } });
    }
  });

  it("publishes an OpenAPI document covering the whole contract", async () => {
    r = await makeRelay();
    const doc = (await r.call("GET", "/v1/openapi.json")).json;
    expect(doc.openapi).toBe("3.0.3");
    const paths = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(paths.sort()).toEqual(
      [
        "GET /v1/health",
        "GET /v1/auth/params",
        "POST /v1/auth/register",
        "POST /v1/auth/login",
        "POST /v1/auth/recover",
        "POST /v1/auth/refresh",
        "POST /v1/auth/logout",
        "POST /v1/auth/password",
        "DELETE /v1/account",
        "POST /v1/sync/push",
        "GET /v1/sync/pull",
        "GET /v1/sync/events",
        "GET /v1/exercises",
        "POST /v1/events/crisis",
      ].sort(),
    );
    const push = doc.paths["/v1/sync/push"].post.requestBody.content["application/json"].schema;
    expect(push.properties.chunks.maxItems).toBe(200);
    expect(Object.keys(doc.paths["/v1/sync/push"].post.responses).sort()).toEqual([
      "200",
      "400",
      "401",
      "413",
    ]);
  });

  it("counts opt-in crisis events anonymously, rate limits them, shows them in /metrics", async () => {
    r = await makeRelay();
    const body = { modelVersion: "classifier-1.0", hour: hourNow() };
    expect((await r.call("POST", "/v1/events/crisis", { body })).status).toBe(202);
    // Counted against the limit too (it passed the schema): 2 of max used.
    expect(
      (
        await r.call("POST", "/v1/events/crisis", {
          body: { modelVersion: "classifier-1.0", hour: "2001-01-01T00:00:00Z" },
        })
      ).status,
    ).toBe(400);
    expect(
      (await r.call("POST", "/v1/events/crisis", { body: { modelVersion: "classifier-1.0" } })).status,
    ).toBe(400);
    expect((await r.call("POST", "/v1/events/crisis", { raw: "nope" })).status).toBe(400);
    const max = r.deps.config.limits.crisisPerAddress.max;
    for (let i = 2; i < max; i++)
      expect((await r.call("POST", "/v1/events/crisis", { body })).status).toBe(202);
    const limited = await r.call("POST", "/v1/events/crisis", { body });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    const metrics = await r.call("GET", "/metrics");
    expect(metrics.headers.get("content-type")).toMatch(/^text\/plain; version=0.0.4/);
    expect(metrics.text).toContain(`ventwell_crisis_events_total{model_version="classifier-1.0"} ${max - 1}`);
    expect(metrics.text).toMatch(
      /ventwell_http_requests_total\{method="POST",route="\/v1\/events\/crisis",status="202"\} \d+/,
    );
    expect(metrics.text).toMatch(/ventwell_rate_limited_total\{scope="crisis-addr"\} 1/);
    // The store holds only (model version, hour start, count): nothing that identifies anyone.
    const rows = (await r.deps.store.crisisEventTotals()).map((t) => t.modelVersion);
    expect(rows).toEqual(["classifier-1.0"]);
  });

  it("shows the 20 most frequent crisis model versions and folds the rest into other", async () => {
    r = await makeRelay();
    for (let v = 0; v < 25; v++)
      for (let k = 0; k <= v; k++) await r.deps.store.recordCrisisEvent(`m${v}`, 0);
    const text = (await r.call("GET", "/metrics")).text;
    const lines = text.split("\n").filter((l) => l.startsWith("ventwell_crisis_events_total{"));
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe('ventwell_crisis_events_total{model_version="m24"} 25');
    expect(lines.at(-1)).toBe(`ventwell_crisis_events_total{model_version="other"} ${1 + 2 + 3 + 4 + 5}`);
  });

  it("guards /metrics with a token when one is configured", async () => {
    r = await makeRelay({ metricsToken: "operator-secret" });
    expect((await r.call("GET", "/metrics")).status).toBe(401);
    expect((await r.call("GET", "/metrics", { token: "operator-secret" })).status).toBe(200);
  });
});

describe("exercise catalogue file", () => {
  it("reads an array or { exercises }, and serves none for a missing or broken file", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "vw-ex-"));
    const f = path.join(dir, "exercises.json");
    expect(loadExercises(f)).toEqual({ exercises: [] });
    writeFileSync(f, JSON.stringify([{ id: "a" }]));
    expect(loadExercises(f)).toEqual({ exercises: [{ id: "a" }] });
    writeFileSync(f, JSON.stringify({ version: 1, exercises: [{ id: "b" }] }));
    expect(loadExercises(f)).toEqual({ exercises: [{ id: "b" }] });
    writeFileSync(f, "{ nope");
    expect(loadExercises(f)).toMatchObject({
      exercises: [],
      problem: expect.stringMatching(/not valid JSON/),
    });
    writeFileSync(f, JSON.stringify({ list: [] }));
    expect(loadExercises(f)).toMatchObject({
      exercises: [],
      problem: expect.stringMatching(/no exercises array/),
    });
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("headers, logs and errors", () => {
  it("sends the security headers everywhere, HSTS only over TLS", async () => {
    r = await makeRelay();
    for (const p of ["/v1/health", "/v1/nope", "/metrics"]) {
      const res = await r.call("GET", p);
      expect(res.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("strict-transport-security")).toBeNull();
    }
    const tls = await r.call("GET", "/v1/health", { headers: { "x-forwarded-proto": "https" } });
    expect(tls.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'wasm-unsafe-eval'");
  });

  it("logs one line per request with route pattern and status — never a secret or payload", async () => {
    r = await makeRelay();
    const a = await r.register("secret.name.zz");
    const data = randomB64(64);
    await r.call("POST", "/v1/sync/push", {
      token: a.accessToken,
      body: { chunks: [{ ...chunk("chunk-id-zz"), data }] },
    });
    await r.call("GET", `/v1/sync/pull?since=0`, { token: a.accessToken });
    await r.call("POST", "/v1/auth/login", { body: { username: "secret.name.zz", authKey: a.authKey } });
    await r.call("POST", "/v1/auth/refresh", { body: { refreshToken: a.refreshToken } });
    await r.call("POST", "/v1/auth/refresh", { body: { refreshToken: a.refreshToken } });
    const lines = r.logs.map((l) => JSON.parse(l));
    const requests = lines.filter((l) => l.msg === "request");
    expect(requests.length).toBeGreaterThanOrEqual(5);
    for (const l of requests)
      expect(Object.keys(l).sort()).toEqual(["level", "method", "ms", "msg", "route", "status"]);
    expect(requests.map((l) => l.route)).toContain("/v1/sync/push");
    const all = r.logs.join("\n");
    for (const secret of [
      a.authKey,
      a.accessToken,
      a.refreshToken,
      a.salt,
      data,
      "secret.name.zz",
      "chunk-id-zz",
      a.wrappedKeys.password,
    ]) {
      expect(all).not.toContain(secret);
    }
  });

  it("answers a real bug with a clean 500 and logs no message or payload", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "vw-broken-"));
    const real = openSqliteStore(path.join(dir, "db.sqlite"));
    const broken: Store = {
      ...real,
      pullChunks: async () => {
        throw new Error("boom with private detail 4711");
      },
    };
    r = await makeRelay({}, { store: broken });
    const a = await r.register();
    const res = await r.call("GET", "/v1/sync/pull", { token: a.accessToken });
    expect(res.status).toBe(500);
    expect(res.json).toEqual({
      error: { code: "internal", message: "something went wrong on the relay; please try again" },
    });
    const errorLine = r.logs.map((l) => JSON.parse(l)).find((l) => l.level === "error");
    expect(errorLine).toMatchObject({ msg: "unhandled error", route: "/v1/sync/pull", error: "Error" });
    expect(r.logs.join("\n")).not.toContain("4711");
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("serving the built web app", () => {
  it("serves files with the right types and caching, falls back to index.html, keeps /v1 JSON", async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), "vw-dist-"));
    const dist = path.join(parent, "dist");
    mkdirSync(path.join(dist, "assets"), { recursive: true });
    mkdirSync(path.join(dist, "models"));
    writeFileSync(path.join(dist, "index.html"), "<!doctype html><title>VentWell</title>");
    writeFileSync(path.join(dist, "sw.js"), "self.x=1");
    writeFileSync(path.join(dist, "manifest.webmanifest"), "{}");
    writeFileSync(path.join(dist, "assets", "app-abc123.js"), "console.log(1)");
    writeFileSync(path.join(dist, "assets", "ort.wasm"), Buffer.from([0, 97, 115, 109]));
    writeFileSync(path.join(dist, "models", "model_quantized.onnx"), Buffer.from([8, 1]));
    writeFileSync(path.join(parent, "vw-outside-secret.txt"), "outside");
    r = await makeRelay({ webDist: dist });
    const index = await r.call("GET", "/");
    expect(index.status).toBe(200);
    expect(index.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(index.headers.get("cache-control")).toBe("no-cache");
    expect(index.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
    const deep = await r.call("GET", "/journal/123");
    expect(deep.text).toContain("<title>VentWell</title>");
    const js = await r.call("GET", "/assets/app-abc123.js");
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(js.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await r.call("GET", "/assets/ort.wasm")).headers.get("content-type")).toBe("application/wasm");
    expect((await r.call("GET", "/models/model_quantized.onnx")).headers.get("content-type")).toBe(
      "application/octet-stream",
    );
    expect((await r.call("GET", "/manifest.webmanifest")).headers.get("content-type")).toBe(
      "application/manifest+json",
    );
    expect((await r.call("GET", "/sw.js")).headers.get("cache-control")).toBe("no-cache");
    expect((await r.call("GET", "/assets/missing.js")).status).toBe(404);
    expect((await r.call("GET", "/%2e%2e/vw-outside-secret.txt")).text).not.toContain("outside");
    expect((await r.call("GET", "/..%2fvw-outside-secret.txt")).text).not.toContain("outside");
    const etag = js.headers.get("etag")!;
    expect(
      (await r.call("GET", "/assets/app-abc123.js", { headers: { "if-none-match": etag } })).status,
    ).toBe(304);
    const api404 = await r.call("GET", "/v1/unknown");
    expect(api404.status).toBe(404);
    expect(api404.json.error.code).toBe("not_found");
    expect((await r.call("GET", "/v1/health")).json).toEqual({ ok: true });
    rmSync(parent, { recursive: true, force: true });
  });
});
