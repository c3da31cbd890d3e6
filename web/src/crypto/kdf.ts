/**
 * Passphrase → root secret (Argon2id) → auth key + key-encryption key (HKDF-SHA-256).
 *
 * @remarks The slow step itself is in argon2.ts (hash-wasm), loaded only by the KDF worker,
 * so the main bundle does not carry it.
 */
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { utf8 } from "./bytes";

export interface KdfParams {
  name: "argon2id";
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

/** 64 MiB, t=3, p=1: the design's floor; hash-wasm runs single-threaded anyway. */
export const DEFAULT_KDF: KdfParams = {
  name: "argon2id",
  memoryKiB: 64 * 1024,
  iterations: 3,
  parallelism: 1,
};
export const SALT_BYTES = 16;
export const ROOT_BYTES = 32;

/** Refuse parameters below the floor so a tampered vault record cannot weaken the KDF. */
export function checkKdfParams(p: KdfParams, allowWeak = false): void {
  const ok =
    p.name === "argon2id" &&
    Number.isInteger(p.memoryKiB) &&
    Number.isInteger(p.iterations) &&
    Number.isInteger(p.parallelism) &&
    p.parallelism >= 1 &&
    p.memoryKiB <= 4 * 1024 * 1024 &&
    (allowWeak
      ? p.memoryKiB >= 8 * p.parallelism && p.iterations >= 1
      : p.memoryKiB >= 64 * 1024 && p.iterations >= 3);
  if (!ok) throw new Error("The key-derivation settings are not supported.");
}

/** Unicode-normalise so the same passphrase typed on another device derives the same key. */
export const normalizePassphrase = (p: string): string => p.normalize("NFKC");

export interface PassphraseKeys {
  /** Login credential for the relay (sync issue); never decrypts anything. */
  authKey: Uint8Array;
  /** Wraps the account key; never leaves the device. */
  kek: Uint8Array;
}

/** Domain-separated HKDF so the relay's auth key says nothing about the KEK. */
export function splitRootSecret(root: Uint8Array, salt: Uint8Array): PassphraseKeys {
  return {
    authKey: hkdf(sha256, root, salt, utf8("ventwell/v1/auth-key"), 32),
    kek: hkdf(sha256, root, salt, utf8("ventwell/v1/key-encryption-key"), 32),
  };
}
