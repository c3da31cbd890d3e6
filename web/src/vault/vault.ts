/**
 * The Vault (app-contract.ts): passphrase and recovery-code unlock, the account key held
 * only in memory while unlocked, passphrase change by re-wrapping, encrypted settings.
 *
 *   passphrase ─Argon2id(salt)→ root ─HKDF→ authKey (relay login, later)
 *                                      └HKDF→ KEK ─unwraps→ accountKey ─HKDF(docId)→ doc keys
 *   recovery code ─HKDF(accountId)→ recovery key ─unwraps→ accountKey
 */
import {
  LockedError,
  UnlockDelayedError,
  WeakPassphraseError,
  WrongPassphraseError,
  WrongRecoveryCodeError,
  type ProgressFn,
  type Vault,
  type VaultStatus,
} from "../app-contract";
import {
  DEFAULT_KDF,
  DecryptError,
  deriveDocKey,
  fromUtf8,
  open,
  seal,
  utf8,
  SALT_BYTES,
  estimatePassphraseStrength,
  generateAccountKey,
  generateRecoveryCode,
  isAcceptablePassphrase,
  normalizeRecoveryCode,
  randomBytes,
  randomId,
  recoveryLoginSecret,
  recoveryWrappingKey,
  splitRootSecret,
  unwrapAccountKey,
  wipe,
  wrapAccountKey,
  type KdfParams,
} from "../crypto";
import { decodeBase64Url, encodeBase64Url } from "@ventwell/shared";
import { createJournal, ensureAutomerge, type JournalControl } from "../journal";
import type { LocalStore, VaultRecord } from "../storage";
import type { DeriveRoot } from "../workers/kdf-client";
import { AUTO_LOCK_RANGE, DEFAULT_SETTINGS, readSetting, writeSetting } from "./settings";
import { delayAfterFailures, remainingDelay } from "./unlock-delay";

interface Unlocked {
  accountId: string;
  accountKey: Uint8Array;
  authKey: Uint8Array;
}

/** What the sync client needs to register/log in; only while unlocked. */
export interface VaultCredentials {
  accountId: string;
  salt: Uint8Array;
  kdf: KdfParams;
  authKey: Uint8Array;
  wrappedByPassphrase: Uint8Array;
  wrappedByRecovery: Uint8Array;
  /**
   * Derived from the recovery code (crypto/recovery-code.ts) and kept sealed here, so that
   * sync can give the relay a recovery login key; absent for journals created before that.
   */
  recoveryLoginSecret?: Uint8Array;
}

/** Sealed-secret name of the recovery login secret. */
const RECOVERY_LOGIN = "recovery-login";

export interface VaultControl extends Vault {
  /** Resolves once the stored vault record has been read (status leaves "loading"). */
  ready: Promise<void>;
  credentials(): Promise<VaultCredentials | undefined>;
  /**
   * Device-private values sealed under the account key (the sync session: relay tokens and
   * auth key). Only while unlocked; `undefined` clears the value.
   */
  readSecret(name: string): Promise<unknown>;
  writeSecret(name: string, value: unknown): Promise<void>;
}

export interface AppDeps {
  store: LocalStore;
  deriveRoot: DeriveRoot;
  kdf?: KdfParams;
  now?: () => number;
  undoMs?: number;
  /** Start loading Automerge's WASM as soon as the vault record is read (default true). */
  prefetch?: boolean;
}

const secretContext = (accountId: string, name: string) => ({
  accountId,
  docId: "settings",
  chunkId: `secret:${name}`,
  kind: "settings" as const,
});

