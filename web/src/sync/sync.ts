/**
 * SyncControl (types.ts): sign up / sign in / sign out / delete account, and the engine's
 * life cycle following the vault (runs while unlocked and signed in; keys and tokens are
 * dropped from memory on lock).
 *
 *   sign up:  vault.credentials() → POST /v1/auth/register (salt, kdf, authKey, wraps)
 *   sign in:  GET /v1/auth/params → Argon2id → authKey → POST /v1/auth/login → unwrap the
 *             account key from the returned wraps → same vault on this device → pull
 *   recover:  recovery code → recovery auth key → POST /v1/auth/recover → unwrap with the
 *             code → same vault, new passphrase → first round: POST /v1/auth/password
 *             (current credential = the recovery key) → pull
 */
import { encodeBase64Url, decodeBase64Url, type LoginResponse } from "@ventwell/shared";
import { WeakPassphraseError } from "../app-contract";
import {
  checkKdfParams,
  isAcceptablePassphrase,
  recoveryAuthKey,
  recoveryLoginSecret,
  recoveryWrappingKey,
  splitRootSecret,
  unwrapAccountKey,
  wipe,
  DecryptError,
} from "../crypto";
import type { JournalControl } from "../journal";
import type { LocalStore } from "../storage";
import type { VaultControl } from "../vault";
import type { DeriveRoot } from "../workers/kdf-client";
import { createRelayClient, type RelayClient, type RelayError, type Result } from "./api-client";
import { createEngine, type Engine } from "./engine";
import { SyncError, type SyncControl, type SyncRecord, type SyncStatus } from "./types";
import { packWrappedKeys, unpackWrappedKeys, type VaultWraps } from "./wrapped-keys";

export interface SyncDeps {
  store: LocalStore;
  vault: VaultControl;
  journal: JournalControl;
  deriveRoot: DeriveRoot;
  /** Relay origin; "" = the app's own origin (`pnpm start` serves both). */
  baseUrl?: string;
  fetch?: typeof fetch;
  EventSource?: typeof EventSource;
  periodMs?: number;
  backoff?: { baseMs: number; maxMs: number };
  online?: () => boolean;
  /** Web Locks name so that one tab per journal runs sync (others stand by). */
  useTabLock?: boolean;
}

const RECORD = "sync";
const OFF: SyncStatus = { phase: "off", pending: 0, rejected: 0 };

const friendly = (e: RelayError, what: string): SyncError => {
  if (e.code === "network")
    return new SyncError(
      `Can't reach the sync server, so ${what} didn't happen. Check your connection and try again.`,
    );
  if (e.code === "rate_limited")
    return new SyncError(
      `Too many attempts. Wait ${Math.ceil((e.retryAfterMs ?? 60_000) / 60_000)} minute(s), then try again.`,
    );
  return new SyncError(
    e.message.charAt(0).toUpperCase() + e.message.slice(1) + (e.message.endsWith(".") ? "" : "."),
  );
};

/** The relay's recovery credential for `username` (base64url), when this device has the secret. */
function relayRecoveryKey(secret: Uint8Array | undefined, username: string): string | undefined {
  if (!secret) return undefined;
  const key = recoveryAuthKey(secret, username);
  const text = encodeBase64Url(key);
  wipe(key, secret);
  return text;
}

const signInFailed = (e: RelayError, what: string, doing: string): SyncError =>
  e.status === 401
    ? new SyncError(`That username and ${what} don't match an account on this sync server.`)
    : friendly(e, doing);

/** The relay's wrap must open with what the person typed; if not, the new session ends. */
function proveUnwrap(c: RelayClient, key: Uint8Array, wraps: VaultWraps, slot: "passphrase" | "recovery") {
  const wrap = slot === "passphrase" ? wraps.wrappedByPassphrase : wraps.wrappedByRecovery;
  try {
    wipe(unwrapAccountKey(key, wrap, wraps.accountId, slot));
  } catch (err) {
    void c.logout();
    if (err instanceof DecryptError)
      throw new SyncError(
        `The keys stored on the sync server don't open with this ${slot === "passphrase" ? "passphrase" : "recovery code"}. Nothing was changed on this device.`,
      );
    throw err;
  }
}

