/**
 * The one contract every Store adapter must pass (run by store.sqlite.test.ts and
 * store.postgres.test.ts). Behaviour, not SQL: if it passes here, the relay can use it.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { CHUNK_OVERHEAD_BYTES as O } from "@ventwell/shared";
import type { Credentials, NewChunk, Store } from "../src/store/types.js";

const kdf = { name: "argon2id", memoryKiB: 65536, iterations: 3, parallelism: 1 } as const;
const creds = (tag: string): Credentials => ({
  salt: `salt-${tag}`,
  kdf,
  authHash: `hash-${tag}`,
  wrappedKeys: { password: `wp-${tag}`, recovery: `wr-${tag}` },
});
const bytes = (n: number, fill = 1) => new Uint8Array(n).fill(fill);
const chunk = (id: string, docId = "doc", n = 10, extra: Partial<NewChunk> = {}): NewChunk => ({
  id,
  docId,
  kind: "incremental",
  data: bytes(n),
  ...extra,
});
const BIG = 1 << 30;

export function storeContract(
  name: string,
  open: () => Promise<{ store: Store; cleanup: () => Promise<void> }>,
) {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await open());
    });
    afterEach(async () => {
      await store.close();
      await cleanup();
    });

    async function user(name = `u${randomUUID().slice(0, 8)}`) {
      const id = randomUUID();
      expect(await store.createUser({ id, username: name, ...creds(name) }, Date.now())).toBe("created");
      return id;
    }

    it("creates users, refuses a taken username, finds by name and id", async () => {
      const id = await user("alice");
      expect(await store.createUser({ id: randomUUID(), username: "alice", ...creds("x") }, 1)).toBe("taken");
      const u = await store.getUserByUsername("alice");
      expect(u).toMatchObject({
        id,
        username: "alice",
        salt: "salt-alice",
        kdf,
        authHash: "hash-alice",
        wrappedKeys: { password: "wp-alice", recovery: "wr-alice" },
      });
      expect((await store.getUserById(id))?.username).toBe("alice");
      expect(await store.getUserByUsername("bob")).toBeNull();
      expect(await store.getUserById(randomUUID())).toBeNull();
    });

    it("rotates refresh tokens and revokes the family when an old one comes back", async () => {
      const uid = await user();
      await store.createSession(uid, "fam1", "t1", 1);
      expect(await store.isSessionActive(uid, "fam1")).toBe(true);
      expect(await store.isSessionActive(randomUUID(), "fam1")).toBe(false);
      expect(await store.rotateRefreshToken("t1", "t2", 2)).toEqual({
        status: "ok",
        userId: uid,
        familyId: "fam1",
      });
      expect(await store.rotateRefreshToken("t2", "t3", 3)).toEqual({
        status: "ok",
        userId: uid,
        familyId: "fam1",
      });
      expect(await store.rotateRefreshToken("t1", "t4", 4)).toEqual({
        status: "reused",
        userId: uid,
        familyId: "fam1",
      });
      expect(await store.isSessionActive(uid, "fam1")).toBe(false);
      expect(await store.rotateRefreshToken("t3", "t5", 5)).toEqual({ status: "invalid" });
      expect(await store.rotateRefreshToken("nope", "t6", 6)).toEqual({ status: "invalid" });
      expect(await store.findSessionByToken("t2")).toEqual({ userId: uid, familyId: "fam1" });
      expect(await store.findSessionByToken("nope")).toBeNull();
    });

    it("lets only one of two concurrent uses of a refresh token succeed", async () => {
      const uid = await user();
      await store.createSession(uid, "famc", "c1", 1);
      const results = await Promise.all([
        store.rotateRefreshToken("c1", "c2a", 2),
        store.rotateRefreshToken("c1", "c2b", 2),
      ]);
      expect(results.filter((r) => r.status === "ok")).toHaveLength(1);
      expect(results.filter((r) => r.status === "reused")).toHaveLength(1);
      expect(await store.isSessionActive(uid, "famc")).toBe(false);
    });

    it("changes credentials atomically and revokes every other session", async () => {
      const uid = await user("carol");
      await store.createSession(uid, "keep", "k1", 1);
      await store.createSession(uid, "other", "o1", 1);
      expect(await store.changeCredentials(uid, creds("new"), "keep")).toBe(true);
      expect(await store.getUserByUsername("carol")).toMatchObject({
        salt: "salt-new",
        authHash: "hash-new",
        wrappedKeys: { password: "wp-new", recovery: "wr-new" },
      });
      expect(await store.isSessionActive(uid, "keep")).toBe(true);
      expect(await store.isSessionActive(uid, "other")).toBe(false);
      expect(await store.rotateRefreshToken("o1", "o2", 2)).toEqual({ status: "invalid" });
      expect(await store.changeCredentials(randomUUID(), creds("z"), null)).toBe(false);
    });

    it("stores the recovery hash: null without one, kept by a credential change, replaced when given", async () => {
      const plain = await user("nohash");
      expect((await store.getUserById(plain))?.recoveryHash).toBeNull();
      const id = randomUUID();
      const created = await store.createUser(
        { id, username: "withhash", ...creds("r"), recoveryHash: "rhash-1" },
        1,
      );
      expect(created).toBe("created");
      expect(await store.getUserByUsername("withhash")).toMatchObject({ recoveryHash: "rhash-1" });
      // A passphrase change (no recovery hash in it) keeps the recovery credential.
      expect(await store.changeCredentials(id, creds("p2"), null)).toBe(true);
      expect(await store.getUserById(id)).toMatchObject({ authHash: "hash-p2", recoveryHash: "rhash-1" });
      expect(await store.changeCredentials(id, { ...creds("p3"), recoveryHash: "rhash-2" }, null)).toBe(true);
      expect(await store.getUserById(id)).toMatchObject({ authHash: "hash-p3", recoveryHash: "rhash-2" });
      // An account registered without one can get one later.
      expect(await store.changeCredentials(plain, { ...creds("p4"), recoveryHash: "rhash-3" }, null)).toBe(
        true,
      );
      expect((await store.getUserById(plain))?.recoveryHash).toBe("rhash-3");
      expect((await store.getUserByUsername("withhash"))?.recoveryHash).toBe("rhash-2");
    });

    it("assigns strictly increasing seqs and is idempotent on (user, chunk id)", async () => {
      const uid = await user();
      const first = await store.pushChunks(uid, [chunk("a"), chunk("b"), chunk("a")], BIG, 1);
      expect(first).toEqual({
        ok: true,
        accepted: [
          { id: "a", seq: 1 },
          { id: "b", seq: 2 },
          { id: "a", seq: 1 },
        ],
        cursor: 2,
        newChunks: 2,
      });
      const retry = await store.pushChunks(uid, [chunk("b"), chunk("c"), chunk("a")], BIG, 2);
      expect(retry).toEqual({
        ok: true,
        accepted: [
          { id: "b", seq: 2 },
          { id: "c", seq: 3 },
          { id: "a", seq: 1 },
        ],
        cursor: 3,
        newChunks: 1,
      });
      expect(await store.usageBytes(uid)).toBe(30 + 3 * O);
      expect(await store.headSeq(uid)).toBe(3);
      const page = await store.pullChunks(uid, 0, 100, BIG);
      expect(page.chunks.map((c) => [c.id, c.seq])).toEqual([
        ["a", 1],
        ["b", 2],
        ["c", 3],
      ]);
      expect(page.chunks[0]).toMatchObject({ docId: "doc", kind: "incremental", data: bytes(10) });
      expect(page).toMatchObject({ cursor: 3, more: false });
    });

    it("keeps users' logs apart (same chunk ids, separate seqs and data)", async () => {
      const a = await user();
      const b = await user();
      await store.pushChunks(a, [chunk("x", "d", 5)], BIG, 1);
      const rb = await store.pushChunks(b, [chunk("x", "d", 7), chunk("y")], BIG, 1);
      expect(rb.ok && rb.accepted).toEqual([
        { id: "x", seq: 1 },
        { id: "y", seq: 2 },
      ]);
      expect((await store.pullChunks(a, 0, 100, BIG)).chunks.map((c) => c.data.length)).toEqual([5]);
      expect((await store.pullChunks(b, 0, 100, BIG)).chunks.map((c) => c.id)).toEqual(["x", "y"]);
      expect(await store.usageBytes(a)).toBe(5 + O);
    });

    it("deletes what a snapshot replaces in the same push, only within its document", async () => {
      const uid = await user();
      await store.pushChunks(
        uid,
        [chunk("i1", "d1", 100), chunk("i2", "d1", 100), chunk("o1", "d2", 100)],
        BIG,
        1,
      );
      const snap = await store.pushChunks(
        uid,
        [chunk("s1", "d1", 50, { kind: "snapshot", replaces: ["i1", "i2", "o1", "missing", "s1"] })],
        BIG,
        2,
      );
      expect(snap).toMatchObject({ ok: true, accepted: [{ id: "s1", seq: 4 }], cursor: 4 });
      expect((await store.pullChunks(uid, 0, 100, BIG)).chunks.map((c) => c.id)).toEqual(["o1", "s1"]);
      // Replaced rows keep their overhead: 3 pushed + 1 snapshot rows, data of o1 and s1.
      expect(await store.usageBytes(uid)).toBe(150 + 4 * O);
      // A late retry of a replaced chunk keeps its old seq and does not come back.
      const late = await store.pushChunks(uid, [chunk("i1", "d1", 100)], BIG, 3);
      expect(late).toMatchObject({ ok: true, accepted: [{ id: "i1", seq: 1 }], cursor: 4, newChunks: 0 });
      expect((await store.pullChunks(uid, 0, 100, BIG)).chunks.map((c) => c.id)).toEqual(["o1", "s1"]);
    });

    it("refuses a push past the quota as a whole, but lets compaction through", async () => {
      const uid = await user();
      const quota = 100 + 4 * O;
      await store.pushChunks(uid, [chunk("a", "d", 60), chunk("b", "d", 30)], quota, 1);
      const over = await store.pushChunks(uid, [chunk("c", "d", 5), chunk("e", "d", 10)], quota, 2);
      expect(over).toEqual({ ok: false, reason: "quota", usageBytes: 105 + 4 * O, quotaBytes: quota });
      expect(await store.headSeq(uid)).toBe(2);
      expect(await store.usageBytes(uid)).toBe(90 + 2 * O);
      expect((await store.pullChunks(uid, 0, 100, BIG)).chunks).toHaveLength(2);
      const compact = await store.pushChunks(
        uid,
        [chunk("s", "d", 40, { kind: "snapshot", replaces: ["a", "b"] })],
        quota,
        3,
      );
      expect(compact).toMatchObject({ ok: true, cursor: 3 });
      expect(await store.usageBytes(uid)).toBe(40 + 3 * O);
      // Empty chunks are not free: each row counts toward the quota.
      const empties = await store.pushChunks(uid, [chunk("z1", "d", 0), chunk("z2", "d", 0)], 40 + 4 * O, 4);
      expect(empties).toMatchObject({ ok: false, reason: "quota" });
      expect(await store.pushChunks(randomUUID(), [chunk("z")], BIG, 1)).toEqual({
        ok: false,
        reason: "no_user",
      });
    });

    it("pages pulls by count and bytes, with a cursor that moves past replaced chunks", async () => {
      const uid = await user();
      await store.pushChunks(
        uid,
        Array.from({ length: 10 }, (_, i) => chunk(`c${i}`, "d", 10)),
        BIG,
        1,
      );
      const p1 = await store.pullChunks(uid, 0, 4, BIG);
      expect(p1.chunks.map((c) => c.seq)).toEqual([1, 2, 3, 4]);
      expect(p1).toMatchObject({ cursor: 4, more: true });
      const p2 = await store.pullChunks(uid, 4, 100, 25);
      expect(p2.chunks.map((c) => c.seq)).toEqual([5, 6]);
      expect(p2).toMatchObject({ cursor: 6, more: true });
      const tiny = await store.pullChunks(uid, 6, 100, 1);
      expect(tiny.chunks.map((c) => c.seq)).toEqual([7]);
      const rest = await store.pullChunks(uid, 7, 100, BIG);
      expect(rest).toMatchObject({ cursor: 10, more: false });
      expect(rest.chunks.map((c) => c.seq)).toEqual([8, 9, 10]);
      await store.pushChunks(
        uid,
        [chunk("s", "d", 10, { kind: "snapshot", replaces: ["c8", "c9"] })],
        BIG,
        2,
      );
      await store.pushChunks(uid, [chunk("t", "other", 1, { kind: "tombstone", replaces: ["s"] })], BIG, 3);
      // s replaced nothing of "other"; the tombstone is doc "other", so s stays.
      const after = await store.pullChunks(uid, 10, 100, BIG);
      expect(after.chunks.map((c) => c.id)).toEqual(["s", "t"]);
      const empty = await store.pullChunks(uid, 12, 100, BIG);
      expect(empty).toEqual({ chunks: [], cursor: 12, more: false });
      // The cursor reaches the head even when the newest chunks were replaced away.
      await store.pushChunks(uid, [chunk("u1", "e"), chunk("u2", "e")], BIG, 4);
      await store.pushChunks(
        uid,
        [chunk("u3", "e", 1, { kind: "tombstone", replaces: ["u1", "u2"] })],
        BIG,
        5,
      );
      const tail = await store.pullChunks(uid, 12, 100, BIG);
      expect(tail.chunks.map((c) => c.id)).toEqual(["u3"]);
      expect(tail.cursor).toBe(15);
    });

    it("serialises concurrent pushes of one user into one gap-free sequence", async () => {
      const uid = await user();
      const pushes = Array.from({ length: 20 }, (_, i) =>
        store.pushChunks(uid, [chunk(`p${i}a`), chunk(`p${i}b`), chunk("shared")], BIG, i),
      );
      const results = await Promise.all(pushes);
      const seqs = new Map<string, number>();
      for (const r of results) {
        expect(r.ok).toBe(true);
        if (r.ok)
          for (const a of r.accepted) {
            if (seqs.has(a.id)) expect(seqs.get(a.id)).toBe(a.seq);
            seqs.set(a.id, a.seq);
          }
      }
      expect([...seqs.values()].sort((x, y) => x - y)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
      expect((await store.pullChunks(uid, 0, 500, BIG)).chunks).toHaveLength(41);
    });

    it("forgets a deleted account completely", async () => {
      const uid = await user("dora");
      await store.createSession(uid, "famd", "d1", 1);
      await store.pushChunks(uid, [chunk("a"), chunk("b")], BIG, 1);
      expect(await store.deleteUser(uid)).toBe(true);
      expect(await store.getUserByUsername("dora")).toBeNull();
      expect(await store.getUserById(uid)).toBeNull();
      expect(await store.isSessionActive(uid, "famd")).toBe(false);
      expect(await store.rotateRefreshToken("d1", "d2", 2)).toEqual({ status: "invalid" });
      expect(await store.findSessionByToken("d1")).toBeNull();
      expect((await store.pullChunks(uid, 0, 100, BIG)).chunks).toEqual([]);
      expect(await store.usageBytes(uid)).toBe(0);
      expect(await store.deleteUser(uid)).toBe(false);
      // The name is free again, with a fresh log.
      const again = await user("dora");
      expect(await store.pushChunks(again, [chunk("a")], BIG, 1)).toMatchObject({
        ok: true,
        accepted: [{ id: "a", seq: 1 }],
      });
    });

    it("counts rate-limit hits per key in fixed windows", async () => {
      expect(await store.hitRateLimit("k", 1000, 10_000)).toEqual({ count: 1, resetAt: 11_000 });
      expect(await store.hitRateLimit("k", 1000, 10_500)).toEqual({ count: 2, resetAt: 11_000 });
      expect(await store.hitRateLimit("other", 1000, 10_500)).toEqual({ count: 1, resetAt: 11_500 });
      expect(await store.hitRateLimit("k", 1000, 11_000)).toEqual({ count: 1, resetAt: 12_000 });
      const burst = await Promise.all(
        Array.from({ length: 10 }, () => store.hitRateLimit("burst", 60_000, 20_000)),
      );
      expect(burst.map((b) => b.count).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      await store.pruneRateLimits(79_999);
      expect(await store.hitRateLimit("burst", 60_000, 20_001)).toMatchObject({ count: 11 });
      await store.pruneRateLimits(80_001);
      expect(await store.hitRateLimit("burst", 60_000, 20_001)).toMatchObject({ count: 1 });
    });

    it("counts anonymous crisis events per model version", async () => {
      await store.recordCrisisEvent("m1", 3_600_000);
      await store.recordCrisisEvent("m1", 3_600_000);
      await store.recordCrisisEvent("m1", 7_200_000);
      await store.recordCrisisEvent("m2", 7_200_000);
      expect(await store.crisisEventTotals()).toEqual([
        { modelVersion: "m1", count: 3 },
        { modelVersion: "m2", count: 1 },
      ]);
      await store.ping();
    });
  });
}
