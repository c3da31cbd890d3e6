/** Access tokens (short-lived JWT, HS256 pinned) and opaque single-use refresh tokens. */
import { createHash, randomBytes } from "node:crypto";
import { sign, verify } from "hono/jwt";

const ISSUER = "ventwell-relay";

export async function issueAccessToken(
  key: string,
  userId: string,
  familyId: string,
  ttlSeconds: number,
  nowMs = Date.now(),
): Promise<string> {
  const iat = Math.floor(nowMs / 1000);
  return sign(
    { iss: ISSUER, typ: "access", sub: userId, sid: familyId, iat, exp: iat + ttlSeconds },
    key,
    "HS256",
  );
}

/** The token's user and session, or null for anything forged, expired, re-algorithmed or malformed. */
export async function verifyAccessToken(
  key: string,
  token: string,
): Promise<{ userId: string; familyId: string; expiresAt: number } | null> {
  try {
    const p = await verify(token, key, { alg: "HS256", iss: ISSUER });
    if (
      p.typ !== "access" ||
      typeof p.sub !== "string" ||
      typeof p.sid !== "string" ||
      typeof p.exp !== "number"
    )
      return null;
    return { userId: p.sub, familyId: p.sid, expiresAt: p.exp * 1000 };
  } catch {
    return null;
  }
}

/** A fresh refresh token and the hash the store keeps (a stolen database cannot replay it). */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}
