/**
 * Raw HTTP on a real socket (issue 7): what fetch-level fuzzing cannot send — chunked
 * bodies past the 8 MiB limit, lying or conflicting Content-Length/Transfer-Encoding,
 * duplicated and oversized headers, bytes that are not UTF-8. Never a 5xx, never a crash:
 * the relay still answers /v1/health after every one, and no chunk is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import net from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startRelay, type Relay } from "../src/server.js";
import { testConfig } from "./helpers.js";

let relay: Relay;
let dir: string;
let token: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "vw-wire-"));
  relay = await startRelay(testConfig(dir, { port: 0, host: "127.0.0.1", log: false }), { log: null });
  const res = await fetch(`${relay.url}/v1/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      username: "wire.user",
      salt: Buffer.alloc(16, 1).toString("base64url"),
      kdf: { name: "argon2id", memoryKiB: 65536, iterations: 3, parallelism: 1 },
      authKey: Buffer.alloc(32, 2).toString("base64url"),
      wrappedKeys: { password: "AAAA", recovery: "AAAA" },
    }),
  });
  token = ((await res.json()) as { accessToken: string }).accessToken;
});
afterAll(async () => {
  await relay.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Sends raw bytes; resolves with the status of the first response (0 if the socket closed). */
function raw(head: string, body: Buffer | (() => AsyncIterable<Buffer>) = Buffer.alloc(0)): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.connect(relay.port, "127.0.0.1");
    let got = "";
    const timer = setTimeout(() => {
      s.destroy();
      reject(new Error(`no answer to ${head.split("\r\n")[0]}`));
    }, 20_000);
    const done = () => {
      clearTimeout(timer);
      const m = /^HTTP\/1\.1 (\d{3})/.exec(got);
      resolve(m ? Number(m[1]) : 0);
    };
    s.on("data", (d) => {
      got += d.toString("latin1");
      if (/^HTTP\/1\.1 \d{3}/.test(got)) {
        s.destroy();
        done();
      }
    });
    s.on("error", () => done()); // reset after an early answer
    s.on("close", done);
    s.on("connect", async () => {
      s.write(head, "latin1");
      try {
        if (Buffer.isBuffer(body)) {
          s.write(body);
          // A body shorter than its Content-Length: hang up instead of letting the relay wait.
          if (/Content-Length: 30\r\n/.test(head)) s.end();
        } else for await (const b of body()) if (!s.write(b)) await new Promise((r) => s.once("drain", r));
      } catch {
        /* the relay answered and closed early: fine */
      }
    });
  });
}

async function healthy() {
  const res = await fetch(`${relay.url}/v1/health`);
  expect(res.status).toBe(200);
}
async function storedChunks() {
  const res = await fetch(`${relay.url}/v1/sync/pull`, { headers: { authorization: `Bearer ${token}` } });
  return ((await res.json()) as { chunks: unknown[] }).chunks.length;
}
const H = (lines: string[]) => lines.join("\r\n") + "\r\n\r\n";

