/**
 * The sync seam: what the UI reads (status) and calls (sign up/in/out, delete, retry).
 * Logic only; React components render `SyncStatus` and call `SyncControl`.
 */
import type { ProgressFn } from "../app-contract";

export type SyncPhase =
  /** Local only: not signed in to a relay on this device. */
  | "off"
  /** Everything here is on the relay and everything there is here. */
  | "synced"
  /** Pushing/pulling right now. */
  | "syncing"
  /** Local changes wait in the outbox (a retry is scheduled). */
  | "pending"
  /** The relay can't be reached; changes stay safe here and go out later. */
  | "offline"
  /** Something failed (see message); retried with back-off, or at once with `retry()`. */
  | "error"
  /** The relay no longer accepts this device's credentials: sign in again. */
  | "reauth"
  /** Another tab of this browser runs sync for this journal. */
  | "standby";

export interface SyncStatus {
  phase: SyncPhase;
  /** Chunks in the outbox (written here, not yet acknowledged by the relay). */
  pending: number;
  username?: string;
  message?: string;
  lastSyncedAt?: number;
  /** When the next automatic retry runs (ms since epoch). */
  nextRetryAt?: number;
  /** Pulled chunks rejected because they failed authentication, since the last retry. */
  rejected: number;
}

export interface SyncControl {
  status(): SyncStatus;
  subscribe(listener: () => void): () => void;
  /** Register this device's (unlocked) journal on the relay; everything here is pushed. */
  signUp(username: string): Promise<void>;
  /**
   * Sign in with username and passphrase: on a fresh device this creates the same vault
   * (the relay returns the wrapped keys) and unlocks it; then everything is pulled.
   */
  signIn(username: string, passphrase: string, onProgress?: ProgressFn): Promise<void>;
  /**
   * Passphrase forgotten and no device left: sign in with the recovery code, then the
   * journal is set up here under `newPassphrase` (pushed to the relay on the first round;
   * the old passphrase stops working), unlocked, and pulled.
   */
  recover(
    username: string,
    recoveryCode: string,
    newPassphrase: string,
    onProgress?: ProgressFn,
  ): Promise<void>;
  /** Ends the relay session and forgets it here; locks the journal, or deletes it from this device. */
  signOut(opts: { deleteLocalData: boolean }): Promise<void>;
  /** Deletes the account and every chunk on the relay, then all data on this device. */
  deleteAccount(): Promise<void>;
  /** Sync now (the "Retry" button); clears a shown error. */
  retry(): void;
  /** Resolves when no sync round is running or queued (tests, benchmarks). */
  idle(): Promise<void>;
}

/** Persisted (sealed under the account key) per device while signed in. */
export interface SyncRecord {
  v: 1;
  username: string;
  userId: string;
  refreshToken: string;
  /**
   * The auth key the relay currently knows (base64url): re-login, password change, deletion.
   * "" right after a recovery, until the new passphrase has reached the relay.
   */
  relayAuthKey: string;
  /** Set after a recovery until then: the relay credential derived from the recovery code. */
  relayRecoveryKey?: string;
  /** The salt the relay holds; differs from the vault's after a local passphrase change. */
  relaySalt: string;
  /** Last pulled seq. */
  cursor: number;
}

export class SyncError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SyncError";
  }
}
