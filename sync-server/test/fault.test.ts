/**
 * kill -9 in the middle of a stream of pushes, restart on the same SQLite file: every
 * acknowledged chunk is there exactly once (same seq, same bytes), and retrying every
 * push — acknowledged or not — is idempotent.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PullResponse } from "@ventwell/shared";
import { KDF, randomB64, type Loose } from "./helpers.js";
import { spawnRelay, type RelayChild } from "./child.js";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "vw-fault-"));
const children: RelayChild[] = [];
afterAll(() => {
  for (const c of children) c.proc.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

interface Chunk {
  id: string;
  docId: string;
  kind: "incremental";
  data: string;
}
const sha = (s: string) => createHash("sha256").update(s).digest("hex");

async function post(url: string, p: string, body: unknown, token?: string) {
  const res = await fetch(url + p, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Loose };
}

async function pullAll(url: string, token: string) {
  const all: { id: string; seq: number; data: string }[] = [];
  let since = 0;
  for (;;) {
    const res = await fetch(`${url}/v1/sync/pull?since=${since}&limit=500`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const page = (await res.json()) as PullResponse;
    all.push(...page.chunks);
    since = page.cursor;
    if (!page.more) return { chunks: all, cursor: since };
  }
}

describe("fault: kill -9 during pushes (SQLite, real CLI)", () => {
  it("loses no acknowledged chunk, duplicates none, and retries are idempotent", async () => {
    const first = await spawnRelay({ VENTWELL_DATA_DIR: dataDir, VENTWELL_LOG: "off" });
    children.push(first);
    const reg = await post(first.url, "/v1/auth/register", {
      username: "fault.user",
      salt: randomB64(16),
      kdf: KDF,
      authKey: randomB64(32),
      wrappedKeys: { password: randomB64(40), recovery: randomB64(40) },
    });
    expect(reg.status).toBe(201);
    const token = reg.json.accessToken as string;

    const batches: Chunk[][] = [];
    const acked = new Map<string, number>();
    let failed = 0;
    let stop = false;
    let n = 0;
    const worker = async (w: number) => {
      while (!stop) {
        const batch: Chunk[] = Array.from({ length: 20 }, () => ({
          id: `w${w}-${n++}-${randomBytes(3).toString("hex")}`,
          docId: `doc${w}`,
          kind: "incremental",
          data: randomB64(2048),
        }));
        batches.push(batch);
        try {
          const r = await post(first.url, "/v1/sync/push", { chunks: batch }, token);
          if (r.status !== 200) throw new Error(`push ${r.status}`);
          for (const a of r.json.accepted) acked.set(a.id, a.seq);
        } catch {
          failed++;
          return; // the relay is gone
        }
      }
    };
    const workers = Array.from({ length: 8 }, (_, w) => worker(w));
    // Let a good number of pushes land, then pull the plug while others are in flight.
    while (acked.size < 400) await new Promise((r) => setTimeout(r, 5));
    first.proc.kill("SIGKILL");
    stop = true;
    await Promise.all(workers);
    expect(await first.exited).toBe("SIGKILL");
    expect(failed).toBeGreaterThan(0); // some pushes were cut off mid-flight

    const second = await spawnRelay({ VENTWELL_DATA_DIR: dataDir, VENTWELL_LOG: "off" });
    children.push(second);
    const sent = new Map(batches.flat().map((c) => [c.id, sha(c.data)]));
    const after = await pullAll(second.url, token); // same token: same secret and session on disk
    const seen = new Map<string, number>();
    for (const c of after.chunks) {
      expect(seen.has(c.id), `duplicate ${c.id}`).toBe(false);
      seen.set(c.id, c.seq);
      expect(sha(c.data)).toBe(sent.get(c.id));
    }
    for (const [id, seq] of acked) expect(seen.get(id), `acknowledged ${id} lost`).toBe(seq);
    const seqs = after.chunks.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);

    // Retry every batch, acknowledged or not: acknowledged ids keep their seqs; nothing twice.
    for (const batch of batches) {
      const r = await post(second.url, "/v1/sync/push", { chunks: batch }, token);
      expect(r.status).toBe(200);
      for (const a of r.json.accepted) {
        if (acked.has(a.id)) expect(a.seq).toBe(acked.get(a.id));
        if (seen.has(a.id)) expect(a.seq).toBe(seen.get(a.id));
      }
    }
    const final = await pullAll(second.url, token);
    expect(final.chunks.length).toBe(sent.size);
    expect(new Set(final.chunks.map((c) => c.id)).size).toBe(sent.size);
    for (const c of final.chunks) expect(sha(c.data)).toBe(sent.get(c.id));

    second.proc.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  });
});
