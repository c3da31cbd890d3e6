/**
 * Request/response schemas of the relay's public HTTP contract (issue 4). The relay
 * validates with these and generates its OpenAPI document from them; the web client
 * imports the same types. Browser-safe: zod only.
 */
import { z } from "zod";
import { BASE64URL_PATTERN, base64UrlLength } from "./base64url.js";
import {
  AUTH_KEY_BYTES,
  MAX_CHUNK_BYTES,
  MAX_PULL_LIMIT,
  DEFAULT_PULL_LIMIT,
  MAX_PUSH_CHUNKS,
  MAX_REPLACES_PER_PUSH,
  MAX_WRAPPED_KEY_BYTES,
  MiB,
  SALT_BYTES,
} from "./limits.js";

/** base64url (no padding) of exactly `bytes` bytes. */
export function fixedBytes(bytes: number, what: string) {
  const len = base64UrlLength(bytes);
  return z
    .string()
    .length(len, { error: `${what} must be ${bytes} bytes as base64url without padding (${len} characters)` })
    .regex(BASE64URL_PATTERN, { error: `${what} must be base64url without padding` })
    .meta({ description: `${what}: ${bytes} bytes, base64url without padding`, format: "base64url" });
}

const sizeText = (n: number) => (n % MiB === 0 ? `${n / MiB} MiB` : `${n} bytes`);

/** base64url (no padding) of at most `maxBytes` bytes. */
export function boundedBytes(maxBytes: number, what: string, minBytes = 1) {
  return z
    .string()
    .min(base64UrlLength(minBytes), { error: `${what} is empty` })
    .max(base64UrlLength(maxBytes), { error: `${what} is larger than ${sizeText(maxBytes)}` })
    .regex(BASE64URL_PATTERN, { error: `${what} must be base64url without padding` })
    .meta({
      description: `${what}: at most ${maxBytes} bytes, base64url without padding`,
      format: "base64url",
    });
}

export const Username = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@+-]{2,127}$/, {
    error:
      "username must be 3–128 characters: letters, digits and . _ @ + - (starting with a letter or digit)",
  })
  .meta({ description: "Case-insensitive; the relay compares it in lower case.", example: "river.stone" });

/** Client-chosen identifiers (chunk ids, document ids): opaque, URL-safe. */
export const OpaqueId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,128}$/, { error: "ids must be 1–128 characters of A–Z a–z 0–9 _ -" })
  .meta({ description: "Client-chosen opaque id (1–128 URL-safe characters)" });

export const KdfParams = z
  .object({
    name: z.literal("argon2id"),
    memoryKiB: z
      .int()
      .min(1024)
      .max(4 * 1024 * 1024),
    iterations: z.int().min(1).max(64),
    parallelism: z.int().min(1).max(16),
  })
  .meta({ description: "Argon2id parameters the client used to derive its keys from the passphrase" });
export type KdfParams = z.infer<typeof KdfParams>;

export const Salt = fixedBytes(SALT_BYTES, "salt");
export const AuthKey = fixedBytes(AUTH_KEY_BYTES, "authKey");
/** Derived from the recovery code (never the code itself); the relay keeps a slow hash. */
export const RecoveryAuthKey = fixedBytes(AUTH_KEY_BYTES, "recoveryAuthKey");

export const WrappedKeys = z
  .object({
    password: boundedBytes(MAX_WRAPPED_KEY_BYTES, "wrappedKeys.password"),
    recovery: boundedBytes(MAX_WRAPPED_KEY_BYTES, "wrappedKeys.recovery"),
  })
  .meta({
    description:
      "The account key wrapped by the passphrase key and by the recovery code (opaque to the relay)",
  });
export type WrappedKeys = z.infer<typeof WrappedKeys>;

export const ErrorBody = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .meta({ description: "Every error: a machine code and a message for people" });

export const HealthResponse = z.object({ ok: z.literal(true) });

export const AuthParamsQuery = z.object({ username: Username });
export const AuthParamsResponse = z.object({ salt: Salt, kdf: KdfParams });
export type AuthParamsResponse = z.infer<typeof AuthParamsResponse>;

/** What the client gives the relay for a passphrase: at register and at every change. */
const credentialFields = {
  salt: Salt,
  kdf: KdfParams,
  authKey: AuthKey,
  wrappedKeys: WrappedKeys,
  recoveryAuthKey: RecoveryAuthKey.optional().meta({
    description:
      "Login key derived from the recovery code, for POST /v1/auth/recover on a new device. At register: without it the account cannot be recovered that way. At a passphrase change: sets or replaces it; when absent the relay keeps the one it has, so the recovery code stays valid.",
  }),
};

export const RegisterRequest = z.object({ username: Username, ...credentialFields });
export type RegisterRequest = z.infer<typeof RegisterRequest>;

export const SessionTokens = z.object({
  userId: z.string(),
  accessToken: z.string().meta({ description: "Short-lived JWT (HS256); send as `Authorization: Bearer …`" }),
  refreshToken: z.string().meta({
    description: "Single-use; each refresh returns a new one. Reusing an old one revokes the session.",
  }),
});
export type SessionTokens = z.infer<typeof SessionTokens>;

export const LoginRequest = z.object({ username: Username, authKey: AuthKey });
export type LoginRequest = z.infer<typeof LoginRequest>;
export const LoginResponse = SessionTokens.extend({ wrappedKeys: WrappedKeys, kdf: KdfParams, salt: Salt });
export type LoginResponse = z.infer<typeof LoginResponse>;

