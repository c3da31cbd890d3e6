/** The relay's HTTP app: middleware, /v1 route groups, metrics, OpenAPI, optional web app. */
import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { MAX_REQUEST_BYTES } from "@ventwell/shared";
import { type Deps, type RelayEnv, hookOptions } from "./context.js";
import { errorResponse, httpExceptionResponse } from "./errors.js";
import { requestLog, securityHeaders } from "./middleware.js";
import { authRoutes } from "./auth-routes.js";
import { syncRoutes } from "./sync-routes.js";
import { publicRoutes } from "./public-routes.js";
import { staticSite } from "./static.js";
import { isConnectionError } from "../store/unavailable.js";

export function createApp(deps: Deps, exercises: unknown[] = []) {
  const app = new OpenAPIHono<RelayEnv>(hookOptions);
  app.use("*", requestLog(deps.log, deps.metrics));
  app.use("*", securityHeaders());
  app.use(
    "/v1/*",
    bodyLimit({
      maxSize: MAX_REQUEST_BYTES,
      onError: (c) =>
        errorResponse(
          c,
          413,
          "payload_too_large",
          "the request body is larger than 8 MiB; send fewer chunks per push",
        ),
    }),
  );

  app.route("/v1", publicRoutes(deps, exercises));
  app.route("/v1", authRoutes(deps));
  app.route("/v1", syncRoutes(deps));

  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
  });
  app.doc("/v1/openapi.json", {
    openapi: "3.0.3",
    info: {
      title: "VentWell sync relay",
      version: "1.0.0",
      description:
        "Zero-knowledge relay: stores per-user logs of encrypted chunks. All binary fields are base64url without padding.",
    },
  });

  app.get("/metrics", async (c) => {
    const token = deps.config.metricsToken;
    if (token && c.req.header("authorization") !== `Bearer ${token}`)
      return errorResponse(c, 401, "unauthorized", "metrics need the operator's bearer token");
    return c.text(await deps.metrics.render(deps.store, deps.bus), 200, {
      "Content-Type": "text/plain; version=0.0.4; charset=utf-8",
      "Cache-Control": "no-store",
    });
  });

  if (deps.config.webDist) app.get("*", staticSite(deps.config.webDist));

  app.notFound((c) => {
    c.set("unmatched" as never, true as never);
    return errorResponse(c, 404, "not_found", "no such route");
  });
  app.onError((err, c) => {
    if (err instanceof HTTPException) return httpExceptionResponse(err, c);
    if (isConnectionError(err)) {
      // The database is down or restarting: say so, and when to come back; not a bug.
      deps.log?.({ level: "warn", msg: "database unavailable", route: c.req.routePath });
      return errorResponse(
        c,
        503,
        "unavailable",
        "the relay's database can't be reached right now; try again shortly",
        {
          "Retry-After": "5",
        },
      );
    }
    // A real bug. Log where, never what: no message (it may quote data), no body.
    const frames = (err instanceof Error && err.stack ? err.stack.split("\n").slice(1, 6) : []).map((l) =>
      l.trim(),
    );
    deps.log?.({
      level: "error",
      msg: "unhandled error",
      route: c.req.routePath,
      error: err instanceof Error ? err.name : typeof err,
      frames,
    });
    return errorResponse(c, 500, "internal", "something went wrong on the relay; please try again");
  });
  return app;
}