export function createApp(deps: AppDeps): { vault: VaultControl; journal: JournalControl } {
  const { store, deriveRoot } = deps;
  const kdf = deps.kdf ?? DEFAULT_KDF;
  const now = deps.now ?? Date.now;
  const listeners = new Set<() => void>();
  let status: VaultStatus = "loading";
  let keys: Unlocked | undefined;
  let autoLock = DEFAULT_SETTINGS.autoLockMinutes;
  let busy: Promise<unknown> = Promise.resolve();

  const set = (s: VaultStatus) => {
    status = s;
    listeners.forEach((l) => l());
  };
  const journal = createJournal({
    store,
    now,
    undoMs: deps.undoMs,
    onWipedElsewhere: () => {
      dropKeys();
      set("new");
    },
    onWipe: async () => {
      dropKeys();
      await store.wipe();
      set("new");
    },
  });
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = busy.then(fn);
    busy = run.catch(() => undefined);
    return run;
  };
  const mustHaveVault = async (): Promise<VaultRecord> => {
    const rec = await store.getVault();
    if (!rec) throw new Error("There is no journal on this device yet.");
    return rec;
  };
  const checkPassphrase = (p: string) => {
    if (!isAcceptablePassphrase(p)) throw new WeakPassphraseError();
  };

  function dropKeys() {
    journal.close();
    if (keys) wipe(keys.accountKey, keys.authKey);
    keys = undefined;
  }

  /** `recoveryCode`: seal its login secret before anyone (sync) sees the vault unlocked. */
  async function openSession(k: Unlocked, onProgress?: ProgressFn, recoveryCode?: string) {
    keys = k;
    const stillOpen = () => {
      if (keys !== k) throw new LockedError(); // lock() ran during an await
    };
    try {
      autoLock = await readSetting(store, k, "autoLockMinutes");
      let deviceId = await readSetting(store, k, "deviceId");
      if (!deviceId) await writeSetting(store, k, "deviceId", (deviceId = randomId()));
      stillOpen();
      await journal.open({ ...k, deviceId });
      stillOpen();
      if (recoveryCode) {
        // Best effort: without it only recovery through the relay is missing, never the journal.
        const secret = recoveryLoginSecret(recoveryCode);
        await vault.writeSecret(RECOVERY_LOGIN, encodeBase64Url(secret)).catch(() => undefined);
        wipe(secret);
        stillOpen();
      }
    } catch (err) {
      // Never leave keys in memory behind a failed unlock.
      if (keys === k) dropKeys();
      else wipe(k.accountKey, k.authKey);
      throw err;
    }
    set("unlocked");
    onProgress?.(1, { stage: "done", indeterminate: false });
  }

  /** Argon2id in the worker, then HKDF; returns fresh passphrase keys for `salt`. */
  async function derive(passphrase: string, salt: Uint8Array, params: KdfParams, onProgress?: ProgressFn) {
    const root = await deriveRoot(passphrase, salt, params, onProgress);
    try {
      return splitRootSecret(root, salt);
    } finally {
      wipe(root);
      onProgress?.(0.9, { stage: "unwrapping", indeterminate: false });
    }
  }

  async function failAttempt(rec: VaultRecord, ErrorType: typeof WrongPassphraseError): Promise<never> {
    const failures = rec.failedUnlocks + 1;
    await store.updateVault({ failedUnlocks: failures, lastFailedAt: now() });
    throw new ErrorType(delayAfterFailures(failures));
  }

  function assertNotDelayed(rec: VaultRecord) {
    const wait = remainingDelay(rec.failedUnlocks, rec.lastFailedAt, now());
    if (wait > 0) throw new UnlockDelayedError(wait);
  }

  /** New salt, new KEK, new wrap of the same account key: documents are not touched. */
  async function rewrap(
    rec: VaultRecord,
    accountKey: Uint8Array,
    passphrase: string,
    onProgress?: ProgressFn,
  ) {
    const salt = randomBytes(SALT_BYTES);
    const { authKey, kek } = await derive(passphrase, salt, kdf, onProgress);
    const wrappedByPassphrase = wrapAccountKey(kek, accountKey, rec.accountId, "passphrase");
    wipe(kek);
    await store.updateVault({ salt, kdf, wrappedByPassphrase, failedUnlocks: 0, lastFailedAt: 0 });
    return authKey;
  }

  const vault: VaultControl = {
    ready: store.getVault().then(
      (rec) => {
        set(rec ? "locked" : "new");
        // Fetch and compile Automerge while the person types the passphrase.
        if (deps.prefetch !== false) void ensureAutomerge().catch(() => undefined);
      },
      () => set("new"),
    ),
    status: () => status,
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    estimateStrength: (p) => estimatePassphraseStrength(p),

    create: (passphrase, onProgress) =>
      serial(async () => {
        checkPassphrase(passphrase);
        if (await store.getVault()) throw new Error("This device already has a journal. Unlock it instead.");
        const accountId = randomId();
        const salt = randomBytes(SALT_BYTES);
        const { authKey, kek } = await derive(passphrase, salt, kdf, onProgress);
        const accountKey = generateAccountKey();
        const recoveryCode = generateRecoveryCode();
        const rk = recoveryWrappingKey(recoveryCode, accountId);
        const record: VaultRecord = {
          key: "vault",
          formatVersion: 1,
          accountId,
          salt,
          kdf,
          wrappedByPassphrase: wrapAccountKey(kek, accountKey, accountId, "passphrase"),
          wrappedByRecovery: wrapAccountKey(rk, accountKey, accountId, "recovery"),
          createdAt: now(),
          failedUnlocks: 0,
          lastFailedAt: 0,
        };
        wipe(kek, rk);
        await store.putVault(record);
        // Ask the browser not to evict the journal under storage pressure (best effort).
        void globalThis.navigator?.storage?.persist?.().catch(() => false);
        await openSession({ accountId, accountKey, authKey }, onProgress, recoveryCode);
        return { recoveryCode };
      }),

    unlock: (passphrase, onProgress) =>
      serial(async () => {
        if (status === "unlocked") return;
        const rec = await mustHaveVault();
        assertNotDelayed(rec);
        const { authKey, kek } = await derive(passphrase, rec.salt, rec.kdf, onProgress);
        let accountKey: Uint8Array;
        try {
          accountKey = unwrapAccountKey(kek, rec.wrappedByPassphrase, rec.accountId, "passphrase");
        } catch (err) {
          wipe(authKey);
          if (err instanceof DecryptError) return failAttempt(rec, WrongPassphraseError);
          throw err;
        } finally {
          wipe(kek);
        }
        if (rec.failedUnlocks) await store.updateVault({ failedUnlocks: 0, lastFailedAt: 0 });
        await openSession({ accountId: rec.accountId, accountKey, authKey }, onProgress);
      }),

    unlockWithRecoveryCode: (code, newPassphrase, onProgress) =>
      serial(async () => {
        const normalized = normalizeRecoveryCode(code); // format errors cost no attempt
        checkPassphrase(newPassphrase);
        const rec = await mustHaveVault();
        assertNotDelayed(rec);
        const rk = recoveryWrappingKey(normalized, rec.accountId);
        let accountKey: Uint8Array;
        try {
          accountKey = unwrapAccountKey(rk, rec.wrappedByRecovery, rec.accountId, "recovery");
        } catch (err) {
          if (err instanceof DecryptError) return failAttempt(rec, WrongRecoveryCodeError);
          throw err;
        } finally {
          wipe(rk);
        }
        dropKeys();
        const authKey = await rewrap(rec, accountKey, newPassphrase, onProgress);
        // Also seals the recovery login secret: journals older than recovery-by-relay gain it here.
        await openSession({ accountId: rec.accountId, accountKey, authKey }, onProgress, normalized);
      }),

    changePassphrase: (current, next, onProgress) =>
      serial(async () => {
        if (!keys) throw new Error("Unlock the journal before changing the passphrase.");
        checkPassphrase(next);
        const rec = await mustHaveVault();
        assertNotDelayed(rec);
        const { authKey, kek } = await derive(current, rec.salt, rec.kdf);
        wipe(authKey);
        try {
          wipe(unwrapAccountKey(kek, rec.wrappedByPassphrase, rec.accountId, "passphrase"));
        } catch (err) {
          if (err instanceof DecryptError) return failAttempt(rec, WrongPassphraseError);
          throw err;
        } finally {
          wipe(kek);
        }
        if (!keys) throw new LockedError();
        // A copy: lock() may wipe the live key while Argon2id runs; the wrap must never be of zeros.
        const session = keys;
        const accountKey = keys.accountKey.slice();
        const newAuthKey = await rewrap(rec, accountKey, next, onProgress).finally(() => wipe(accountKey));
        if (keys === session) {
          wipe(session.authKey);
          session.authKey = newAuthKey;
        } else wipe(newAuthKey);
        onProgress?.(1, { stage: "done", indeterminate: false });
        listeners.forEach((l) => l());
      }),

    lock() {
      if (status !== "unlocked") return;
      dropKeys();
      set("locked");
    },

    autoLockMinutes: () => autoLock,

    setAutoLockMinutes: (minutes) =>
      serial(async () => {
        if (!keys) throw new Error("Unlock the journal to change settings.");
        if (!Number.isInteger(minutes) || minutes < AUTO_LOCK_RANGE.min || minutes > AUTO_LOCK_RANGE.max)
          throw new Error(
            `Auto-lock takes a whole number of minutes from ${AUTO_LOCK_RANGE.min} to ${AUTO_LOCK_RANGE.max}.`,
          );
        await writeSetting(store, keys, "autoLockMinutes", minutes);
        autoLock = minutes;
        listeners.forEach((l) => l());
      }),

    async credentials() {
      if (!keys) return undefined;
      const rec = await mustHaveVault();
      const secret = await vault.readSecret(RECOVERY_LOGIN).catch(() => undefined);
      return {
        recoveryLoginSecret: typeof secret === "string" ? decodeBase64Url(secret) : undefined,
        accountId: rec.accountId,
        salt: rec.salt,
        kdf: rec.kdf,
        authKey: keys.authKey.slice(),
        wrappedByPassphrase: rec.wrappedByPassphrase,
        wrappedByRecovery: rec.wrappedByRecovery,
      };
    },

    async readSecret(name) {
      if (!keys) throw new LockedError();
      const data = await store.getSetting(`secret:${name}`);
      if (!keys) throw new LockedError();
      if (!data) return undefined;
      const k = deriveDocKey(keys.accountKey, keys.accountId, "settings");
      try {
        const text = fromUtf8(open(k, data, secretContext(keys.accountId, name)));
        return text === "" ? undefined : (JSON.parse(text) as unknown);
      } finally {
        wipe(k);
      }
    },

    async writeSecret(name, value) {
      if (!keys) throw new LockedError();
      const k = deriveDocKey(keys.accountKey, keys.accountId, "settings");
      const text = value === undefined ? "" : JSON.stringify(value);
      const sealed = seal(k, utf8(text), secretContext(keys.accountId, name));
      wipe(k);
      await store.putSetting(`secret:${name}`, sealed);
    },
  };
  return { vault, journal };
}
