/**
 * The relay's one secret: generated on first start and kept in the data directory
 * (mode 600), unless VENTWELL_JWT_SECRET gives it. Every key derives from it, so several
 * instances that share it sign the same tokens and hand out the same fake salts.
 */
import { createHmac, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface RelayKeys {
  /** HS256 key for access tokens. */
  jwtKey: string;
  /** HMAC key for the deterministic fake salts of unknown usernames. */
  fakeSaltKey: Buffer;
}

export const SECRET_FILE = "relay-secret";

function readOrCreateSecret(dataDir: string): Buffer {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, SECRET_FILE);
  try {
    // `wx`: only one of several instances starting together writes it; the rest read it.
    writeFileSync(file, randomBytes(32).toString("base64url") + "\n", { flag: "wx", mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
  const text = readFileSync(file, "utf8").trim();
  const secret = Buffer.from(text, "base64url");
  if (secret.length < 32) throw new Error(`${file} is damaged: expected 32 random bytes as base64url`);
  return secret;
}

export function loadKeys(opts: { dataDir: string; envSecret?: string }): RelayKeys {
  let master: Buffer;
  if (opts.envSecret !== undefined) {
    if (opts.envSecret.length < 32) throw new Error("VENTWELL_JWT_SECRET must be at least 32 characters");
    master = Buffer.from(opts.envSecret, "utf8");
  } else {
    master = readOrCreateSecret(opts.dataDir);
  }
  const derive = (label: string) => createHmac("sha256", master).update(`ventwell-relay/${label}`).digest();
  return { jwtKey: derive("jwt-hs256").toString("base64url"), fakeSaltKey: derive("fake-salt") };
}
