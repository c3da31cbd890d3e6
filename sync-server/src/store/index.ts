/** The storage seam and how the relay picks an adapter. */
import path from "node:path";
import { mkdirSync } from "node:fs";
import type { Store } from "./types.js";
import { openSqliteStore } from "./sqlite/index.js";
import { openPostgresStore } from "./postgres/index.js";

export type * from "./types.js";
export { openSqliteStore, openPostgresStore };

/** PostgreSQL when `databaseUrl` is set, else SQLite in `dataDir/relay.sqlite`. */
export async function openStore(opts: {
  databaseUrl?: string;
  dataDir: string;
  schema?: string;
}): Promise<Store> {
  if (opts.databaseUrl) return openPostgresStore({ connectionString: opts.databaseUrl, schema: opts.schema });
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  return openSqliteStore(path.join(opts.dataDir, "relay.sqlite"));
}
