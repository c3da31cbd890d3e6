import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAX_CHUNK_BYTES, MAX_PUSH_CHUNKS, type PulledChunk } from "@ventwell/shared";
import { openPostgresStore } from "../src/store/postgres/index.js";
import type { Store } from "../src/store/types.js";
import { chunk, makeRelay, type TestRelay } from "./helpers.js";
import { dropSchema, freshSchemaName, testDatabaseUrl } from "./pg.js";

let r: TestRelay;
let dropStore: () => Promise<void> = async () => {};

// The same HTTP behaviour on both adapters (PostgreSQL fails without its test URL).
async function storeFor(kind: "sqlite" | "postgres"): Promise<Store | undefined> {
  if (kind === "sqlite") return undefined; // makeRelay's own SQLite file
  const url = testDatabaseUrl();
  const schema = freshSchemaName();
  dropStore = () => dropSchema(url, schema);
  return openPostgresStore({ connectionString: url, schema });
}

const push = (token: string, chunks: unknown[]) =>
  r.call("POST", "/v1/sync/push", { token, body: { chunks } });

describe.each(["sqlite", "postgres"] as const)("POST /v1/sync/push + GET /v1/sync/pull (%s)", (kind) => {
  beforeEach(async () => {
    r = await makeRelay({ quotaBytes: 3 * 1024 * 1024 }, { store: await storeFor(kind) });
  });
  afterEach(async () => {
    await r.close();
    await dropStore();
  });

  it("round-trips chunks with strictly increasing seqs and is idempotent on retry", async () => {
    const a = await r.register();
    const batch = [chunk("c1"), chunk("c2", 20, { kind: "snapshot" }), chunk("c3", 0, { kind: "tombstone" })];
    const first = await push(a.accessToken, batch);
    expect(first.status).toBe(200);
    expect(first.json).toEqual({
      accepted: [
        { id: "c1", seq: 1 },
        { id: "c2", seq: 2 },
        { id: "c3", seq: 3 },
      ],
      cursor: 3,
    });
    const retry = await push(a.accessToken, [...batch, chunk("c4")]);
    expect(retry.json).toEqual({
      accepted: [
        { id: "c1", seq: 1 },
        { id: "c2", seq: 2 },
        { id: "c3", seq: 3 },
        { id: "c4", seq: 4 },
      ],
      cursor: 4,
    });
    const pulled = await r.call("GET", "/v1/sync/pull?since=0", { token: a.accessToken });
    expect(pulled.status).toBe(200);
    expect(pulled.json.more).toBe(false);
    expect(pulled.json.cursor).toBe(4);
    expect(pulled.json.chunks.map((c: PulledChunk) => [c.id, c.seq, c.kind, c.docId])).toEqual([
      ["c1", 1, "incremental", "doc1"],
      ["c2", 2, "snapshot", "doc1"],
      ["c3", 3, "tombstone", "doc1"],
      ["c4", 4, "incremental", "doc1"],
    ]);
    expect(pulled.json.chunks[0].data).toBe(batch[0]!.data);
    expect(pulled.json.chunks[2].data).toBe("");
    const page = await r.call("GET", "/v1/sync/pull?since=1&limit=2", { token: a.accessToken });
    expect(page.json).toMatchObject({ cursor: 3, more: true });
    expect(page.json.chunks.map((c: PulledChunk) => c.seq)).toEqual([2, 3]);
  });

  it("keeps two users' logs apart", async () => {
    const a = await r.register();
    const b = await r.register();
    await push(a.accessToken, [chunk("same", 8), chunk("only-a")]);
    await push(b.accessToken, [chunk("same", 9)]);
    const pa = await r.call("GET", "/v1/sync/pull", { token: a.accessToken });
    const pb = await r.call("GET", "/v1/sync/pull", { token: b.accessToken });
    expect(pa.json.chunks.map((c: PulledChunk) => c.id)).toEqual(["same", "only-a"]);
    expect(pb.json.chunks.map((c: PulledChunk) => [c.id, c.seq])).toEqual([["same", 1]]);
    expect(Buffer.from(pb.json.chunks[0].data, "base64url")).toHaveLength(9);
    expect(pb.json.cursor).toBe(1);
  });

  it("compacts: a snapshot's replaces disappear from pulls", async () => {
    const a = await r.register();
    await push(a.accessToken, [chunk("i1"), chunk("i2"), chunk("x", 4, { docId: "doc2" })]);
    const s = await push(a.accessToken, [chunk("s1", 30, { kind: "snapshot", replaces: ["i1", "i2", "x"] })]);
    expect(s.json.cursor).toBe(4);
    const pulled = await r.call("GET", "/v1/sync/pull", { token: a.accessToken });
    expect(pulled.json.chunks.map((c: PulledChunk) => c.id)).toEqual(["x", "s1"]);
  });

  it("answers 413 for an oversized chunk, an oversized batch, an oversized request and the quota", async () => {
    const a = await r.register();
    const big = await push(a.accessToken, [chunk("big", MAX_CHUNK_BYTES + 1)]);
    expect(big.status).toBe(413);
    expect(big.json.error).toMatchObject({ code: "payload_too_large" });
    expect(big.json.error.message).toMatch(/^chunks.0.data: chunk data is larger than 1 MiB$/);
    expect((await push(a.accessToken, [chunk("max", MAX_CHUNK_BYTES)])).status).toBe(200);
    const many = await push(
      a.accessToken,
      Array.from({ length: MAX_PUSH_CHUNKS + 1 }, (_, i) => chunk(`m${i}`, 1)),
    );
    expect(many.status).toBe(413);
    expect(many.json.error.message).toMatch(/^chunks: a push may carry at most 200 chunks/);
    expect(
      (
        await push(
          a.accessToken,
          Array.from({ length: MAX_PUSH_CHUNKS }, (_, i) => chunk(`ok${i}`, 1)),
        )
      ).status,
    ).toBe(200);
    const huge = await r.call("POST", "/v1/sync/push", {
      token: a.accessToken,
      raw: JSON.stringify({ chunks: [], pad: "x".repeat(8 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    expect(huge.json.error.message).toMatch(/8 MiB/);
    // Quota is 3 MiB here: 1 MiB stored, two more fit, the third does not — and nothing of it is kept.
    expect(
      (await push(a.accessToken, [chunk("q1", MAX_CHUNK_BYTES), chunk("q2", MAX_CHUNK_BYTES - 20_000)]))
        .status,
    ).toBe(200);
    const over = await push(a.accessToken, [chunk("q3", 100), chunk("q4", 10_000)]);
    expect(over.status).toBe(413);
    expect(over.json.error.message).toMatch(/storage quota reached: .* of your 3\.0 MiB; nothing was stored/);
    const after = await r.call("GET", "/v1/sync/pull?limit=500", { token: a.accessToken });
    expect(after.json.chunks.map((c: PulledChunk) => c.id)).not.toContain("q3");
    const manyReplaces = await push(a.accessToken, [
      chunk("r1", 1, { kind: "snapshot", replaces: Array.from({ length: 6000 }, (_, i) => `x${i}`) }),
      chunk("r2", 1, { kind: "snapshot", replaces: Array.from({ length: 6000 }, (_, i) => `y${i}`) }),
    ]);
    expect(manyReplaces.status).toBe(413);
    expect(manyReplaces.json.error.message).toMatch(/^chunks: a push may replace at most 10000 chunks/);
  });

  it("answers 400 for wrong types and bad queries, 401 without a token", async () => {
    const a = await r.register();
    for (const body of [
      {},
      { chunks: "no" },
      { chunks: [] },
      { chunks: [{ ...chunk("x"), kind: "other" }] },
      { chunks: [{ ...chunk("x"), data: "a+b/" }] },
      { chunks: [{ ...chunk("x"), id: "" }] },
      { chunks: [chunk("i", 4, { replaces: ["z"] })] },
      { chunks: [{ ...chunk("x"), data: "AB" }] },
    ]) {
      const res = await r.call("POST", "/v1/sync/push", { token: a.accessToken, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe("bad_request");
    }
    expect((await r.call("POST", "/v1/sync/push", { token: a.accessToken, raw: "{oops" })).status).toBe(400);
    for (const q of ["since=-1", "since=abc", "limit=0", "limit=501", "since=1.5"]) {
      expect((await r.call("GET", `/v1/sync/pull?${q}`, { token: a.accessToken })).status, q).toBe(400);
    }
    expect((await push("", [chunk("x")])).status).toBe(401);
    expect((await r.call("GET", "/v1/sync/pull")).status).toBe(401);
    // The query-string token is for the event stream only.
    expect((await r.call("GET", `/v1/sync/pull?token=${a.accessToken}`)).status).toBe(401);
  });
});