export function createSync(deps: SyncDeps): SyncControl {
  const { store, vault, journal } = deps;
  const listeners = new Set<() => void>();
  let status: SyncStatus = OFF;
  let engine: Engine | undefined;
  let client: RelayClient | undefined;
  let record: SyncRecord | undefined;
  /** Set by signIn on a locked/new device: the record to seal once the vault unlocks. */
  let pendingRecord: SyncRecord | undefined;
  let saving: Promise<void> = Promise.resolve();
  let releaseTab: (() => void) | undefined;
  let generation = 0;
  /** The engine is running or starting for the current unlock. */
  let active = false;

  const setStatus = (s: SyncStatus) => {
    status = s;
    listeners.forEach((l) => l());
  };
  const newClient = () =>
    createRelayClient({
      baseUrl: deps.baseUrl,
      fetch: deps.fetch,
      onTokens: (t) => {
        if (t && record && t.refreshToken !== record.refreshToken) {
          record.refreshToken = t.refreshToken;
          record.userId = t.userId;
          void save(record);
        }
      },
    });

  /** Sealed under the account key; a lock in between just drops the write (state is re-read on unlock). */
  function save(r: SyncRecord | undefined): Promise<void> {
    const copy = r ? { ...r } : undefined;
    saving = saving.then(() => vault.writeSecret(RECORD, copy)).catch(() => undefined);
    return saving;
  }

  function stopEngine() {
    generation++;
    active = false;
    engine?.stop();
    engine = undefined;
    releaseTab?.();
    releaseTab = undefined;
  }

  async function reconcileCredentials(): Promise<Result<unknown>> {
    const creds = await vault.credentials();
    if (!creds || !record || !client) return { ok: true, value: undefined };
    const salt = encodeBase64Url(creds.salt);
    if (salt === record.relaySalt) return { ok: true, value: undefined };
    // The passphrase was changed (or recovered) here: give the relay the new salt, key and wraps.
    const authKey = encodeBase64Url(creds.authKey);
    wipe(creds.authKey);
    const r = await client.changePassword({
      // Right after a recovery the relay's current credential is the recovery key.
      ...(record.relayAuthKey
        ? { currentAuthKey: record.relayAuthKey }
        : { currentRecoveryAuthKey: record.relayRecoveryKey }),
      salt,
      kdf: creds.kdf,
      authKey,
      wrappedKeys: packWrappedKeys(creds),
      // Unchanged for an account that has it; an older account gains recovery by code here.
      recoveryAuthKey: relayRecoveryKey(creds.recoveryLoginSecret, record.username),
    });
    if (r.ok) {
      record.relayAuthKey = authKey;
      record.relaySalt = salt;
      delete record.relayRecoveryKey;
      await save(record);
    }
    return r;
  }

  async function startEngine() {
    const gen = ++generation;
    active = true;
    if (pendingRecord) {
      record = pendingRecord;
      pendingRecord = undefined;
      await save(record);
    } else {
      record = (await vault.readSecret(RECORD).catch(() => undefined)) as SyncRecord | undefined;
      client = undefined;
    }
    if (gen !== generation) return;
    if (!record) return setStatus(OFF);
    if (!client) {
      client = newClient();
      client.setTokens({ userId: record.userId, refreshToken: record.refreshToken });
    }
    const locks = globalThis.navigator?.locks;
    if (deps.useTabLock !== false && locks) {
      setStatus({ ...OFF, phase: "standby", username: record.username });
      await new Promise<void>((acquired) => {
        void locks.request(`ventwell-sync:${store.name}`, () => {
          acquired();
          return new Promise<void>((release) => (releaseTab = release));
        });
      });
      if (gen !== generation) return releaseTab?.();
    }
    const rec = record;
    const c = client;
    engine = createEngine({
      store,
      journal,
      client: c,
      record: rec,
      save,
      beforeRound: reconcileCredentials,
      relogin: async () => {
        const r = rec.relayAuthKey
          ? await c.login({ username: rec.username, authKey: rec.relayAuthKey })
          : await c.recover({ username: rec.username, recoveryAuthKey: rec.relayRecoveryKey ?? "" });
        if (r.ok) {
          rec.refreshToken = r.value.refreshToken;
          rec.userId = r.value.userId;
          await save(rec);
        }
        return r;
      },
      onStatus: (s) => gen === generation && setStatus(s),
      EventSource: deps.EventSource,
      periodMs: deps.periodMs,
      backoff: deps.backoff,
      online: deps.online,
    });
    engine.start();
  }

  vault.subscribe(() => {
    const unlocked = vault.status() === "unlocked";
    if (unlocked && !active) void startEngine().catch(() => setStatus(OFF));
    else if (unlocked)
      engine?.kick(); // e.g. the passphrase changed: reconcile with the relay
    else if (!unlocked && active) {
      stopEngine();
      record = undefined;
      client = undefined;
      setStatus(OFF);
    }
  });

  async function assertSameJournal(c: RelayClient, accountId: string) {
    const local = await store.getVault();
    if (local && local.accountId !== accountId) {
      void c.logout();
      throw new SyncError(
        "This device already has a different journal. To use this account here, export that journal if you want a copy, delete it (Settings → Delete all data on this device), then sign in.",
      );
    }
  }

  /** The relay account's salt and wraps become this device's vault record; the session is kept. */
  async function adoptAccount(
    c: RelayClient,
    username: string,
    login: LoginResponse,
    wraps: VaultWraps,
    credential: Pick<SyncRecord, "relayAuthKey" | "relayRecoveryKey">,
  ) {
    const vaultPatch = {
      salt: decodeBase64Url(login.salt),
      kdf: login.kdf,
      ...wraps,
      failedUnlocks: 0,
      lastFailedAt: 0,
    };
    if (await store.getVault()) await store.updateVault(vaultPatch);
    else await store.putVault({ key: "vault", formatVersion: 1, createdAt: Date.now(), ...vaultPatch });
    stopEngine();
    const rec: SyncRecord = {
      v: 1,
      username,
      userId: login.userId,
      refreshToken: login.refreshToken,
      relaySalt: login.salt,
      cursor: record?.cursor ?? 0,
      ...credential,
    };
    record = rec;
    client = c;
    pendingRecord = rec;
  }

  async function markAllUnpushed() {
    for (const docId of await store.docIds()) {
      const rows = (await store.loadDoc(docId)).filter((c) => c.pushed === 1);
      if (rows.length)
        await store.write({ put: rows.map(({ seq: _seq, ...c }) => ({ ...c, pushed: 0 as const })) });
    }
  }

  // Created after an unlock (lazy import): start at once.
  if (vault.status() === "unlocked") void startEngine().catch(() => setStatus(OFF));

  const control: SyncControl = {
    status: () => status,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },

    async signUp(username) {
      const creds = await vault.credentials();
      if (!creds) throw new SyncError("Unlock your journal first.");
      if (record && status.phase !== "reauth")
        throw new SyncError("This device is already signed in to sync.");
      const c = newClient();
      const authKey = encodeBase64Url(creds.authKey);
      wipe(creds.authKey);
      const salt = encodeBase64Url(creds.salt);
      const r = await c.register({
        username,
        salt,
        kdf: creds.kdf,
        authKey,
        wrappedKeys: packWrappedKeys(creds),
        recoveryAuthKey: relayRecoveryKey(creds.recoveryLoginSecret, username),
      });
      if (!r.ok) {
        if (r.error.status === 409) throw new SyncError("That username is taken. Choose another one.");
        throw friendly(r.error, "signing up");
      }
      await markAllUnpushed(); // an earlier account may have acknowledged them
      stopEngine();
      record = {
        v: 1,
        username,
        userId: r.value.userId,
        refreshToken: r.value.refreshToken,
        relayAuthKey: authKey,
        relaySalt: salt,
        cursor: 0,
      };
      client = c;
      pendingRecord = record;
      await startEngine();
    },

    async signIn(username, passphrase, onProgress) {
      const c = newClient();
      const p = await c.params(username);
      if (!p.ok) throw friendly(p.error, "signing in");
      checkKdfParams(p.value.kdf); // a relay must not be able to weaken the KDF
      const salt = decodeBase64Url(p.value.salt);
      const root = await deps.deriveRoot(passphrase, salt, p.value.kdf, onProgress);
      const { authKey, kek } = splitRootSecret(root, salt);
      wipe(root);
      const authKeyText = encodeBase64Url(authKey);
      wipe(authKey);
      try {
        const r = await c.login({ username, authKey: authKeyText });
        if (!r.ok) throw signInFailed(r.error, "passphrase", "signing in");
        const wraps = unpackWrappedKeys(r.value.wrappedKeys);
        proveUnwrap(c, kek, wraps, "passphrase");
        await assertSameJournal(c, wraps.accountId);
        await adoptAccount(c, username, r.value, wraps, { relayAuthKey: authKeyText });
        if (vault.status() === "unlocked") await startEngine();
        else await vault.unlock(passphrase, onProgress); // the vault listener starts the engine
      } finally {
        wipe(kek);
      }
    },

    async recover(username, recoveryCode, newPassphrase, onProgress) {
      const secret = recoveryLoginSecret(recoveryCode); // a malformed code: clear message, nothing sent
      const key = relayRecoveryKey(secret, username)!; // wipes the secret
      if (!isAcceptablePassphrase(newPassphrase)) throw new WeakPassphraseError();
      const c = newClient();
      const r = await c.recover({ username, recoveryAuthKey: key });
      if (!r.ok) throw signInFailed(r.error, "recovery code", "recovering your journal");
      const wraps = unpackWrappedKeys(r.value.wrappedKeys);
      const rk = recoveryWrappingKey(recoveryCode, wraps.accountId);
      try {
        proveUnwrap(c, rk, wraps, "recovery");
      } finally {
        wipe(rk);
      }
      await assertSameJournal(c, wraps.accountId);
      vault.lock(); // same journal open here: it is re-opened under the new passphrase
      await adoptAccount(c, username, r.value, wraps, { relayAuthKey: "", relayRecoveryKey: key });
      // Re-wraps under the new passphrase and unlocks; the first round pushes it to the relay.
      await vault.unlockWithRecoveryCode(recoveryCode, newPassphrase, onProgress);
    },

    async signOut({ deleteLocalData }) {
      const c = client;
      stopEngine();
      if (vault.status() === "unlocked") await save(undefined);
      await saving;
      record = undefined;
      client = undefined;
      setStatus(OFF);
      await c?.logout(); // best effort: the session also expires on its own
      if (deleteLocalData) await journal.wipeDevice();
      else vault.lock();
    },

    async deleteAccount() {
      if (!client || !record) throw new SyncError("This device isn't signed in to sync.");
      const r = await client.deleteAccount(record.relayAuthKey);
      if (!r.ok) throw friendly(r.error, "deleting the account");
      stopEngine();
      record = undefined;
      client = undefined;
      setStatus(OFF);
      await journal.wipeDevice();
    },

    retry: () => engine?.retry(),
    idle: async () => {
      await saving;
      await engine?.idle();
      await saving;
    },
  };
  return control;
}
