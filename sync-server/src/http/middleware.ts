/** Cross-cutting pieces: request log + metrics, security headers, client address. */
import type { Context, MiddlewareHandler } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Metrics } from "./metrics.js";

export type LogFn = (line: Record<string, unknown>) => void;

export const jsonLogger: LogFn = (line) =>
  process.stdout.write(JSON.stringify({ time: new Date().toISOString(), ...line }) + "\n");

/**
 * One line per request: method, route pattern, status, ms. Never the path's query, body,
 * headers, tokens or usernames — the route pattern carries no personal data.
 */
export function requestLog(log: LogFn | null, metrics: Metrics): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now();
    await next();
    const ms = performance.now() - start;
    const route = c.get("unmatched" as never) ? "(unmatched)" : c.req.routePath;
    metrics.observeRequest(c.req.method, route, c.res.status, ms / 1000);
    log?.({
      level: "info",
      msg: "request",
      method: c.req.method,
      route,
      status: c.res.status,
      ms: Math.round(ms * 10) / 10,
    });
  };
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    h.set("Referrer-Policy", "no-referrer");
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    h.set("X-Frame-Options", "DENY");
    const proto =
      c.req.header("x-forwarded-proto")?.split(",")[0]?.trim() ??
      new URL(c.req.url).protocol.replace(":", "");
    if (proto === "https") h.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  };
}

/** The client's address, for per-address rate limits. */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const fwd = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (fwd) return fwd;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // app.request() in tests has no socket
  }
}