export const RecoverRequest = z
  .object({ username: Username, recoveryAuthKey: RecoveryAuthKey })
  .meta({ description: "Sign in with the key derived from the recovery code (passphrase forgotten)" });
export type RecoverRequest = z.infer<typeof RecoverRequest>;
/** Same as login: the client unwraps with the recovery code, then sets a new passphrase. */
export const RecoverResponse = LoginResponse;
export type RecoverResponse = LoginResponse;

export const RefreshRequest = z.object({ refreshToken: z.string().min(1).max(512) });
export type RefreshRequest = z.infer<typeof RefreshRequest>;

export const LogoutRequest = z
  .object({ refreshToken: z.string().min(1).max(512).optional() })
  .meta({ description: "Ends the session named by the bearer token and/or this refresh token" });
export type LogoutRequest = z.infer<typeof LogoutRequest>;

export const PasswordChangeRequest = z
  .object({
    currentAuthKey: AuthKey.optional().meta({ description: "The auth key of the current passphrase" }),
    currentRecoveryAuthKey: RecoveryAuthKey.optional().meta({
      description: "Instead of currentAuthKey, after POST /v1/auth/recover (the passphrase is forgotten)",
    }),
    ...credentialFields,
  })
  .refine((r) => (r.currentAuthKey === undefined) !== (r.currentRecoveryAuthKey === undefined), {
    error: "send exactly one of currentAuthKey and currentRecoveryAuthKey",
    path: ["currentAuthKey"],
  });
export type PasswordChangeRequest = z.infer<typeof PasswordChangeRequest>;

export const DeleteAccountRequest = z.object({ authKey: AuthKey });
export type DeleteAccountRequest = z.infer<typeof DeleteAccountRequest>;

export const CHUNK_KINDS = ["incremental", "snapshot", "tombstone"] as const;
export const ChunkKind = z.enum(CHUNK_KINDS);
export type ChunkKind = z.infer<typeof ChunkKind>;

export const PushChunk = z
  .object({
    id: OpaqueId,
    docId: OpaqueId,
    kind: ChunkKind,
    data: boundedBytes(MAX_CHUNK_BYTES, "chunk data", 0),
    replaces: z.array(OpaqueId).max(10_000).optional().meta({
      description:
        "Snapshots and tombstones only: ids of this document's chunks to delete in the same transaction",
    }),
  })
  .refine((c) => !c.replaces || c.kind !== "incremental", {
    error: "only snapshot and tombstone chunks may replace other chunks",
    path: ["replaces"],
  });
export type PushChunk = z.infer<typeof PushChunk>;

export const PushRequest = z
  .object({
    chunks: z
      .array(PushChunk)
      .min(1)
      .max(MAX_PUSH_CHUNKS, {
        error: `a push may carry at most ${MAX_PUSH_CHUNKS} chunks; send the rest in another push`,
      }),
  })
  .superRefine((push, ctx) => {
    const total = push.chunks.reduce((n, c) => n + (c.replaces?.length ?? 0), 0);
    if (total > MAX_REPLACES_PER_PUSH) {
      ctx.addIssue({
        code: "too_big",
        origin: "array",
        maximum: MAX_REPLACES_PER_PUSH,
        inclusive: true,
        path: ["chunks"],
        message: `a push may replace at most ${MAX_REPLACES_PER_PUSH} chunks in total; split the compaction`,
      });
    }
  });
export type PushRequest = z.infer<typeof PushRequest>;

export const Seq = z.int().min(0).meta({ description: "Per-user, strictly increasing sequence number" });

export const PushResponse = z.object({
  accepted: z.array(z.object({ id: OpaqueId, seq: Seq })),
  cursor: Seq,
});
export type PushResponse = z.infer<typeof PushResponse>;

const queryInt = (min: number, max: number, fallback: number, what: string) =>
  z
    .string()
    .regex(/^\d{1,15}$/, { error: `${what} must be a whole number` })
    .meta({ description: `${what}: whole number ${min}–${max}, default ${fallback}` })
    .transform(Number)
    .pipe(
      z
        .int()
        .min(min, { error: `${what} must be at least ${min}` })
        .max(max, { error: `${what} must be at most ${max}` }),
    )
    .optional()
    .transform((v) => v ?? fallback);

export const PullQuery = z.object({
  since: queryInt(0, Number.MAX_SAFE_INTEGER, 0, "since"),
  limit: queryInt(1, MAX_PULL_LIMIT, DEFAULT_PULL_LIMIT, "limit"),
});

export const PulledChunk = z.object({
  id: OpaqueId,
  docId: OpaqueId,
  kind: ChunkKind,
  seq: Seq,
  data: z.string(),
});
export type PulledChunk = z.infer<typeof PulledChunk>;
export const PullResponse = z.object({
  chunks: z.array(PulledChunk),
  cursor: Seq.meta({ description: "Pass as `since` next time" }),
  more: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;

/** Data of each `cursor` server-sent event on /v1/sync/events. */
export const SyncEvent = z.object({ cursor: Seq });
export type SyncEvent = z.infer<typeof SyncEvent>;

export const ExercisesResponse = z.object({ exercises: z.array(z.unknown()) });

export const CrisisEventRequest = z.object({
  modelVersion: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,40}$/, { error: "modelVersion must be 1–40 characters of A–Z a–z 0–9 . _ -" }),
  hour: z.iso.datetime({
    offset: true,
    error: "hour must be an ISO 8601 date-time; the relay rounds it down to the hour",
  }),
});
export type CrisisEventRequest = z.infer<typeof CrisisEventRequest>;
