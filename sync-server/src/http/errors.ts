/** Every error the relay sends: `{ error: { code, message } }`, never echoing input. */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { type ErrorCode, apiError, ErrorBody } from "@ventwell/shared";
import type { ZodError } from "zod";

export function errorResponse(
  c: Context,
  status: ContentfulStatusCode,
  code: ErrorCode,
  message: string,
  headers?: Record<string, string>,
) {
  return c.json(apiError(code, message), status, headers);
}

/** OpenAPI response entries for the listed error statuses. */
const DESCRIPTIONS: Record<number, string> = {
  400: "Malformed JSON or wrong types",
  401: "Missing, invalid, expired or revoked credentials",
  403: "Not possible for this account (e.g. recovery by code was never set up)",
  409: "Username taken",
  413: "Chunk, request, batch or quota limit",
  429: "Too many attempts; see Retry-After",
};
export function errorResponses(...statuses: (400 | 401 | 403 | 409 | 413 | 429)[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: DESCRIPTIONS[s]!, content: { "application/json": { schema: ErrorBody } } },
    ]),
  ) as Record<
    (typeof statuses)[number],
    { description: string; content: { "application/json": { schema: typeof ErrorBody } } }
  >;
}

/** Validation failures: limits on push size are 413, everything else 400. */
export function validationError(error: ZodError, c: Context) {
  const issue = error.issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  if (error.issues.some((i) => i.code === "too_big" && i.path[0] === "chunks")) {
    const big = error.issues.find((i) => i.code === "too_big" && i.path[0] === "chunks")!;
    return errorResponse(c, 413, "payload_too_large", `${big.path.join(".")}: ${big.message}`);
  }
  return errorResponse(c, 400, "bad_request", `${where}${issue?.message ?? "invalid request"}`);
}

/** Hono's own exceptions (malformed JSON, body limit, media type) in our shape. */
export function httpExceptionResponse(err: HTTPException, c: Context) {
  switch (err.status) {
    case 400:
      return errorResponse(
        c,
        400,
        "bad_request",
        err.message.includes("JSON") ? "the request body is not valid JSON" : "bad request",
      );
    case 413:
      return errorResponse(
        c,
        413,
        "payload_too_large",
        "the request body is larger than the relay accepts (8 MiB)",
      );
    case 415:
      return errorResponse(
        c,
        415,
        "bad_request",
        "send the body as JSON with Content-Type: application/json",
      );
    default:
      return errorResponse(
        c,
        err.status as ContentfulStatusCode,
        err.status === 401 ? "unauthorized" : "bad_request",
        err.message || "request refused",
      );
  }
}
