/**
 * The storage seam (in the spirit of automerge-repo's StorageAdapterInterface). Every
 * value is an envelope or non-personal metadata: ids, kinds, times, sizes, seq numbers,
 * KDF salt/params, wrapped keys and the unlock-failure counter.
 */
import type { KdfParams } from "../crypto/kdf";

export type ChunkKind = "incremental" | "snapshot" | "tombstone";

export interface StoredChunk {
  /** Client-chosen random id; the relay's idempotency key. */
  id: string;
  docId: string;
  kind: ChunkKind;
  /** Envelope bytes (crypto/envelope.ts), AD = (accountId, docId, id, kind). */
  data: Uint8Array;
  createdAt: number;
  /** 0 = in the outbox, 1 = acknowledged by the relay. (Numbers: IndexedDB can't index booleans.) */
  pushed: 0 | 1;
  /** Relay seq once pushed or pulled. */
  seq?: number;
  /** Chunk ids this snapshot/tombstone supersedes; the relay deletes them on push. */
  replaces?: string[];
}

export interface VaultRecord {
  key: "vault";
  formatVersion: 1;
  /** Random id made with the vault; bound into every envelope's associated data. */
  accountId: string;
  salt: Uint8Array;
  kdf: KdfParams;
  wrappedByPassphrase: Uint8Array;
  wrappedByRecovery: Uint8Array;
  createdAt: number;
  failedUnlocks: number;
  lastFailedAt: number;
}

export interface ChunkBatch {
  put?: StoredChunk[];
  /** Chunk ids to delete in the same transaction (compaction, tombstones). */
  remove?: string[];
}

export interface LocalStore {
  /** Database name; also names the cross-tab channel. */
  readonly name: string;
  getVault(): Promise<VaultRecord | undefined>;
  putVault(record: VaultRecord): Promise<void>;
  updateVault(patch: Partial<Omit<VaultRecord, "key">>): Promise<void>;
  /** All chunks of one document, oldest first. */
  loadDoc(docId: string): Promise<StoredChunk[]>;
  docIds(): Promise<string[]>;
  /** One IndexedDB transaction: all of it lands, or none of it. */
  write(batch: ChunkBatch): Promise<void>;
  /** The outbox: chunks not yet acknowledged by the relay, oldest first. */
  unpushed(limit?: number): Promise<StoredChunk[]>;
  markPushed(acks: { id: string; seq: number }[]): Promise<void>;
  getSetting(key: string): Promise<Uint8Array | undefined>;
  putSetting(key: string, envelope: Uint8Array): Promise<void>;
  /** Every record of every table, for privacy scans in tests and for diagnostics. */
  dumpAll(): Promise<Record<string, unknown[]>>;
  /** Delete the whole database from this device. */
  wipe(): Promise<void>;
}
