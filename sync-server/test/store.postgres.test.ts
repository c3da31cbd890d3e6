import { describe, expect, it } from "vitest";
import pg from "pg";
import { openPostgresStore } from "../src/store/postgres/index.js";
import { storeContract } from "./store-contract.js";
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
    expect(r.rows).toEqual([{ version: 1 }]);
    await c.end();
    await Promise.all(stores.map((s) => s.close()));
    await dropSchema(url, schema);
  });
});
