/**
 * `pnpm relay` / `pnpm start`: runs the relay until SIGTERM/SIGINT, then shuts down
 * gracefully. Settings come from the environment (README.md).
 */
import { configFromEnv } from "./config.js";
import { startRelay } from "./server.js";

async function main() {
  let config;
  try {
    config = configFromEnv();
  } catch (e) {
    console.error(`relay: ${(e as Error).message}`);
    process.exit(2);
  }
  if (config.databaseUrl && !config.jwtSecret) {
    console.error(
      "relay: note: with several instances on one database, give them all the same VENTWELL_JWT_SECRET (or one shared data directory).",
    );
  }
  const relay = await startRelay(config);
  console.error(
    `relay: listening on ${relay.url} (${relay.store.kind}${config.webDist ? ", serving the web app" : ""})`,
  );
  const stop = (signal: string) => {
    console.error(`relay: ${signal}, shutting down`);
    relay.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
}

main().catch((e) => {
  console.error(`relay: failed to start: ${(e as Error).message}`);
  process.exit(1);
});
