/** In-process relay for HTTP tests (app.request, real SQLite in a temp dir) and a tiny client. */
import { mkdtempSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { defaultConfig, type RelayConfig } from "../src/config.js";
import { createRelayDeps } from "../src/server.js";
import type { Store } from "../src/store/types.js";

// Test responses are checked field by field by the assertions that read them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

export const KDF = { name: "argon2id", memoryKiB: 65536, iterations: 3, parallelism: 1 } as const;
export const b64 = (bytes: Uint8Array | Buffer) => Buffer.from(bytes).toString("base64url");
export const randomB64 = (n: number) => b64(randomBytes(n));

export type TestRelay = Awaited<ReturnType<typeof makeRelay>>;

export function testConfig(dataDir: string, overrides: Partial<RelayConfig> = {}): RelayConfig {
  return defaultConfig({ dataDir, scrypt: { logN: 10, r: 8, p: 1 }, log: true, ...overrides });
}

export async function makeRelay(overrides: Partial<RelayConfig> = {}, opts: { store?: Store } = {}) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "vw-relay-"));
  const logs: string[] = [];
  const relay = await createRelayDeps(testConfig(dataDir, overrides), {
    log: (l) => logs.push(JSON.stringify(l)),
    store: opts.store,
  });
  const app = relay.app;

  async function call(
    method: string,
    url: string,
    init: { body?: unknown; token?: string; headers?: Record<string, string>; raw?: string } = {},
  ) {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    let body: string | undefined;
    if (init.raw !== undefined) body = init.raw;
    else if (init.body !== undefined) body = JSON.stringify(init.body);
    if (body !== undefined && !("content-type" in headers)) headers["content-type"] = "application/json";
    const res = await app.request(url, { method, headers, body });
    const text = await res.text();
    let json: Loose = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, headers: res.headers, text, json };
  }

  /** `extra`: more request fields, e.g. `{ recoveryAuthKey }`. */
  async function register<E extends Record<string, unknown>>(
    username = `user${randomBytes(4).toString("hex")}`,
    extra = {} as E,
  ) {
    const account = {
      username,
      salt: randomB64(16),
      kdf: KDF,
      authKey: randomB64(32),
      wrappedKeys: { password: randomB64(73), recovery: randomB64(73) },
      ...extra,
    };
    const r = await call("POST", "/v1/auth/register", { body: account });
    if (r.status !== 201) throw new Error(`register failed: ${r.status} ${r.text}`);
    return {
      ...account,
      userId: r.json.userId as string,
      accessToken: r.json.accessToken as string,
      refreshToken: r.json.refreshToken as string,
    };
  }

  return {
    app,
    deps: relay.deps,
    logs,
    call,
    register,
    async close() {
      await relay.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const chunk = (id: string, bytes = 16, extra: Record<string, unknown> = {}) => ({
  id,
  docId: "doc1",
  kind: "incremental",
  data: randomB64(bytes),
  ...extra,
});
