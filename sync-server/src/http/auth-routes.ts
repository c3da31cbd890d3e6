/** /v1/auth/* and /v1/account: register, params, login, recover, refresh, logout, password, delete. */
import { randomUUID } from "node:crypto";
import { OpenAPIHono, createRoute } from "@hono/zod-openapi";
import {
  AuthParamsQuery,
  AuthParamsResponse,
  DeleteAccountRequest,
  LoginRequest,
  LoginResponse,
  LogoutRequest,
  PasswordChangeRequest,
  RecoverRequest,
  RecoverResponse,
  RefreshRequest,
  RegisterRequest,
  SessionTokens,
  decodeBase64Url,
  type KdfParams,
} from "@ventwell/shared";
import type { Context } from "hono";
import type { UserRecord } from "../store/types.js";
import { fakeSalt, hashAuthKey, verifyAuthKey } from "../auth/passwords.js";
import { hashRefreshToken, issueAccessToken, newRefreshToken, verifyAccessToken } from "../auth/tokens.js";
import { type Deps, type RelayEnv, hookOptions, rateLimited, requireAuth } from "./context.js";
import { errorResponse, errorResponses } from "./errors.js";
import { clientAddress } from "./middleware.js";

/** What unknown usernames get: the parameters a new account would most likely use. */
export const FAKE_KDF: KdfParams = { name: "argon2id", memoryKiB: 65536, iterations: 3, parallelism: 1 };
const WRONG_CREDENTIALS = "the username or passphrase is not right";
const WRONG_RECOVERY = "the username or recovery code is not right";
// Register already answers 409 for a taken name, so this says nothing new about who exists.
const NO_RECOVERY =
  "recovery by code was not set up for this account on this sync server (it was created before that existed); sign in with your passphrase, or use the recovery code on a device that still has your journal";
const json = <T>(schema: T) => ({ content: { "application/json": { schema } }, required: true as const });
const ok = <T>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});
const bearer = [{ bearerAuth: [] }];

const normalize = (username: string) => username.toLowerCase();

