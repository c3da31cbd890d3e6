/**
 * Errors that mean "the database can't be reached right now" (server down, restarting,
 * connection lost): the relay answers 503 + Retry-After for these, not a 500, and a
 * broken PostgreSQL connection is dropped rather than reused.
 */
const NODE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
]);
// SQLSTATE: 08xxx connection exception, 57P01–57P03 shutdown / starting up, 53300 too many connections.
const SQLSTATE = /^(08...|57P0[123]|53300)$/;
const MESSAGES =
  /Connection terminated|connection error|Connection ended|timeout exceeded when trying to connect|ECONNREFUSED/i;

export function isConnectionError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === "string" && (NODE_CODES.has(code) || SQLSTATE.test(code))) return true;
  if (e instanceof AggregateError && e.errors.some(isConnectionError)) return true;
  return MESSAGES.test(e.message);
}
