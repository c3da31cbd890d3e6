/**
 * SQLite adapter (better-sqlite3): the embedded default. WAL + synchronous=FULL, so a
 * resolved write has reached the disk; secure_delete so deleted accounts are overwritten.
 */
import Database from "better-sqlite3";
import { CHUNK_OVERHEAD_BYTES, type ChunkKind } from "@ventwell/shared";
import type {
  CredentialChange,
  NewChunk,
  PullPage,
  PushResult,
  RateLimitHit,
  RotateResult,
  Store,
  StoredChunk,
  UserRecord,
} from "../types.js";
import { SQLITE_MIGRATIONS } from "./migrations.js";
import { credentialParams } from "../credential-params.js";

interface UserRow {
  id: string;
  username: string;
  salt: string;
  kdf: string;
  auth_hash: string;
  wrapped_password: string;
  wrapped_recovery: string;
  recovery_hash: string | null;
  created_at: number;
}
interface ChunkRow {
  id: string;
  doc_id: string;
  kind: string;
  seq: number;
  data: Buffer;
}

const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  salt: r.salt,
  kdf: JSON.parse(r.kdf),
  authHash: r.auth_hash,
  wrappedKeys: { password: r.wrapped_password, recovery: r.wrapped_recovery },
  recoveryHash: r.recovery_hash ?? null,
  createdAt: r.created_at,
});

function migrate(db: Database.Database) {
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)",
  );
  const current =
    (db.prepare("SELECT MAX(version) AS v FROM schema_migrations").get() as { v: number | null }).v ?? 0;
  for (const m of SQLITE_MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)").run(
        m.version,
        Date.now(),
      );
    }).immediate();
  }
}

