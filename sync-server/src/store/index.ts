/** The storage seam and how the relay picks an adapter. */
import path from "node:path";
import { chmodSync, mkdirSync } from "node:fs";
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
  const file = path.join(opts.dataDir, "relay.sqlite");
  const store = openSqliteStore(file);
  chmodSync(file, 0o600); // the WAL and shm files inherit the database file's mode
  return store;
}
