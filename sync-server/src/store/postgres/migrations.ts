/** Versioned schema for the PostgreSQL adapter. Append new versions; never edit an applied one. */
export const POSTGRES_MIGRATIONS: { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        salt TEXT NOT NULL,
        kdf JSONB NOT NULL,
        auth_hash TEXT NOT NULL,
        wrapped_password TEXT NOT NULL,
        wrapped_recovery TEXT NOT NULL,
        head_seq BIGINT NOT NULL DEFAULT 0,
        usage_bytes BIGINT NOT NULL DEFAULT 0,
        created_at BIGINT NOT NULL
      );
      -- data IS NULL marks a chunk replaced by a snapshot (see the SQLite schema).
      CREATE TABLE chunks (
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        doc_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        seq BIGINT NOT NULL,
        data BYTEA,
        size INTEGER NOT NULL,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (user_id, id)
      );
      CREATE UNIQUE INDEX chunks_user_seq ON chunks (user_id, seq);
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at BIGINT NOT NULL,
        revoked_at BIGINT
      );
      CREATE INDEX sessions_user ON sessions (user_id);
      CREATE TABLE refresh_tokens (
        hash TEXT PRIMARY KEY,
        family_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        used_at BIGINT
      );
      CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
      CREATE TABLE rate_limits (
        key TEXT PRIMARY KEY,
        window_start BIGINT NOT NULL,
        window_ms BIGINT NOT NULL,
        count INTEGER NOT NULL
      );
      CREATE TABLE crisis_events (
        model_version TEXT NOT NULL,
        hour_start BIGINT NOT NULL,
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
