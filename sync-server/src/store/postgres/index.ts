/**
 * PostgreSQL adapter (pg Pool): for several stateless relay instances on one database.
 * Pushes serialise per user on the user's row lock, so seqs commit in order.
 */
import pg from "pg";
import type { ChunkKind } from "@ventwell/shared";
import type {
  NewChunk,
  PullPage,
  PushResult,
  RotateResult,
  Store,
  StoredChunk,
  UserRecord,
} from "../types.js";
import { POSTGRES_MIGRATIONS } from "./migrations.js";

export interface PostgresOptions {
  connectionString: string;
  /** Schema to live in (created if missing); tests use a fresh one per run. */
  schema?: string;
  max?: number;
}

interface UserRow {
  id: string;
  username: string;
  salt: string;
  kdf: UserRecord["kdf"];
  auth_hash: string;
  wrapped_password: string;
  wrapped_recovery: string;
  created_at: string;
}

const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  salt: r.salt,
  kdf: r.kdf,
  authHash: r.auth_hash,
  wrappedKeys: { password: r.wrapped_password, recovery: r.wrapped_recovery },
  createdAt: Number(r.created_at),
});

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid schema name: ${name}`);
  return `"${name}"`;
}

/** Opens a pool, creates the schema if needed and applies pending migrations. */
export async function openPostgresStore(opts: PostgresOptions): Promise<Store> {
  const schema = opts.schema ?? "public";
  const pool = new pg.Pool({
    connectionString: opts.connectionString,
    max: opts.max ?? 10,
    options: `-c search_path=${quoteIdent(schema)}`,
  });
  // An idle client's error (e.g. the server restarted) must not crash the relay.
  pool.on("error", () => {});

  async function tx<T>(fn: (c: pg.PoolClient) => Promise<T>, begin = "BEGIN"): Promise<T> {
    const c = await pool.connect();
    try {
      await c.query(begin);
      const out = await fn(c);
      await c.query("COMMIT");
      return out;
    } catch (e) {
      await c.query("ROLLBACK").catch(() => {});
      throw e;
    } finally {
      c.release();
    }
  }

  await tx(async (c) => {
    // Several instances may start at once: one migrates, the others wait.
    await c.query("SELECT pg_advisory_xact_lock(hashtext('ventwell_migrations'))");
    if (schema !== "public") await c.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    await c.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)",
    );
    const { rows } = await c.query("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations");
    const current = Number(rows[0].v);
    for (const m of POSTGRES_MIGRATIONS) {
      if (m.version <= current) continue;
      await c.query(m.sql);
      await c.query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)", [
        m.version,
        Date.now(),
      ]);
    }
  });

  class QuotaExceeded extends Error {
    constructor(
      readonly usageBytes: number,
      readonly quotaBytes: number,
    ) {
      super("quota");
    }
  }

  return {
    kind: "postgres",
    async createUser(u, now) {
      const r = await pool.query(
        `INSERT INTO users (id, username, salt, kdf, auth_hash, wrapped_password, wrapped_recovery, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (username) DO NOTHING`,
        [
          u.id,
          u.username,
          u.salt,
          JSON.stringify(u.kdf),
          u.authHash,
          u.wrappedKeys.password,
          u.wrappedKeys.recovery,
          now,
        ],
      );
      return r.rowCount === 1 ? "created" : "taken";
    },
    async getUserByUsername(username) {
      const r = await pool.query<UserRow>("SELECT * FROM users WHERE username = $1", [username]);
      return r.rows[0] ? toUser(r.rows[0]) : null;
    },
    async getUserById(id) {
      const r = await pool.query<UserRow>("SELECT * FROM users WHERE id = $1", [id]);
      return r.rows[0] ? toUser(r.rows[0]) : null;
    },
    async changeCredentials(userId, c, keep) {
      return tx(async (cl) => {
        const r = await cl.query(
          "UPDATE users SET salt = $1, kdf = $2, auth_hash = $3, wrapped_password = $4, wrapped_recovery = $5 WHERE id = $6",
          [c.salt, JSON.stringify(c.kdf), c.authHash, c.wrappedKeys.password, c.wrappedKeys.recovery, userId],
        );
        if (r.rowCount === 0) return false;
        await cl.query(
          "UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND id IS DISTINCT FROM $3 AND revoked_at IS NULL",
          [Date.now(), userId, keep],
        );
        return true;
      });
    },
    async deleteUser(userId) {
      return tx(async (c) => {
        await c.query("DELETE FROM refresh_tokens WHERE user_id = $1", [userId]);
        await c.query("DELETE FROM sessions WHERE user_id = $1", [userId]);
        await c.query("DELETE FROM chunks WHERE user_id = $1", [userId]);
        const r = await c.query("DELETE FROM users WHERE id = $1", [userId]);
        return r.rowCount === 1;
      });
    },
    async createSession(userId, familyId, tokenHash, now) {
      await tx(async (c) => {
        await c.query("INSERT INTO sessions (id, user_id, created_at) VALUES ($1, $2, $3)", [
          familyId,
          userId,
          now,
        ]);
        await c.query(
          "INSERT INTO refresh_tokens (hash, family_id, user_id, created_at) VALUES ($1, $2, $3, $4)",
          [tokenHash, familyId, userId, now],
        );
      });
    },
    async rotateRefreshToken(oldHash, newHash, now): Promise<RotateResult> {
      return tx(async (c) => {
        // Lock the token row so that two concurrent uses cannot both succeed.
        const r = await c.query(
          `SELECT t.family_id, t.user_id, t.used_at, s.revoked_at FROM refresh_tokens t JOIN sessions s ON s.id = t.family_id
           WHERE t.hash = $1 FOR UPDATE OF t`,
          [oldHash],
        );
        const t = r.rows[0];
        if (!t || t.revoked_at !== null) return { status: "invalid" } as const;
        if (t.used_at !== null) {
          await c.query("UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL", [
            now,
            t.family_id,
          ]);
          return { status: "reused", userId: t.user_id, familyId: t.family_id } as const;
        }
        await c.query("UPDATE refresh_tokens SET used_at = $1 WHERE hash = $2", [now, oldHash]);
        await c.query(
          "INSERT INTO refresh_tokens (hash, family_id, user_id, created_at) VALUES ($1, $2, $3, $4)",
          [newHash, t.family_id, t.user_id, now],
        );
        return { status: "ok", userId: t.user_id, familyId: t.family_id } as const;
      });
    },
    async isSessionActive(userId, familyId) {
      const r = await pool.query(
        "SELECT 1 FROM sessions WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL",
        [familyId, userId],
      );
      return r.rowCount === 1;
    },
    async revokeSession(familyId) {
      await pool.query("UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL", [
        Date.now(),
        familyId,
      ]);
    },
    async findSessionByToken(tokenHash) {
      const r = await pool.query("SELECT family_id, user_id FROM refresh_tokens WHERE hash = $1", [
        tokenHash,
      ]);
      return r.rows[0] ? { userId: r.rows[0].user_id, familyId: r.rows[0].family_id } : null;
    },
    async pushChunks(userId, chunks, quotaBytes, now): Promise<PushResult> {
      try {
        return await tx(async (c) => {
          // The row lock serialises this user's pushes: seqs are assigned and committed in order.
          const u = await c.query("SELECT head_seq, usage_bytes FROM users WHERE id = $1 FOR UPDATE", [
            userId,
          ]);
          if (!u.rows[0]) return { ok: false, reason: "no_user" } as const;
          let head = Number(u.rows[0].head_seq);
          let usage = Number(u.rows[0].usage_bytes);
          const known = new Map<string, number>();
          const ex = await c.query("SELECT id, seq FROM chunks WHERE user_id = $1 AND id = ANY($2::text[])", [
            userId,
            chunks.map((x) => x.id),
          ]);
          for (const r of ex.rows) known.set(r.id, Number(r.seq));
          const accepted: { id: string; seq: number }[] = [];
          const fresh: (NewChunk & { seq: number })[] = [];
          for (const ch of chunks) {
            const seq = known.get(ch.id);
            if (seq !== undefined) {
              accepted.push({ id: ch.id, seq });
              continue;
            }
            head += 1;
            known.set(ch.id, head);
            fresh.push({ ...ch, seq: head });
            accepted.push({ id: ch.id, seq: head });
            usage += ch.data.byteLength;
          }
          if (fresh.length > 0) {
            await c.query(
              `INSERT INTO chunks (user_id, id, doc_id, kind, seq, data, size, created_at)
               SELECT $1, x.id, x.doc_id, x.kind, x.seq, x.data, x.size, $8
               FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::bytea[], $7::int[]) AS x(id, doc_id, kind, seq, data, size)`,
              [
                userId,
                fresh.map((x) => x.id),
                fresh.map((x) => x.docId),
                fresh.map((x) => x.kind),
                fresh.map((x) => x.seq),
                fresh.map((x) => Buffer.from(x.data.buffer, x.data.byteOffset, x.data.byteLength)),
                fresh.map((x) => x.data.byteLength),
                now,
              ],
            );
          }
          const repIds: string[] = [];
          const repDocs: string[] = [];
          for (const ch of fresh) {
            for (const r of ch.replaces ?? []) {
              if (r === ch.id) continue;
              repIds.push(r);
              repDocs.push(ch.docId);
            }
          }
          if (repIds.length > 0) {
            const gone = await c.query(
              `WITH r AS (SELECT DISTINCT * FROM unnest($2::text[], $3::text[]) AS r(id, doc_id)),
                    old AS (SELECT c.id, c.size FROM chunks c JOIN r ON c.id = r.id AND c.doc_id = r.doc_id
                            WHERE c.user_id = $1 AND c.data IS NOT NULL)
               UPDATE chunks SET data = NULL, size = 0 FROM old WHERE chunks.user_id = $1 AND chunks.id = old.id
               RETURNING old.size`,
              [userId, repIds, repDocs],
            );
            for (const r of gone.rows) usage -= Number(r.size);
          }
          if (usage > quotaBytes) throw new QuotaExceeded(usage, quotaBytes);
          await c.query("UPDATE users SET head_seq = $1, usage_bytes = $2 WHERE id = $3", [
            head,
            usage,
            userId,
          ]);
          return { ok: true, accepted, cursor: head, newChunks: fresh.length } as const;
        });
      } catch (e) {
        if (e instanceof QuotaExceeded)
          return { ok: false, reason: "quota", usageBytes: e.usageBytes, quotaBytes: e.quotaBytes };
        throw e;
      }
    },
    async pullChunks(userId, since, limit, maxBytes): Promise<PullPage> {
      return tx(async (c) => {
        const h = await c.query("SELECT head_seq FROM users WHERE id = $1", [userId]);
        const head = Number(h.rows[0]?.head_seq ?? 0);
        // Sizes first, data only for the rows that fit the page: a page never reads ~limit MiB.
        const meta = await c.query(
          "SELECT seq, size FROM chunks WHERE user_id = $1 AND seq > $2 AND data IS NOT NULL ORDER BY seq LIMIT $3",
          [userId, since, limit + 1],
        );
        const seqs: number[] = [];
        let bytes = 0;
        let more = false;
        for (const r of meta.rows) {
          const size = Number(r.size);
          if (seqs.length >= limit || (seqs.length > 0 && bytes + size > maxBytes)) {
            more = true;
            break;
          }
          bytes += size;
          seqs.push(Number(r.seq));
        }
        let chunks: StoredChunk[] = [];
        if (seqs.length > 0) {
          const d = await c.query(
            "SELECT id, doc_id, kind, seq, data FROM chunks WHERE user_id = $1 AND seq = ANY($2::bigint[]) ORDER BY seq",
            [userId, seqs],
          );
          chunks = d.rows.map((r) => ({
            id: r.id,
            docId: r.doc_id,
            kind: r.kind as ChunkKind,
            seq: Number(r.seq),
            data: new Uint8Array(r.data),
          }));
        }
        const last = chunks.at(-1)?.seq ?? since;
        return { chunks, more, cursor: more ? last : Math.max(since, head) };
      }, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    },
    async headSeq(userId) {
      const r = await pool.query("SELECT head_seq FROM users WHERE id = $1", [userId]);
      return Number(r.rows[0]?.head_seq ?? 0);
    },
    async usageBytes(userId) {
      const r = await pool.query("SELECT usage_bytes FROM users WHERE id = $1", [userId]);
      return Number(r.rows[0]?.usage_bytes ?? 0);
    },
    async hitRateLimit(key, windowMs, now) {
      const r = await pool.query(
        `INSERT INTO rate_limits AS rl (key, window_start, window_ms, count) VALUES ($1, $2, $3, 1)
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN rl.window_start + rl.window_ms <= $2 THEN 1 ELSE rl.count + 1 END,
           window_start = CASE WHEN rl.window_start + rl.window_ms <= $2 THEN $2 ELSE rl.window_start END,
           window_ms = $3
         RETURNING count, window_start + window_ms AS reset_at`,
        [key, now, windowMs],
      );
      return { count: Number(r.rows[0].count), resetAt: Number(r.rows[0].reset_at) };
    },
    async pruneRateLimits(before) {
      await pool.query("DELETE FROM rate_limits WHERE window_start + window_ms < $1", [before]);
    },
    async recordCrisisEvent(modelVersion, hourStart) {
      await pool.query(
        `INSERT INTO crisis_events (model_version, hour_start, count) VALUES ($1, $2, 1)
         ON CONFLICT (model_version, hour_start) DO UPDATE SET count = crisis_events.count + 1`,
        [modelVersion, hourStart],
      );
    },
    async crisisEventTotals() {
      const r = await pool.query(
        "SELECT model_version, SUM(count) AS n FROM crisis_events GROUP BY model_version ORDER BY model_version",
      );
      return r.rows.map((x) => ({ modelVersion: x.model_version, count: Number(x.n) }));
    },
    async ping() {
      await pool.query("SELECT 1");
    },
    async close() {
      await pool.end();
    },
  };
}
