/**
 * PostgreSQL adapter (pg Pool): for several stateless relay instances on one database.
 * Pushes serialise per user on the user's row lock, so seqs commit in order.
 */
import pg from "pg";
import type { RotateResult, Store, UserRecord } from "../types.js";
import { pullChunks, pushChunks, type Tx } from "./chunks.js";
import { POSTGRES_MIGRATIONS } from "./migrations.js";
import { credentialParams } from "../credential-params.js";
import { isConnectionError } from "../unavailable.js";

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
  recovery_hash: string | null;
  created_at: string;
}

const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  salt: r.salt,
  kdf: r.kdf,
  authHash: r.auth_hash,
  wrappedKeys: { password: r.wrapped_password, recovery: r.wrapped_recovery },
  recoveryHash: r.recovery_hash ?? null,
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

  const tx: Tx = async (fn, begin = "BEGIN") => {
    const c = await pool.connect();
    // A checked-out client whose server goes away between queries emits 'error'; unheard,
    // that kills the process. The failed query rejects anyway; the broken client is dropped.
    let broken: Error | undefined;
    const onError = (e: Error) => (broken = e);
    c.on("error", onError);
    try {
      await c.query(begin);
      const out = await fn(c);
      await c.query("COMMIT");
      return out;
    } catch (e) {
      await c.query("ROLLBACK").catch(() => {});
      broken ??= e instanceof Error && isConnectionError(e) ? e : undefined;
      throw e;
    } finally {
      c.off("error", onError);
      c.release(broken);
    }
  };

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

  return {
    kind: "postgres",
    async createUser(u, now) {
      const r = await pool.query(
        `INSERT INTO users (id, username, salt, kdf, auth_hash, wrapped_password, wrapped_recovery, recovery_hash, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (username) DO NOTHING`,
        [
          u.id,
          u.username,
          u.salt,
          JSON.stringify(u.kdf),
          u.authHash,
          u.wrappedKeys.password,
          u.wrappedKeys.recovery,
          u.recoveryHash ?? null,
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
          `UPDATE users SET salt = $1, kdf = $2, auth_hash = $3, wrapped_password = $4, wrapped_recovery = $5,
             recovery_hash = COALESCE($6, recovery_hash) WHERE id = $7`,
          [...credentialParams(c), userId],
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
    pushChunks: (userId, chunks, quotaBytes, now) => pushChunks(tx, userId, chunks, quotaBytes, now),
    pullChunks: (userId, since, limit, maxBytes) => pullChunks(tx, userId, since, limit, maxBytes),
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
