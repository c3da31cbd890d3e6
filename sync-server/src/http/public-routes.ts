/** Public, non-personal routes: health, exercise catalogue, anonymous crisis counts, metrics. */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { OpenAPIHono, createRoute } from "@hono/zod-openapi";
import { CrisisEventRequest, ExercisesResponse, HealthResponse } from "@ventwell/shared";
import { type Deps, type RelayEnv, hookOptions, rateLimited } from "./context.js";
import { errorResponse, errorResponses } from "./errors.js";
import { clientAddress } from "./middleware.js";

const EXERCISES_FILE = fileURLToPath(new URL("../../../shared/src/exercises.json", import.meta.url));
const HOUR = 3_600_000;

/**
 * The catalogue from shared/src/exercises.json (`[...]` or `{ exercises: [...] }`); empty
 * when missing. A broken file is reported, not fatal: sync must not depend on it.
 */
export function loadExercises(file = EXERCISES_FILE): { exercises: unknown[]; problem?: string } {
  if (!existsSync(file)) return { exercises: [] };
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (Array.isArray(parsed)) return { exercises: parsed };
    const list = (parsed as { exercises?: unknown } | null)?.exercises;
    if (Array.isArray(list)) return { exercises: list };
    return { exercises: [], problem: "exercises.json has no exercises array; serving none" };
  } catch {
    return { exercises: [], problem: "exercises.json is not valid JSON; serving none" };
  }
}

export function publicRoutes(deps: Deps, exercises: unknown[]) {
  const app = new OpenAPIHono<RelayEnv>(hookOptions);

  app.openapi(
    createRoute({
      method: "get",
      path: "/health",
      summary: "Liveness",
      responses: { 200: { content: { "application/json": { schema: HealthResponse } }, description: "Up" } },
    }),
    (c) => c.json({ ok: true as const }, 200),
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/exercises",
      summary: "The exercise catalogue (public, not personal)",
      responses: {
        200: { content: { "application/json": { schema: ExercisesResponse } }, description: "Catalogue" },
      },
    }),
    (c) => c.json({ exercises }, 200, { "Cache-Control": "public, max-age=3600" }),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/events/crisis",
      summary: "Opt-in anonymous crisis event: no token, no user id, hour rounded down",
      request: { body: { content: { "application/json": { schema: CrisisEventRequest } }, required: true } },
      responses: { 202: { description: "Counted" }, ...errorResponses(400, 413, 429) },
    }),
    async (c) => {
      const limited = await rateLimited(
        deps,
        c,
        "crisis-addr",
        clientAddress(c, deps.config.trustProxy),
        deps.config.limits.crisisPerAddress,
      );
      if (limited) return limited as never;
      const { modelVersion, hour } = c.req.valid("json");
      const at = Date.parse(hour);
      if (!Number.isFinite(at) || Math.abs(at - Date.now()) > 48 * HOUR) {
        return errorResponse(c, 400, "bad_request", "hour must be within two days of now") as never;
      }
      await deps.store.recordCrisisEvent(modelVersion, Math.floor(at / HOUR) * HOUR);
      deps.metrics.count("crisis_events_accepted");
      return c.body(null, 202);
    },
  );

  return app;
}
