// `pnpm start`: build the web app, then serve it from the relay on one port (embedded SQLite).
import { run, root, has } from "./lib.mjs";
import path from "node:path";

const skipBuild = process.argv.includes("--no-build");
if (!skipBuild) {
  const code = await run("pnpm", ["--filter", "@ventwell/web", "build"]);
  if (code !== 0) process.exit(code);
}
const env = {
  ...process.env,
  PORT: process.env.PORT ?? "8787",
  VENTWELL_WEB_DIST: path.join(root, "web/dist"),
  VENTWELL_DATA_DIR: process.env.VENTWELL_DATA_DIR ?? path.join(root, ".ventwell-data"),
};
const entry = has("sync-server/src/cli.ts")
  ? ["exec", "tsx", "sync-server/src/cli.ts"]
  : ["exec", "node", "scripts/static-server.mjs"];
process.exit(await run("pnpm", entry, { env }));
