import { describe, expect, it } from "vitest";
import pg from "pg";
import { openPostgresStore } from "../src/store/postgres/index.js";
import { POSTGRES_MIGRATIONS } from "../src/store/postgres/migrations.js";
import { storeContract } from "./store-contract.js";
import { LEGACY_USER_INSERT, expectLegacyUserMigrated } from "./legacy-user.js";
import { dropSchema, freshSchemaName, testDatabaseUrl } from "./pg.js";

// Fails (does not skip) without VENTWELL_TEST_DATABASE_URL: see test/pg.ts.
const url = testDatabaseUrl();

storeContract("postgres", async () => {
  const schema = freshSchemaName();
  const store = await openPostgresStore({ connectionString: url, schema });
  return { store, cleanup: () => dropSchema(url, schema) };
});

describe("postgres adapter specifics", () => {
  it("migrates once even when several instances start together", async () => {
    const schema = freshSchemaName();
    const stores = await Promise.all(
      [1, 2, 3].map(() => openPostgresStore({ connectionString: url, schema })),
    );
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const r = await c.query(`SELECT version FROM "${schema}".schema_migrations`);
    expect(r.rows).toEqual([{ version: 1 }, { version: 2 }]);
    await c.end();
    await Promise.all(stores.map((s) => s.close()));
    await dropSchema(url, schema);
  });

  it("migrates a version-1 schema: existing users keep everything and have no recovery hash", async () => {
    const schema = freshSchemaName();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`CREATE SCHEMA "${schema}"`);
    await c.query(`SET search_path TO "${schema}"`);
    await c.query("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)");
    await c.query(POSTGRES_MIGRATIONS[0]!.sql);
    await c.query("INSERT INTO schema_migrations VALUES (1, 1)");
    await c.query(LEGACY_USER_INSERT);
    await c.end();
    const s = await openPostgresStore({ connectionString: url, schema });
    await expectLegacyUserMigrated(s);
    await s.close();
    await dropSchema(url, schema);
  });
});
