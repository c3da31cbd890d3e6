/**
 * Smoke version of the load benchmark (`pnpm bench` runs the full one, bench/relay-mix.ts):
 * a few seconds of the realistic mix — pulls, pushes, new-device pulls, open event streams —
 * against a listening relay on SQLite. Zero errors, events delivered, every push stored.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startRelay, type Relay } from "../src/server.js";
import { testConfig } from "./helpers.js";
import { runMix, seedUsers } from "../../bench/lib/relay-mix.js";

let relay: Relay;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "vw-load-"));
  relay = await startRelay(testConfig(dir, { port: 0, host: "127.0.0.1", log: false }), { log: null });
});
afterAll(async () => {
  await relay.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("load smoke", () => {
  it("3 s of mixed load with 8 workers and 10 event streams: no errors, events delivered", async () => {
    const users = await seedUsers(relay.url, 4, 100);
    const r = await runMix({ urls: [relay.url], users, seconds: 3, concurrency: 8, streams: 10 });
    console.log(
      `load smoke: ${JSON.stringify({ rps: r.requestsPerSec, latencyMs: r.latencyMs, streams: r.streams })}`,
    );
    expect(r.errorSamples).toEqual([]);
    expect(r.errors).toBe(0);
    expect(r.requests).toBeGreaterThan(20);
    expect(r.byKind.push!.n).toBeGreaterThan(0);
    expect(r.streams.opened).toBe(10);
    expect(r.streams.events).toBeGreaterThan(10); // pushes were announced to the open streams
  });
});
