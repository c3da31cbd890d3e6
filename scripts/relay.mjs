// `pnpm relay`: the sync relay alone (PORT, VENTWELL_DATA_DIR, DATABASE_URL).
import { run, has, missing } from "./lib.mjs";
if (!has("sync-server/src/cli.ts")) missing("the sync relay (issue: sync relay and multi-device sync)");
process.exit(await run("pnpm", ["exec", "tsx", "sync-server/src/cli.ts"]));
