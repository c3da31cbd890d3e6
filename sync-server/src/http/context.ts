/** What every route group gets: the store, the bus, settings, keys and observability. */
import { createHmac } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import type { RelayConfig, RateRule } from "../config.js";
import type { EventBus } from "../events/bus.js";
import type { Store } from "../store/types.js";
import type { RelayKeys } from "../auth/secrets.js";
import { verifyAccessToken } from "../auth/tokens.js";
import type { Metrics } from "./metrics.js";
import type { LogFn } from "./middleware.js";
import { errorResponse, validationError } from "./errors.js";

export interface Deps {
  store: Store;
  bus: EventBus;
  config: RelayConfig;
  keys: RelayKeys;
  metrics: Metrics;
  log: LogFn | null;
  /** A real scrypt hash of nothing, checked for unknown users so timing matches. */
  dummyHash: string;
  /** Aborted on shutdown: open event streams end. */
  shutdown: AbortSignal;
}

export type RelayEnv = { Variables: { userId: string; familyId: string; tokenExpiresAt: number } };

export const hookOptions = {
  defaultHook: (result: { success: boolean; error?: unknown }, c: Context) => {
    if (!result.success) return validationError(result.error as never, c);
  },
};

const UNAUTHORIZED = "sign in again: the access token is missing, invalid, expired or revoked";

/** Bearer access token (or `?token=` where EventSource cannot send headers), live session. */
export function requireAuth(
  deps: Deps,
  opts: { allowQueryToken?: boolean } = {},
): MiddlewareHandler<RelayEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization");
    let token = /^bearer\s+(\S+)\s*$/i.exec(header ?? "")?.[1];
    if (!token && opts.allowQueryToken) token = c.req.query("token") || undefined;
    const claims = token ? await verifyAccessToken(deps.keys.jwtKey, token) : null;
    if (!claims || !(await deps.store.isSessionActive(claims.userId, claims.familyId))) {
      return errorResponse(c, 401, "unauthorized", UNAUTHORIZED);
    }
    c.set("userId", claims.userId);
    c.set("familyId", claims.familyId);
    c.set("tokenExpiresAt", claims.expiresAt);
    await next();
  };
}

/**
 * Shared fixed-window limit (counted in the store, so every instance sees it). Keys are
 * HMACed: the store never holds a username or an address in the clear.
 */
export async function rateLimited(
  deps: Deps,
  c: Context,
  scope: string,
  subject: string,
  rule: RateRule,
): Promise<Response | null> {
  const now = Date.now();
  const key = `${scope}:${createHmac("sha256", deps.keys.fakeSaltKey).update(`${scope}\0${subject}`).digest("base64url")}`;
  const hit = await deps.store.hitRateLimit(key, rule.windowMs, now);
  if (hit.count <= rule.max) return null;
  deps.metrics.count("rate_limited", 1, scope);
  const retry = Math.max(1, Math.ceil((hit.resetAt - now) / 1000));
  return errorResponse(c, 429, "rate_limited", `too many attempts; try again in ${retry} seconds`, {
    "Retry-After": String(retry),
  });
}
