export type { LocalStore, StoredChunk, ChunkKind, ChunkBatch, VaultRecord } from "./types";
export { createDexieStore, DEFAULT_DB_NAME } from "./dexie-store";
