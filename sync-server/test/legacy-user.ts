/** A user row as version 1 of the schema wrote it, for the migration tests of both adapters. */
import { expect } from "vitest";
import type { Store } from "../src/store/types.js";

export const LEGACY_USER_INSERT = `INSERT INTO users (id, username, salt, kdf, auth_hash, wrapped_password, wrapped_recovery, created_at)
  VALUES ('old', 'olduser', 's', '{"name":"argon2id","memoryKiB":65536,"iterations":3,"parallelism":1}', 'h', 'p', 'r', 5)`;

/** After migrating: the old user is intact, has no recovery hash, and can be given one. */
export async function expectLegacyUserMigrated(store: Store) {
  const u = await store.getUserByUsername("olduser");
  expect(u).toMatchObject({
    id: "old",
    authHash: "h",
    wrappedKeys: { password: "p", recovery: "r" },
    recoveryHash: null,
    createdAt: 5,
  });
  const change = { salt: "s2", kdf: u!.kdf, authHash: "h2", wrappedKeys: { password: "p2", recovery: "r" } };
  expect(await store.changeCredentials("old", { ...change, recoveryHash: "rh" }, null)).toBe(true);
  expect((await store.getUserById("old"))?.recoveryHash).toBe("rh");
}
