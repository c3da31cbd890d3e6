/** Property: whatever arrives, the relay answers a 4xx JSON error or success — never a 500. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { makeRelay, randomB64, type Loose, type TestRelay } from "./helpers.js";

let r: TestRelay;
let token: string;
beforeAll(async () => {
  r = await makeRelay({ trustProxy: true });
  token = (await r.register()).accessToken;
});
afterAll(async () => {
  await r.close();
});

const paths = [
  "/v1/health",
  "/v1/auth/params",
  "/v1/auth/register",
  "/v1/auth/login",
  "/v1/auth/refresh",
  "/v1/auth/logout",
  "/v1/auth/password",
  "/v1/account",
  "/v1/sync/push",
  "/v1/sync/pull",
  "/v1/events/crisis",
  "/v1/exercises",
  "/v1/%E0%A4%A",
  "/v1/sync/pull?since=%ZZ",
];
const jsonish = fc.oneof(
  fc.json(),
  fc.string(),
  fc.constant('{"chunks":[{"id":"a","docId":"b","kind":"incremental","data":"AAA"}]}'),
  fc.constant('{"chunks":[{"id":"a","docId":"b","kind":"snapshot","data":"AA","replaces":[1,2]}]}'),
  fc.constant(`{"username":"abc","authKey":"${randomB64(32)}"}`),
  fc.constant('{"__proto__":{"x":1},"constructor":{"prototype":{}}}'),
  fc.constant("[".repeat(5000)),
);

describe("fuzzed requests", () => {
  it("never produce a 500", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("GET", "POST", "DELETE", "PUT", "PATCH"),
        fc.constantFrom(...paths),
        fc.string({ maxLength: 20 }),
        jsonish,
        fc.boolean(),
        fc.constantFrom("application/json", "text/plain", "application/json; charset=utf-8", ""),
        async (method, p, query, body, withToken, type) => {
          const url = `${p}${p.includes("?") ? "&" : "?"}q=${encodeURIComponent(query)}&since=${encodeURIComponent(query)}`;
          const headers: Record<string, string> = { "x-forwarded-for": "198.51.100.7" };
          if (type) headers["content-type"] = type;
          if (withToken) headers.authorization = `Bearer ${token}`;
          const res = await r.app.request(url, {
            method,
            headers,
            body: method === "GET" ? undefined : body,
          });
          expect(res.status, `${method} ${url} ${body.slice(0, 80)}`).toBeLessThan(500);
          if (res.status >= 400) expect(((await res.json()) as Loose).error.code).toBeTypeOf("string");
        },
      ),
      { numRuns: 400 },
    );
  });
});