export function authRoutes(deps: Deps) {
  const app = new OpenAPIHono<RelayEnv>(hookOptions);
  const { store, config, keys } = deps;

  async function startSession(userId: string) {
    const familyId = randomUUID();
    const refresh = newRefreshToken();
    await store.createSession(userId, familyId, refresh.hash, Date.now());
    const accessToken = await issueAccessToken(keys.jwtKey, userId, familyId, config.accessTokenTtlSeconds);
    return { userId, accessToken, refreshToken: refresh.token };
  }

  /**
   * Login and recovery share one limit (an attacker can't double the guesses by
   * alternating) and one scrypt per attempt, unknown users included, so timing is alike.
   */
  async function signIn(
    c: Context<RelayEnv>,
    rawUsername: string,
    key: string,
    verifierOf: (u: UserRecord) => string | null,
    wrongMessage: string,
  ) {
    const username = normalize(rawUsername);
    const limited =
      (await rateLimited(
        deps,
        c,
        "login-addr",
        clientAddress(c, config.trustProxy),
        config.limits.loginPerAddress,
      )) ?? (await rateLimited(deps, c, "login-user", username, config.limits.loginPerUsername));
    if (limited) return limited;
    const user = await store.getUserByUsername(username);
    const verifier = user ? verifierOf(user) : deps.dummyHash;
    if (verifier === null) return errorResponse(c, 403, "recovery_not_set_up", NO_RECOVERY);
    const good = await verifyAuthKey(decodeBase64Url(key), verifier);
    if (!user || !good) return errorResponse(c, 401, "unauthorized", wrongMessage);
    const tokens = await startSession(user.id);
    return c.json({ ...tokens, wrappedKeys: user.wrappedKeys, kdf: user.kdf, salt: user.salt }, 200);
  }

  app.openapi(
    createRoute({
      method: "get",
      path: "/auth/params",
      summary: "Salt and KDF parameters for a username (a deterministic fake for unknown names)",
      request: { query: AuthParamsQuery },
      responses: { 200: ok(AuthParamsResponse, "Salt and KDF"), ...errorResponses(400) },
    }),
    async (c) => {
      const username = normalize(c.req.valid("query").username);
      const user = await store.getUserByUsername(username);
      // Same status and shape either way; the fake is stable so repeated asks agree.
      const body = user
        ? { salt: user.salt, kdf: user.kdf }
        : { salt: fakeSalt(keys.fakeSaltKey, username), kdf: FAKE_KDF };
      return c.json(body, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/auth/register",
      summary: "Create an account",
      request: { body: json(RegisterRequest) },
      responses: {
        201: ok(SessionTokens, "Account created; signed in"),
        ...errorResponses(400, 409, 413, 429),
      },
    }),
    async (c) => {
      const limited = await rateLimited(
        deps,
        c,
        "register-addr",
        clientAddress(c, config.trustProxy),
        config.limits.registerPerAddress,
      );
      if (limited) return limited as never;
      const body = c.req.valid("json");
      const authHash = await hashAuthKey(decodeBase64Url(body.authKey), config.scrypt);
      const recoveryHash = body.recoveryAuthKey
        ? await hashAuthKey(decodeBase64Url(body.recoveryAuthKey), config.scrypt)
        : null;
      const id = randomUUID();
      const created = await store.createUser(
        {
          id,
          username: normalize(body.username),
          salt: body.salt,
          kdf: body.kdf,
          authHash,
          wrappedKeys: body.wrappedKeys,
          recoveryHash,
        },
        Date.now(),
      );
      if (created === "taken")
        return errorResponse(c, 409, "conflict", "that username is taken; choose another") as never;
      return c.json(await startSession(id), 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/auth/login",
      summary: "Sign in with the auth key derived from the passphrase",
      request: { body: json(LoginRequest) },
      responses: { 200: ok(LoginResponse, "Signed in"), ...errorResponses(400, 401, 413, 429) },
    }),
    async (c) => {
      const body = c.req.valid("json");
      return (await signIn(c, body.username, body.authKey, (u) => u.authHash, WRONG_CREDENTIALS)) as never;
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/auth/recover",
      summary:
        "Sign in with the key derived from the recovery code (passphrase forgotten, no device left); then set a new passphrase with POST /v1/auth/password and currentRecoveryAuthKey",
      request: { body: json(RecoverRequest) },
      responses: { 200: ok(RecoverResponse, "Signed in"), ...errorResponses(400, 401, 403, 413, 429) },
    }),
    async (c) => {
      const body = c.req.valid("json");
      return (await signIn(
        c,
        body.username,
        body.recoveryAuthKey,
        (u) => u.recoveryHash,
        WRONG_RECOVERY,
      )) as never;
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/auth/refresh",
      summary: "Trade a refresh token for new tokens (single use; reuse ends the session)",
      request: { body: json(RefreshRequest) },
      responses: { 200: ok(SessionTokens, "New tokens"), ...errorResponses(400, 401) },
    }),
    async (c) => {
      const next = newRefreshToken();
      const r = await store.rotateRefreshToken(
        hashRefreshToken(c.req.valid("json").refreshToken),
        next.hash,
        Date.now(),
      );
      if (r.status === "reused") {
        deps.log?.({ level: "warn", msg: "refresh token reused; session revoked" });
        return errorResponse(
          c,
          401,
          "unauthorized",
          "this refresh token was already used, so the session was ended for safety; sign in again",
        ) as never;
      }
      if (r.status === "invalid")
        return errorResponse(
          c,
          401,
          "unauthorized",
          "the refresh token is not valid; sign in again",
        ) as never;
      const accessToken = await issueAccessToken(
        keys.jwtKey,
        r.userId,
        r.familyId,
        config.accessTokenTtlSeconds,
      );
      return c.json({ userId: r.userId, accessToken, refreshToken: next.token }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/auth/logout",
      summary: "End a session (by bearer token and/or refresh token)",
      security: bearer,
      request: { body: { content: { "application/json": { schema: LogoutRequest } } } },
      responses: { 204: { description: "Session ended" }, ...errorResponses(400, 401) },
    }),
    async (c) => {
      const header = c.req.header("authorization");
      const claims = header?.startsWith("Bearer ")
        ? await verifyAccessToken(keys.jwtKey, header.slice(7).trim())
        : null;
      const refresh = c.req.valid("json").refreshToken;
      const viaRefresh = refresh ? await store.findSessionByToken(hashRefreshToken(refresh)) : null;
      if (!claims && !viaRefresh)
        return errorResponse(
          c,
          401,
          "unauthorized",
          "send the access token or the refresh token of the session to end",
        ) as never;
      if (claims) await store.revokeSession(claims.familyId);
      if (viaRefresh) await store.revokeSession(viaRefresh.familyId);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/auth/password",
      summary: "Change the passphrase: new salt, KDF, auth key and wrapped keys at once; other sessions end",
      middleware: [requireAuth(deps)],
      security: bearer,
      request: { body: json(PasswordChangeRequest) },
      responses: { 204: { description: "Changed" }, ...errorResponses(400, 401, 429) },
    }),
    async (c) => {
      const userId = c.get("userId");
      const limited = await rateLimited(deps, c, "reauth", userId, config.limits.reauthPerUser);
      if (limited) return limited as never;
      const body = c.req.valid("json");
      const user = await store.getUserById(userId);
      // The current credential: the passphrase's auth key, or after /auth/recover the recovery key.
      const byRecovery = body.currentAuthKey === undefined;
      const current = body.currentAuthKey ?? body.currentRecoveryAuthKey!;
      const verifier = byRecovery ? user?.recoveryHash : user?.authHash;
      if (!user || !verifier || !(await verifyAuthKey(decodeBase64Url(current), verifier))) {
        const what = byRecovery ? "the recovery code" : "the current passphrase";
        return errorResponse(c, 401, "unauthorized", `${what} is not right`) as never;
      }
      const authHash = await hashAuthKey(decodeBase64Url(body.authKey), config.scrypt);
      // Absent: the relay keeps the recovery credential it has (the recovery code does not change).
      const recoveryHash = body.recoveryAuthKey
        ? await hashAuthKey(decodeBase64Url(body.recoveryAuthKey), config.scrypt)
        : undefined;
      await store.changeCredentials(
        userId,
        { salt: body.salt, kdf: body.kdf, authHash, wrappedKeys: body.wrappedKeys, recoveryHash },
        c.get("familyId"),
      );
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/account",
      summary: "Delete the account: user, chunks, tokens and salt are gone",
      middleware: [requireAuth(deps)],
      security: bearer,
      request: { body: json(DeleteAccountRequest) },
      responses: { 204: { description: "Deleted" }, ...errorResponses(400, 401, 429) },
    }),
    async (c) => {
      const userId = c.get("userId");
      const limited = await rateLimited(deps, c, "reauth", userId, config.limits.reauthPerUser);
      if (limited) return limited as never;
      const user = await store.getUserById(userId);
      if (!user || !(await verifyAuthKey(decodeBase64Url(c.req.valid("json").authKey), user.authHash))) {
        return errorResponse(c, 401, "unauthorized", "the passphrase is not right") as never;
      }
      await store.deleteUser(userId);
      return c.body(null, 204);
    },
  );

  return app;
}
