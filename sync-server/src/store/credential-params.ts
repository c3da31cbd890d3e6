/** One order for a credential change's SQL parameters, shared by both adapters. */
import type { CredentialChange } from "./types.js";

/**
 * salt, kdf (JSON), auth hash, the two wraps, recovery hash (null = keep the stored one:
 * the SQL uses COALESCE, so a passphrase change keeps the recovery code valid).
 */
export const credentialParams = (c: CredentialChange) => [
  c.salt,
  JSON.stringify(c.kdf),
  c.authHash,
  c.wrappedKeys.password,
  c.wrappedKeys.recovery,
  c.recoveryHash ?? null,
];
