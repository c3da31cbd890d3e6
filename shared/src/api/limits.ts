/** Relay limits shared by server and client, so the client can split work before sending. */
export const MiB = 1024 * 1024;

/** Largest decoded chunk `data` the relay accepts (→ 413). */
export const MAX_CHUNK_BYTES = 1 * MiB;
/** Largest request body (→ 413). */
export const MAX_REQUEST_BYTES = 8 * MiB;
/** Most chunks in one push (→ 413). */
export const MAX_PUSH_CHUNKS = 200;
/** Default per-user storage quota (decoded chunk bytes); relays may configure another. */
export const DEFAULT_QUOTA_BYTES = 200 * MiB;
/**
 * Each stored chunk also counts this many bytes toward the quota (its id, seq and row),
 * and keeps counting after compaction replaces it: empty chunks are not free.
 */
export const CHUNK_OVERHEAD_BYTES = 64;
/** Most `replaces` ids in one push, over all its chunks (→ 413). */
export const MAX_REPLACES_PER_PUSH = 10_000;
/** Default and largest page size of a pull. */
export const DEFAULT_PULL_LIMIT = 100;
export const MAX_PULL_LIMIT = 500;
/** A pull page stops after roughly this many data bytes (always at least one chunk). */
export const PULL_PAGE_BYTES = 4 * MiB;
/** Sizes of the fixed binary fields. */
export const SALT_BYTES = 16;
export const AUTH_KEY_BYTES = 32;
export const MAX_WRAPPED_KEY_BYTES = 4096;
