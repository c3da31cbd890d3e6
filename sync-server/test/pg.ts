/** Test helpers for real PostgreSQL: every run gets its own fresh schema. */
import { randomBytes } from "node:crypto";
import pg from "pg";

export function testDatabaseUrl(): string {
  const url = process.env.VENTWELL_TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      "VENTWELL_TEST_DATABASE_URL is not set: the PostgreSQL tests need a real server. Start one with " +
        "`node -e \"import('./scripts/pg-temp.mjs').then(async m=>console.log((await m.startTempPostgres()).url))\"` " +
        "from the repository root, or run `pnpm test`, which starts one.",
    );
  }
  return url;
}

export function freshSchemaName(): string {
  return `vw_test_${randomBytes(6).toString("hex")}`;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await c.end();
  }
}
