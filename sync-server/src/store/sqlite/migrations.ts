/** Versioned schema for the SQLite adapter. Append new versions; never edit an applied one. */
export const SQLITE_MIGRATIONS: { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        salt TEXT NOT NULL,
        kdf TEXT NOT NULL,
        auth_hash TEXT NOT NULL,
        wrapped_password TEXT NOT NULL,
        wrapped_recovery TEXT NOT NULL,
        head_seq INTEGER NOT NULL DEFAULT 0,
        usage_bytes INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      );
      -- data IS NULL marks a chunk replaced by a snapshot: kept (id, seq only) so that a
      -- retried push of it stays idempotent instead of resurrecting it.
      CREATE TABLE chunks (
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        doc_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        seq INTEGER NOT NULL,
        data BLOB,
        size INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (user_id, id)
      ) WITHOUT ROWID;
      CREATE UNIQUE INDEX chunks_user_seq ON chunks (user_id, seq);
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        revoked_at INTEGER
      );
      CREATE INDEX sessions_user ON sessions (user_id);
      CREATE TABLE refresh_tokens (
        hash TEXT PRIMARY KEY,
        family_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        used_at INTEGER
      );
      CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
      CREATE TABLE rate_limits (
        key TEXT PRIMARY KEY,
        window_start INTEGER NOT NULL,
        window_ms INTEGER NOT NULL,
        count INTEGER NOT NULL
      );
      CREATE TABLE crisis_events (
        model_version TEXT NOT NULL,
        hour_start INTEGER NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (model_version, hour_start)
      );
    `,
  },
  {
    // Recovery by code on a new device: slow hash of the recovery auth key (null = not set up).
    version: 2,
    sql: `ALTER TABLE users ADD COLUMN recovery_hash TEXT;`,
  },
];
