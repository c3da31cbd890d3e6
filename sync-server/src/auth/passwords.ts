/**
 * The auth key's slow hash (scrypt from node:crypto, own random salt) and the fake salts
 * for unknown usernames. The relay never stores the auth key itself.
 */
import { createHmac, randomBytes, scrypt as scryptCb, timingSafeEqual } from "node:crypto";
import { SALT_BYTES } from "@ventwell/shared";

export interface ScryptParams {
  /** CPU/memory cost as log2(N): 15 → N = 32768 (32 MiB with r = 8). */
  logN: number;
  r: number;
  p: number;
}
export const DEFAULT_SCRYPT: ScryptParams = { logN: 15, r: 8, p: 1 };

function scrypt(secret: Uint8Array, salt: Uint8Array, { logN, r, p }: ScryptParams): Promise<Buffer> {
  const N = 2 ** logN;
  return new Promise((resolve, reject) =>
    scryptCb(secret, salt, 32, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** `scrypt$logN$r$p$salt$hash`: self-describing, so the cost can rise later. */
export async function hashAuthKey(
  authKey: Uint8Array,
  params: ScryptParams = DEFAULT_SCRYPT,
): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(authKey, salt, params);
  return [
    "scrypt",
    params.logN,
    params.r,
    params.p,
    salt.toString("base64url"),
    key.toString("base64url"),
  ].join("$");
}

export async function verifyAuthKey(authKey: Uint8Array, stored: string): Promise<boolean> {
  const [tag, logN, r, p, salt, hash] = stored.split("$");
  if (tag !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const actual = await scrypt(authKey, Buffer.from(salt, "base64url"), {
    logN: Number(logN),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Deterministic 16-byte salt for a username that has no account (HMAC with a relay secret). */
export function fakeSalt(key: Buffer, username: string): string {
  return createHmac("sha256", key)
    .update(`salt\0${username}`)
    .digest()
    .subarray(0, SALT_BYTES)
    .toString("base64url");
}
