/** The relay's public HTTP contract: schemas, types, limits, base64url and error shape. */
export * from "./base64url.js";
export * from "./errors.js";
export * from "./limits.js";
export * from "./schemas.js";
