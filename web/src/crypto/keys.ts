/**
 * The key hierarchy below the passphrase: the random account key, its two wraps
 * (key-encryption key, recovery code) and the per-document keys derived from it.
 */
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { randomBytes, utf8 } from "./bytes";
import { open, seal, type EnvelopeContext } from "./envelope";

export const ACCOUNT_KEY_BYTES = 32;
export type WrapSlot = "passphrase" | "recovery";

export const generateAccountKey = (): Uint8Array => randomBytes(ACCOUNT_KEY_BYTES);

const wrapContext = (accountId: string, slot: WrapSlot): EnvelopeContext => ({
  accountId,
  docId: "vault",
  chunkId: `wrap:${slot}`,
  kind: "wrapped-key",
});

export function wrapAccountKey(
  wrappingKey: Uint8Array,
  accountKey: Uint8Array,
  accountId: string,
  slot: WrapSlot,
): Uint8Array {
  return seal(wrappingKey, accountKey, wrapContext(accountId, slot));
}

/** Throws DecryptError when the wrapping key is wrong (wrong passphrase or code). */
export function unwrapAccountKey(
  wrappingKey: Uint8Array,
  wrapped: Uint8Array,
  accountId: string,
  slot: WrapSlot,
): Uint8Array {
  const key = open(wrappingKey, wrapped, wrapContext(accountId, slot));
  if (key.length !== ACCOUNT_KEY_BYTES) throw new Error("The stored account key has the wrong size.");
  return key;
}

/** One key per document: a leaked document key exposes that document only. */
export function deriveDocKey(accountKey: Uint8Array, accountId: string, docId: string): Uint8Array {
  return hkdf(sha256, accountKey, utf8(accountId), utf8(`ventwell/v1/doc/${docId}`), 32);
}
