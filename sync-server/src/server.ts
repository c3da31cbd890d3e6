/** Starts a relay: store, event bus, keys, app, HTTP server — and stops it cleanly. */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { RelayConfig } from "./config.js";
import { openStore } from "./store/index.js";
import type { Store } from "./store/types.js";
import { type EventBus, createMemoryBus, createPostgresBus } from "./events/bus.js";
import { loadKeys } from "./auth/secrets.js";
import { hashAuthKey } from "./auth/passwords.js";
import { createApp } from "./http/app.js";
import { createMetrics } from "./http/metrics.js";
import { type LogFn, jsonLogger } from "./http/middleware.js";
import { loadExercises } from "./http/public-routes.js";
import type { Deps } from "./http/context.js";

export interface Relay {
  url: string;
  port: number;
  store: Store;
  close(): Promise<void>;
}

/** Everything but the listening socket: for app.request() tests and for startRelay. */
export async function createRelayDeps(
  config: RelayConfig,
  opts: { log?: LogFn | null; store?: Store; bus?: EventBus; schema?: string } = {},
) {
  const log = opts.log === undefined ? (config.log ? jsonLogger : null) : opts.log;
  const keys = loadKeys({ dataDir: config.dataDir, envSecret: config.jwtSecret });
  const store =
    opts.store ??
    (await openStore({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      schema: opts.schema ?? config.pgSchema,
    }));
  const bus =
    opts.bus ??
    (config.databaseUrl
      ? await createPostgresBus(config.databaseUrl, (what) => log?.({ level: "warn", msg: what }))
      : createMemoryBus());
  const controller = new AbortController();
  const deps: Deps = {
    store,
    bus,
    config,
    keys,
    metrics: createMetrics(),
    log,
    dummyHash: await hashAuthKey(new Uint8Array(32), config.scrypt),
    shutdown: controller.signal,
  };
  const exercises = loadExercises();
  if (exercises.problem) log?.({ level: "warn", msg: exercises.problem });
  const prune = setInterval(() => void store.pruneRateLimits(Date.now()).catch(() => {}), 10 * 60_000);
  prune.unref();
  return {
    deps,
    app: createApp(deps, exercises.exercises),
    /** Ends open event streams (they hold connections open). */
    stopStreams() {
      controller.abort();
    },
    async close() {
      clearInterval(prune);
      controller.abort();
      await bus.close();
      await store.close();
    },
  };
}

export async function startRelay(
  config: RelayConfig,
  opts: { log?: LogFn | null; schema?: string } = {},
): Promise<Relay> {
  const relay = await createRelayDeps(config, opts);
  const server = serve({ fetch: relay.app.fetch, port: config.port, hostname: config.host });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const port = (server.address() as AddressInfo).port;
  relay.deps.log?.({
    level: "info",
    msg: "relay listening",
    host: config.host,
    port,
    store: relay.deps.store.kind,
    web: Boolean(config.webDist),
  });
  let closing: Promise<void> | null = null;
  return {
    url: `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`,
    port,
    store: relay.deps.store,
    close() {
      closing ??= (async () => {
        // Stop accepting, end event streams, let in-flight requests finish, then close storage.
        relay.deps.log?.({ level: "info", msg: "relay stopping" });
        const http = server as unknown as {
          closeIdleConnections?: () => void;
          closeAllConnections?: () => void;
        };
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        relay.stopStreams();
        // Connections turn idle as their last response (or event stream) ends: close them then.
        const sweep = setInterval(() => http.closeIdleConnections?.(), 50);
        const force = setTimeout(() => http.closeAllConnections?.(), 5000);
        await stopped;
        clearInterval(sweep);
        clearTimeout(force);
        await relay.close();
      })();
      return closing;
    },
  };
}