/** Opens (creating and migrating) the database at `file` (":memory:" for throwaway). */
export function openSqliteStore(file: string): Store {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  db.pragma("secure_delete = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db);

  const q = {
    insertUser: db.prepare(
      `INSERT INTO users (id, username, salt, kdf, auth_hash, wrapped_password, wrapped_recovery, recovery_hash, created_at)
       VALUES (@id, @username, @salt, @kdf, @authHash, @wp, @wr, @rh, @now) ON CONFLICT (username) DO NOTHING`,
    ),
    userByName: db.prepare("SELECT * FROM users WHERE username = ?"),
    userById: db.prepare("SELECT * FROM users WHERE id = ?"),
    updateCreds: db.prepare(
      `UPDATE users SET salt = ?, kdf = ?, auth_hash = ?, wrapped_password = ?, wrapped_recovery = ?,
         recovery_hash = COALESCE(?, recovery_hash) WHERE id = ?`,
    ),
    revokeOthers: db.prepare(
      "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND id IS NOT ? AND revoked_at IS NULL",
    ),
    insertSession: db.prepare("INSERT INTO sessions (id, user_id, created_at) VALUES (?, ?, ?)"),
    insertToken: db.prepare(
      "INSERT INTO refresh_tokens (hash, family_id, user_id, created_at) VALUES (?, ?, ?, ?)",
    ),
    tokenWithSession: db.prepare(
      `SELECT t.family_id, t.user_id, t.used_at, s.revoked_at FROM refresh_tokens t JOIN sessions s ON s.id = t.family_id WHERE t.hash = ?`,
    ),
    markUsed: db.prepare("UPDATE refresh_tokens SET used_at = ? WHERE hash = ?"),
    revokeSession: db.prepare("UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"),
    sessionActive: db.prepare("SELECT 1 FROM sessions WHERE id = ? AND user_id = ? AND revoked_at IS NULL"),
    chunkSeq: db.prepare("SELECT seq FROM chunks WHERE user_id = ? AND id = ?"),
    head: db.prepare("SELECT head_seq, usage_bytes FROM users WHERE id = ?"),
    insertChunk: db.prepare(
      "INSERT INTO chunks (user_id, id, doc_id, kind, seq, data, size, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    sizeOf: db.prepare(
      "SELECT size FROM chunks WHERE user_id = ? AND id = ? AND doc_id = ? AND data IS NOT NULL",
    ),
    replaceChunk: db.prepare("UPDATE chunks SET data = NULL, size = 0 WHERE user_id = ? AND id = ?"),
    setHead: db.prepare("UPDATE users SET head_seq = ?, usage_bytes = ? WHERE id = ?"),
    pullSizes: db.prepare(
      "SELECT seq, size FROM chunks WHERE user_id = ? AND seq > ? AND data IS NOT NULL ORDER BY seq LIMIT ?",
    ),
    pullData: db.prepare(
      "SELECT id, doc_id, kind, seq, data FROM chunks WHERE user_id = ? AND seq BETWEEN ? AND ? AND data IS NOT NULL ORDER BY seq",
    ),
    hit: db.prepare(
      `INSERT INTO rate_limits (key, window_start, window_ms, count) VALUES (@key, @now, @win, 1)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN window_start + window_ms <= @now THEN 1 ELSE count + 1 END,
         window_start = CASE WHEN window_start + window_ms <= @now THEN @now ELSE window_start END,
         window_ms = @win
       RETURNING count, window_start + window_ms AS reset_at`,
    ),
    crisis: db.prepare(
      `INSERT INTO crisis_events (model_version, hour_start, count) VALUES (?, ?, 1)
       ON CONFLICT (model_version, hour_start) DO UPDATE SET count = count + 1`,
    ),
  };

  class QuotaExceeded extends Error {
    constructor(
      readonly usageBytes: number,
      readonly quotaBytes: number,
    ) {
      super("quota");
    }
  }

  const pushTx = db.transaction((userId: string, chunks: NewChunk[], quotaBytes: number, now: number) => {
    const u = q.head.get(userId) as { head_seq: number; usage_bytes: number } | undefined;
    if (!u) return { ok: false, reason: "no_user" } as const;
    let head = u.head_seq;
    let usage = u.usage_bytes;
    let newChunks = 0;
    const accepted: { id: string; seq: number }[] = [];
    const fresh: NewChunk[] = [];
    for (const c of chunks) {
      const existing = q.chunkSeq.get(userId, c.id) as { seq: number } | undefined;
      if (existing) {
        accepted.push({ id: c.id, seq: existing.seq });
        continue;
      }
      head += 1;
      newChunks += 1;
      q.insertChunk.run(userId, c.id, c.docId, c.kind, head, toBuffer(c.data), c.data.byteLength, now);
      usage += c.data.byteLength + CHUNK_OVERHEAD_BYTES;
      accepted.push({ id: c.id, seq: head });
      fresh.push(c);
    }
    // Replaces apply after the whole batch is in, and only to the same document.
    for (const c of fresh) {
      for (const r of c.replaces ?? []) {
        if (r === c.id) continue;
        const old = q.sizeOf.get(userId, r, c.docId) as { size: number } | undefined;
        if (!old) continue;
        q.replaceChunk.run(userId, r);
        usage -= old.size;
      }
    }
    // Throwing rolls the whole batch back: a push is all or nothing.
    if (usage > quotaBytes) throw new QuotaExceeded(usage, quotaBytes);
    q.setHead.run(head, usage, userId);
    return { ok: true, accepted, cursor: head, newChunks } as const;
  });

  const changeTx = db.transaction((userId: string, c: CredentialChange, keep: string | null, now: number) => {
    const r = q.updateCreds.run(...credentialParams(c), userId);
    if (r.changes === 0) return false;
    q.revokeOthers.run(now, userId, keep);
    return true;
  });

  const rotateTx = db.transaction((oldHash: string, newHash: string, now: number): RotateResult => {
    const t = q.tokenWithSession.get(oldHash) as
      { family_id: string; user_id: string; used_at: number | null; revoked_at: number | null } | undefined;
    if (!t || t.revoked_at !== null) return { status: "invalid" };
    if (t.used_at !== null) {
      q.revokeSession.run(now, t.family_id);
      return { status: "reused", userId: t.user_id, familyId: t.family_id };
    }
    q.markUsed.run(now, oldHash);
    q.insertToken.run(newHash, t.family_id, t.user_id, now);
    return { status: "ok", userId: t.user_id, familyId: t.family_id };
  });

  const pullTx = db.transaction(
    (userId: string, since: number, limit: number, maxBytes: number): PullPage => {
      const head = (q.head.get(userId) as { head_seq: number } | undefined)?.head_seq ?? 0;
      // Sizes first, data only for the rows that fit: a page never reads much more than it returns.
      const sizes = q.pullSizes.all(userId, since, limit + 1) as { seq: number; size: number }[];
      let bytes = 0;
      let take = 0;
      for (const r of sizes) {
        if (take >= limit || (take > 0 && bytes + r.size > maxBytes)) break;
        bytes += r.size;
        take++;
      }
      const more = sizes.length > take;
      const rows = take ? (q.pullData.all(userId, sizes[0]!.seq, sizes[take - 1]!.seq) as ChunkRow[]) : [];
      const chunks: StoredChunk[] = rows.map((r) => ({
        id: r.id,
        docId: r.doc_id,
        kind: r.kind as ChunkKind,
        seq: r.seq,
        data: new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength), // a view, no copy
      }));
      const last = chunks.at(-1)?.seq ?? since;
      return { chunks, more, cursor: more ? last : Math.max(since, head) };
    },
  );

  const deleteTx = db.transaction((userId: string) => {
    db.prepare("DELETE FROM refresh_tokens WHERE user_id = ?").run(userId);
    db.prepare("DELETE FROM sessions WHERE user_id = ?").run(userId);
    db.prepare("DELETE FROM chunks WHERE user_id = ?").run(userId);
    return db.prepare("DELETE FROM users WHERE id = ?").run(userId).changes > 0;
  });

  return {
    kind: "sqlite",
    async createUser(u, now) {
      const r = q.insertUser.run({
        id: u.id,
        username: u.username,
        salt: u.salt,
        kdf: JSON.stringify(u.kdf),
        authHash: u.authHash,
        wp: u.wrappedKeys.password,
        wr: u.wrappedKeys.recovery,
        rh: u.recoveryHash ?? null,
        now,
      });
      return r.changes === 1 ? "created" : "taken";
    },
    async getUserByUsername(username) {
      const r = q.userByName.get(username) as UserRow | undefined;
      return r ? toUser(r) : null;
    },
    async getUserById(id) {
      const r = q.userById.get(id) as UserRow | undefined;
      return r ? toUser(r) : null;
    },
    async changeCredentials(userId, creds, keep) {
      return changeTx.immediate(userId, creds, keep, Date.now());
    },
    async deleteUser(userId) {
      const existed = deleteTx.immediate(userId);
      // Deleted pages are zeroed (secure_delete); truncating the WAL drops older copies.
      db.pragma("wal_checkpoint(TRUNCATE)");
      return existed;
    },
    async createSession(userId, familyId, tokenHash, now) {
      db.transaction(() => {
        q.insertSession.run(familyId, userId, now);
        q.insertToken.run(tokenHash, familyId, userId, now);
      }).immediate();
    },
    async rotateRefreshToken(oldHash, newHash, now) {
      return rotateTx.immediate(oldHash, newHash, now);
    },
    async isSessionActive(userId, familyId) {
      return q.sessionActive.get(familyId, userId) !== undefined;
    },
    async revokeSession(familyId) {
      q.revokeSession.run(Date.now(), familyId);
    },
    async findSessionByToken(tokenHash) {
      const t = q.tokenWithSession.get(tokenHash) as { family_id: string; user_id: string } | undefined;
      return t ? { userId: t.user_id, familyId: t.family_id } : null;
    },
    async pushChunks(userId, chunks, quotaBytes, now): Promise<PushResult> {
      try {
        return pushTx.immediate(userId, chunks, quotaBytes, now);
      } catch (e) {
        if (e instanceof QuotaExceeded)
          return { ok: false, reason: "quota", usageBytes: e.usageBytes, quotaBytes: e.quotaBytes };
        throw e;
      }
    },
    async pullChunks(userId, since, limit, maxBytes) {
      return pullTx.deferred(userId, since, limit, maxBytes);
    },
    async headSeq(userId) {
      return (q.head.get(userId) as { head_seq: number } | undefined)?.head_seq ?? 0;
    },
    async usageBytes(userId) {
      return (q.head.get(userId) as { usage_bytes: number } | undefined)?.usage_bytes ?? 0;
    },
    async hitRateLimit(key, windowMs, now): Promise<RateLimitHit> {
      const r = q.hit.get({ key, now, win: windowMs }) as { count: number; reset_at: number };
      return { count: r.count, resetAt: r.reset_at };
    },
    async pruneRateLimits(before) {
      db.prepare("DELETE FROM rate_limits WHERE window_start + window_ms < ?").run(before);
    },
    async recordCrisisEvent(modelVersion, hourStart) {
      q.crisis.run(modelVersion, hourStart);
    },
    async crisisEventTotals() {
      const rows = db
        .prepare(
          "SELECT model_version, SUM(count) AS n FROM crisis_events GROUP BY model_version ORDER BY model_version",
        )
        .all() as { model_version: string; n: number }[];
      return rows.map((r) => ({ modelVersion: r.model_version, count: r.n }));
    },
    async ping() {
      db.prepare("SELECT 1").get();
    },
    async close() {
      if (db.open) db.close();
    },
  };
}

function toBuffer(data: Uint8Array): Buffer {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
