/**
 * Typed client for the relay's public HTTP contract (shared/src/api). Errors are values
 * carrying the relay's own message; tokens live in memory only (the caller decides what
 * to persist, and persists it encrypted).
 *
 * @remarks Refresh tokens rotate and reusing an old one ends the session, so refreshes
 * are single-flight: concurrent 401s wait for one refresh instead of racing.
 */
import type { z } from "zod";
import {
  AuthParamsResponse,
  LoginResponse,
  PullResponse,
  PushResponse,
  SessionTokens,
  isApiError,
  type ErrorCode,
  type LoginRequest,
  type PasswordChangeRequest,
  type PushChunk,
  type RecoverRequest,
  type RegisterRequest,
} from "@ventwell/shared";

export type RelayErrorCode = ErrorCode | "network" | "bad_response";

export interface RelayError {
  /** HTTP status; 0 when the relay could not be reached. */
  status: number;
  code: RelayErrorCode;
  message: string;
  retryAfterMs?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: RelayError };

export interface Tokens {
  userId: string;
  accessToken?: string;
  refreshToken: string;
}

export interface RelayClientOptions {
  /** Origin of the relay; "" = same origin as the app. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Told whenever the refresh token rotates (to persist it encrypted) or the session ends. */
  onTokens?: (tokens: Tokens | undefined) => void;
}

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = <T>(error: RelayError): Result<T> => ({ ok: false, error });

export function createRelayClient(opts: RelayClientOptions = {}) {
  const base = (opts.baseUrl ?? "").replace(/\/$/, "");
  const doFetch = opts.fetch ?? ((...a: Parameters<typeof fetch>) => globalThis.fetch(...a));
  let tokens: Tokens | undefined;
  let refreshing: Promise<Result<Tokens>> | undefined;

  async function call<T>(
    method: string,
    path: string,
    body: unknown,
    schema: z.ZodType<T> | null,
    accessToken?: string,
  ): Promise<Result<T>> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers["content-type"] = "application/json";
    if (accessToken) headers.authorization = `Bearer ${accessToken}`;
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: "no-store",
      });
    } catch {
      return fail({
        status: 0,
        code: "network",
        message: "The sync server can't be reached. You may be offline.",
      });
    }
    const text = await res.text().catch(() => "");
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      /* handled below */
    }
    if (!res.ok) {
      const retry = Number(res.headers.get("retry-after"));
      const error: RelayError = isApiError(json)
        ? { status: res.status, code: json.error.code, message: json.error.message }
        : {
            status: res.status,
            code: res.status >= 500 ? "internal" : "bad_response",
            message: `The sync server answered ${res.status}.`,
          };
      if (Number.isFinite(retry) && retry > 0) error.retryAfterMs = retry * 1000;
      return fail(error);
    }
    if (!schema) return ok(undefined as T);
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      return fail({
        status: res.status,
        code: "bad_response",
        message: "The sync server sent a reply this app doesn't understand.",
      });
    return ok(parsed.data);
  }

  /** Trade the refresh token for new tokens; one at a time. */
  function refresh(): Promise<Result<Tokens>> {
    if (refreshing) return refreshing;
    const current = tokens;
    if (!current)
      return Promise.resolve(fail({ status: 401, code: "unauthorized", message: "Not signed in to sync." }));
    refreshing = (async () => {
      const r = await call("POST", "/v1/auth/refresh", { refreshToken: current.refreshToken }, SessionTokens);
      if (tokens !== current)
        return fail<Tokens>({ status: 401, code: "unauthorized", message: "Signed out." });
      if (r.ok) {
        tokens = { ...r.value };
        opts.onTokens?.(tokens);
        return ok(tokens);
      }
      if (r.error.status === 401) {
        tokens = undefined;
        opts.onTokens?.(undefined);
      }
      return fail<Tokens>(r.error);
    })().finally(() => (refreshing = undefined));
    return refreshing;
  }

  /** A call with the access token; one refresh and retry on 401. */
  async function authed<T>(
    method: string,
    path: string,
    body: unknown,
    schema: z.ZodType<T> | null,
  ): Promise<Result<T>> {
    if (!tokens) return fail({ status: 401, code: "unauthorized", message: "Not signed in to sync." });
    if (!tokens.accessToken) {
      const r = await refresh();
      if (!r.ok) return fail(r.error);
    }
    const sent = tokens?.accessToken;
    const first = await call(method, path, body, schema, sent);
    if (first.ok || first.error.status !== 401) return first;
    // Someone else may have refreshed while this call was in flight.
    if (tokens?.accessToken === sent) {
      const r = await refresh();
      if (!r.ok) return fail(r.error);
    }
    if (!tokens?.accessToken) return first;
    return call(method, path, body, schema, tokens.accessToken);
  }

  function startSession(t: { userId: string; accessToken: string; refreshToken: string }) {
    tokens = { userId: t.userId, accessToken: t.accessToken, refreshToken: t.refreshToken };
    opts.onTokens?.(tokens);
  }

  return {
    /** Resume a stored session (refresh token only; an access token is fetched on first use). */
    setTokens(t: Tokens | undefined) {
      tokens = t ? { ...t } : undefined;
    },
    tokens: () => tokens,
    refresh,
    health: () => call("GET", "/v1/health", undefined, null),
    params: (username: string) =>
      call("GET", `/v1/auth/params?username=${encodeURIComponent(username)}`, undefined, AuthParamsResponse),
    async register(req: RegisterRequest) {
      const r = await call("POST", "/v1/auth/register", req, SessionTokens);
      if (r.ok) startSession(r.value);
      return r;
    },
    async login(req: LoginRequest) {
      const r = await call("POST", "/v1/auth/login", req, LoginResponse);
      if (r.ok) startSession(r.value);
      return r;
    },
    /** Sign in with the recovery code's login key (passphrase forgotten); same answer as login. */
    async recover(req: RecoverRequest) {
      const r = await call("POST", "/v1/auth/recover", req, LoginResponse);
      if (r.ok) startSession(r.value);
      return r;
    },
    /** Ends the session on the relay (best effort) and forgets the tokens here. */
    async logout(): Promise<Result<void>> {
      const t = tokens;
      tokens = undefined;
      opts.onTokens?.(undefined);
      if (!t) return ok(undefined);
      return call("POST", "/v1/auth/logout", { refreshToken: t.refreshToken }, null, t.accessToken);
    },
    changePassword: (req: PasswordChangeRequest) => authed<void>("POST", "/v1/auth/password", req, null),
    async deleteAccount(authKey: string): Promise<Result<void>> {
      const r = await authed<void>("DELETE", "/v1/account", { authKey }, null);
      if (r.ok) {
        tokens = undefined;
        opts.onTokens?.(undefined);
      }
      return r;
    },
    push: (chunks: PushChunk[]) => authed("POST", "/v1/sync/push", { chunks }, PushResponse),
    pull: (since: number, limit = 500) =>
      authed("GET", `/v1/sync/pull?since=${since}&limit=${limit}`, undefined, PullResponse),
    /** URL for EventSource (which cannot send headers); undefined without an access token. */
    eventsUrl: () =>
      tokens?.accessToken
        ? `${base}/v1/sync/events?token=${encodeURIComponent(tokens.accessToken)}`
        : undefined,
  };
}

export type RelayClient = ReturnType<typeof createRelayClient>;
