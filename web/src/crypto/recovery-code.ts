/**
 * Recovery code: 24 Crockford base32 characters (120 random bits), shown once as six
 * groups of four. High entropy, so HKDF (not a slow hash) derives its wrapping key and
 * its relay login key.
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

/**
 * Relay login by recovery code, for a new device that lost the passphrase as well:
 *
 *   code ─HKDF("recovery-login")→ login secret ─HKDF(username)→ recovery auth key
 *
 * 120 random bits need no Argon2id: a guess costs the same as guessing the code, and the
 * relay still stores only a slow hash (with its own salt) of the result. The login secret
 * is kept sealed on the device, so a later sign-up (when the code is no longer at hand)
 * can derive the key; it cannot unwrap the account key (other HKDF info than the wrap).
 */
export function recoveryLoginSecret(code: string): Uint8Array {
  return hkdf(
    sha256,
    utf8(normalizeRecoveryCode(code)),
    utf8("ventwell/v1/recovery"),
    utf8("ventwell/v1/recovery-login"),
    32,
  );
}

/**
 * Bound to the relay account's (lower-cased) username rather than the account id: a new
 * device knows only the username and the code until the relay answers with the wraps.
 * The code never changes, so neither does this key when the passphrase does.
 */
export function recoveryAuthKey(loginSecret: Uint8Array, username: string): Uint8Array {
  return hkdf(sha256, loginSecret, utf8(username.toLowerCase()), utf8("ventwell/v1/recovery-auth-key"), 32);
}