describe("raw HTTP against the listening relay", () => {
  it("a chunked push past 8 MiB gets 413 without Content-Length to warn it", async () => {
    const head = H([
      "POST /v1/sync/push HTTP/1.1",
      "Host: x",
      `Authorization: Bearer ${token}`,
      "Content-Type: application/json",
      "Transfer-Encoding: chunked",
    ]);
    const piece = Buffer.from(
      '{"chunks":[{"id":"a","docId":"b","kind":"incremental","data":"' + "A".repeat(1 << 20),
    );
    async function* body() {
      for (let i = 0; i < 10; i++)
        yield Buffer.concat([Buffer.from(piece.length.toString(16) + "\r\n"), piece, Buffer.from("\r\n")]);
      yield Buffer.from("0\r\n\r\n");
    }
    expect(await raw(head, body)).toBe(413);
    await healthy();
    expect(await storedChunks()).toBe(0);
  });

  it("conflicting framing and hostile headers are refused with a 4xx, never a 5xx", async () => {
    const json = '{"chunks":[{"id":"a","docId":"b","kind":"incremental","data":"AAAA"}]}';
    const cases: [string, string][] = [
      [
        H([
          "POST /v1/sync/push HTTP/1.1",
          "Host: x",
          `Authorization: Bearer ${token}`,
          "Content-Type: application/json",
          `Content-Length: ${json.length}`,
          "Transfer-Encoding: chunked",
        ]),
        json,
      ],
      [
        H([
          "POST /v1/sync/push HTTP/1.1",
          "Host: x",
          `Authorization: Bearer ${token}`,
          "Content-Type: application/json",
          "Content-Length: 5",
          "Content-Length: 70",
        ]),
        json,
      ],
      [
        H([
          "POST /v1/sync/push HTTP/1.1",
          "Host: x",
          `Authorization: Bearer ${token}`,
          "Content-Type: application/json",
          "Content-Length: 99999999999999999999",
        ]),
        json,
      ],
      [
        H([
          "POST /v1/sync/push HTTP/1.1",
          "Host: x",
          `Authorization: Bearer ${token}`,
          "Content-Type: application/json",
          "Transfer-Encoding: gzip, chunked",
        ]),
        "5\r\nhello\r\n0\r\n\r\n",
      ],
      [
        H([
          "POST /v1/sync/push HTTP/1.1",
          "Host: x",
          `Authorization: Bearer ${token}`,
          "Content-Type: application/json",
          "Content-Type: text/plain",
          `Content-Length: ${json.length}`,
        ]),
        json,
      ],
      [
        H([
          "GET /v1/sync/pull HTTP/1.1",
          "Host: x",
          "Authorization: Bearer a.b.c",
          `Authorization: Bearer ${token}`,
        ]),
        "",
      ],
      [H(["GET /v1/sync/pull HTTP/1.1", "Host: x", `X-Big: ${"a".repeat(70_000)}`]), ""],
      [H(["GET /v1/sync/pull?since=\xff\xfe HTTP/1.1", "Host: x", `Authorization: Bearer ${token}`]), ""],
      [H(["GET /v1/../../etc/passwd HTTP/1.1", "Host: x"]), ""],
      [H(["GET * HTTP/1.1", "Host: x"]), ""],
      [
        H([
          "POST /v1/auth/login HTTP/1.1",
          "Host: x",
          "Content-Type: application/json",
          "Content-Length: 30",
        ]),
        '{"username":"wire.user","auth',
      ],
      ["GARBAGE\r\n\r\n", ""],
    ];
    for (const [head, body] of cases) {
      const status = await raw(head, Buffer.from(body, "latin1"));
      if (status === 0)
        expect(head).toMatch(/Content-Length: 30\r\n/); // we hung up first
      else expect(status, head.split("\r\n").slice(0, 6).join(" | ").slice(0, 160)).toBeLessThan(500);
      await healthy();
    }
    expect(await storedChunks()).toBe(0);
  });

  it("random header names and values on a real socket never make a 5xx (200 requests)", async () => {
    const headerValue = fc
      .string({ unit: "binary-ascii", maxLength: 60 })
      .map((s) => s.replace(/[\r\n]/g, ""));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          "/v1/sync/pull",
          "/v1/sync/push",
          "/v1/auth/login",
          "/v1/health",
          "/v1/auth/params?username=wire.user",
        ),
        fc.array(
          fc.tuple(
            fc.constantFrom(
              "Authorization",
              "Content-Type",
              "Content-Length",
              "X-Forwarded-For",
              "X-Forwarded-Proto",
              "Transfer-Encoding",
              "Host",
              "Accept-Encoding",
              "X-Other",
            ),
            headerValue,
          ),
          { maxLength: 5 },
        ),
        fc.string({ maxLength: 80 }),
        async (p, headers, body) => {
          const method = p.includes("push") || p.includes("login") ? "POST" : "GET";
          const head = H([
            `${method} ${p} HTTP/1.1`,
            "Host: x",
            "Connection: close",
            ...headers.map(([k, v]) => `${k}: ${v}`),
          ]);
          const status = await raw(head, Buffer.from(body));
          expect(status === 0 || status < 500, `${head} → ${status}`).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
    await healthy();
    expect(await storedChunks()).toBe(0);
  });
});
