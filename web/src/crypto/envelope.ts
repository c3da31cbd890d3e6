/**
 * Envelope: `version (1) | nonce (24) | XChaCha20-Poly1305 ciphertext+tag`.
 * The associated data binds account, document, chunk and kind, so a blob moved to another
 * place, relabelled or replayed as a different chunk fails to open.
 */
import { xchacha20poly1305 } from "@noble/ciphers/chacha.js";
import { concatBytes, randomBytes, utf8 } from "./bytes";

export const ENVELOPE_VERSION = 1;
export const NONCE_BYTES = 24;
export const TAG_BYTES = 16;
export const ENVELOPE_OVERHEAD = 1 + NONCE_BYTES + TAG_BYTES;

/** Every kind of sealed value the app stores; sync sends the first three. */
export type EnvelopeKind = "incremental" | "snapshot" | "tombstone" | "settings" | "wrapped-key";

export interface EnvelopeContext {
  accountId: string;
  docId: string;
  chunkId: string;
  kind: EnvelopeKind;
}

export class DecryptError extends Error {
  constructor(
    message = "This data could not be decrypted: it was changed, or it belongs to a different key.",
  ) {
    super(message);
    this.name = "DecryptError";
  }
}

/** Length-prefixed fields, so ("ab","c") and ("a","bc") never encode the same. */
export function associatedData(version: number, ctx: EnvelopeContext): Uint8Array {
  const fields = [ctx.accountId, ctx.docId, ctx.chunkId, ctx.kind].map(utf8);
  const parts: Uint8Array[] = [utf8("ventwell-envelope"), Uint8Array.of(version)];
  for (const f of fields) {
    if (f.length > 0xffff) throw new Error("An envelope field is too long.");
    parts.push(Uint8Array.of(f.length >> 8, f.length & 0xff), f);
  }
  return concatBytes(...parts);
}

export function seal(key: Uint8Array, plaintext: Uint8Array, ctx: EnvelopeContext): Uint8Array {
  if (key.length !== 32) throw new Error("An encryption key must be 32 bytes.");
  const nonce = randomBytes(NONCE_BYTES);
  const ct = xchacha20poly1305(key, nonce, associatedData(ENVELOPE_VERSION, ctx)).encrypt(plaintext);
  return concatBytes(Uint8Array.of(ENVELOPE_VERSION), nonce, ct);
}

export function open(key: Uint8Array, envelope: Uint8Array, ctx: EnvelopeContext): Uint8Array {
  if (key.length !== 32) throw new Error("An encryption key must be 32 bytes.");
  if (envelope.length < ENVELOPE_OVERHEAD)
    throw new DecryptError("This data is too short to be an envelope.");
  const version = envelope[0]!;
  if (version !== ENVELOPE_VERSION)
    throw new DecryptError(`This data uses an unknown envelope version (${version}).`);
  const nonce = envelope.subarray(1, 1 + NONCE_BYTES);
  try {
    return xchacha20poly1305(key, nonce, associatedData(version, ctx)).decrypt(
      envelope.subarray(1 + NONCE_BYTES),
    );
  } catch {
    throw new DecryptError();
  }
}
