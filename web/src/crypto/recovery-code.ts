/**
 * Recovery code: 24 Crockford base32 characters (120 random bits), shown once as six
 * groups of four. High entropy, so HKDF (not a slow hash) derives its wrapping key.
 */
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { randomBytes, utf8 } from "./bytes";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const RECOVERY_CODE_CHARS = 24;

export class RecoveryCodeFormatError extends Error {
  constructor() {
    super("A recovery code has 24 letters and digits (groups of four). Check it and try again.");
    this.name = "RecoveryCodeFormatError";
  }
}

export function generateRecoveryCode(): string {
  const bytes = randomBytes(RECOVERY_CODE_CHARS); // one byte per char; 256 % 32 == 0 so no bias
  let s = "";
  for (const b of bytes) s += ALPHABET[b & 31];
  return formatRecoveryCode(s);
}

export const formatRecoveryCode = (s: string): string => s.match(/.{1,4}/g)!.join("-");

/** Accepts lower case, spaces, dashes and the usual look-alikes (O→0, I/L→1). */
export function normalizeRecoveryCode(input: string): string {
  const s = input
    .toUpperCase()
    .replace(/[\s-]+/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (s.length !== RECOVERY_CODE_CHARS || [...s].some((c) => !ALPHABET.includes(c)))
    throw new RecoveryCodeFormatError();
  return s;
}

/** Salted by the account id, which never changes, so a passphrase change keeps the code valid. */
export function recoveryWrappingKey(code: string, accountId: string): Uint8Array {
  return hkdf(
    sha256,
    utf8(normalizeRecoveryCode(code)),
    utf8(accountId),
    utf8("ventwell/v1/recovery-wrap"),
    32,
  );
}
