/**
 * The relay's storage seam. Everything the relay persists goes through `Store`; the HTTP
 * layer never sees SQL. Two adapters implement it (sqlite/, postgres/) and both must pass
 * the one contract suite in test/store-contract.ts.
 *
 * @remarks In the spirit of automerge-repo's StorageAdapterInterface: small, async, and
 * ignorant of what the bytes mean — chunk data is ciphertext the relay cannot read.
 * Every mutating method is one transaction, durable when its promise resolves.
 */
import type { ChunkKind, KdfParams, WrappedKeys } from "@ventwell/shared";

/** What the relay stores to verify a login: a slow hash of the client's auth key. */
export interface AuthVerifier {
  /** Self-describing slow hash, e.g. `scrypt$N$r$p$<salt b64url>$<hash b64url>`. */
  authHash: string;
}

/** Everything the client needs to sign in elsewhere; all opaque to the relay. */
export interface Credentials extends AuthVerifier {
  /** The client's Argon2id salt (base64url), returned by /auth/params and login. */
  salt: string;
  kdf: KdfParams;
  wrappedKeys: WrappedKeys;
}

/** A credential change; `recoveryHash` set replaces the recovery credential, absent keeps it. */
export interface CredentialChange extends Credentials {
  recoveryHash?: string;
}

export interface UserRecord extends Credentials {
  id: string;
  /** Lower-cased username. */
  username: string;
  createdAt: number;
  /**
   * Slow hash of the recovery auth key (derived from the recovery code), same scheme as
   * `authHash`; null for accounts registered without one (before recovery by code existed).
   */
  recoveryHash: string | null;
}

export type NewUser = Omit<UserRecord, "createdAt" | "recoveryHash"> & { recoveryHash?: string | null };

export interface NewChunk {
  id: string;
  docId: string;
  kind: ChunkKind;
  data: Uint8Array;
  /** Ids of the same document's chunks to delete in the same transaction. */
  replaces?: string[];
}

export interface StoredChunk {
  id: string;
  docId: string;
  kind: ChunkKind;
  seq: number;
  data: Uint8Array;
}

export type PushResult =
  | { ok: true; accepted: { id: string; seq: number }[]; cursor: number; newChunks: number }
  | { ok: false; reason: "quota"; usageBytes: number; quotaBytes: number }
  | { ok: false; reason: "no_user" };

export interface PullPage {
  chunks: StoredChunk[];
  /** Seq to pull after next time; the user's head when `more` is false. */
  cursor: number;
  more: boolean;
}

export type RotateResult =
  | { status: "ok"; userId: string; familyId: string }
  /** An already-used token came back: the whole family is now revoked. */
  | { status: "reused"; userId: string; familyId: string }
  | { status: "invalid" };

export interface RateLimitHit {
  /** Hits in the current window, including this one. */
  count: number;
  /** When the current window ends (ms since epoch). */
  resetAt: number;
}

export interface Store {
  readonly kind: "sqlite" | "postgres";

  // ---- users ----
  /** Creates the user; `taken` when the (lower-cased) username exists. */
  createUser(user: NewUser, now: number): Promise<"created" | "taken">;
  getUserByUsername(username: string): Promise<UserRecord | null>;
  getUserById(id: string): Promise<UserRecord | null>;
  /**
   * Replaces salt, kdf, auth hash and wrapped keys atomically (the recovery hash only when
   * given: a passphrase change keeps the recovery code valid), and revokes every session
   * of the user except `keepFamilyId`. False when the user does not exist.
   */
  changeCredentials(userId: string, creds: CredentialChange, keepFamilyId: string | null): Promise<boolean>;
  /** Right to be forgotten: the user, their chunks, sessions and tokens are gone. */
  deleteUser(userId: string): Promise<boolean>;

  // ---- sessions: refresh-token families ----
  /** Starts a session (token family) whose first refresh token hashes to `tokenHash`. */
  createSession(userId: string, familyId: string, tokenHash: string, now: number): Promise<void>;
  /**
   * Single-use rotation: marks `oldHash` used and issues `newHash` in the same family.
   * A token used twice revokes its family (someone replayed a stolen token).
   */
  rotateRefreshToken(oldHash: string, newHash: string, now: number): Promise<RotateResult>;
  /** True while the family exists, is not revoked and belongs to `userId`. */
  isSessionActive(userId: string, familyId: string): Promise<boolean>;
  revokeSession(familyId: string): Promise<void>;
  /** The family a refresh token belongs to (used or not), for logout by refresh token. */
  findSessionByToken(tokenHash: string): Promise<{ userId: string; familyId: string } | null>;

  // ---- chunks log ----
  /**
   * Appends chunks with fresh, strictly increasing seqs. Idempotent on (user, chunk id):
   * a known id returns its original seq and stores nothing. `replaces` deletes those
   * chunks (same user and document) in the same transaction. Fails whole with `quota`
   * when the user's bytes after the batch would exceed `quotaBytes`.
   */
  pushChunks(userId: string, chunks: NewChunk[], quotaBytes: number, now: number): Promise<PushResult>;
  /** The caller's chunks with seq > since, ascending, at most `limit` and ~`maxBytes`. */
  pullChunks(userId: string, since: number, limit: number, maxBytes: number): Promise<PullPage>;
  /** The highest seq ever assigned to the user (0 for none). */
  headSeq(userId: string): Promise<number>;
  /**
   * What the quota counts: live chunk data bytes plus CHUNK_OVERHEAD_BYTES for every chunk
   * row (replaced ones included: they keep their id and seq).
   */
  usageBytes(userId: string): Promise<number>;

  // ---- shared counters ----
  /** Fixed-window counter shared by every relay instance on this store. */
  hitRateLimit(key: string, windowMs: number, now: number): Promise<RateLimitHit>;
  /** Drops counters whose window ended before `before`. */
  pruneRateLimits(before: number): Promise<void>;
  /** Counts one anonymous crisis event for (modelVersion, hour start). */
  recordCrisisEvent(modelVersion: string, hourStart: number): Promise<void>;
  /** Totals per model version (for /metrics). */
  crisisEventTotals(): Promise<{ modelVersion: string; count: number }[]>;

  /** Readiness probe: resolves when the store answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
