/**
 * The relay's error shape: `{ error: { code, message } }` with a 4xx (or, for real bugs,
 * 500) status. `message` is written for the person reading it and never echoes input.
 */
export const ERROR_CODES = [
  "bad_request", // malformed JSON, wrong types, bad query
  "unauthorized", // missing, invalid, expired or revoked token; wrong credentials
  "not_found", // unknown route
  "conflict", // username taken
  "recovery_not_set_up", // 403: recovery by code was not set up for this account
  "payload_too_large", // chunk, request, batch or quota limit
  "rate_limited", // too many attempts; see Retry-After
  "unavailable", // 503: the relay's database can't be reached right now; see Retry-After
  "internal", // a bug in the relay; nothing about the request is logged
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  error: { code: ErrorCode; message: string };
}

export function apiError(code: ErrorCode, message: string): ApiError {
  return { error: { code, message } };
}

export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const e = (value as { error: unknown }).error;
  return (
    typeof e === "object" &&
    e !== null &&
    typeof (e as { code?: unknown }).code === "string" &&
    typeof (e as { message?: unknown }).message === "string"
  );
}
