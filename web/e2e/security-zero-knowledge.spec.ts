// Zero-knowledge, checked at rest (issue 7): after a real browser session — canary
// sentences, a title with a distinctive date, mood words, tags — synced through the real
// relay on SQLite and on PostgreSQL, no canary appears in any file of the relay's data
// directory, in a pg_dump of its database, or in IndexedDB: not as UTF-8, UTF-16, hex or
// base64. Control: the same scan does find what is stored in the clear (the username).
import { expect, test, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import {
  relayFiles,
  removeDataDir,
  startRelayProcess,
  stopRelay,
  REPO,
  type RelayProcess,
} from "../src/sync/testing/relay-process";
import { PASSPHRASE, createEntry, findInDumps, goToSettings, onboard, readAllIndexedDb } from "./helpers";

const CANARY_DATE = "1987-03-14";
const CANARIES = [
  `Quillfeather review ${CANARY_DATE}`, // the title, with its date
  CANARY_DATE,
  "Quillfeather",
  "the saffron tugboat hummed beneath Marrowgate bridge",
  "Marrowgate",
  "my neighbour Oswin Thackery returned the copper kettle",
  "Thackery",
  "Grateful", // mood word (checkbox label) and its stored form
  "grateful",
  PASSPHRASE,
];
let relay: RelayProcess | undefined;
let dropDb: (() => void) | undefined;
test.afterEach(async () => {
  if (relay) {
    await stopRelay(relay, "SIGKILL");
    removeDataDir(relay.dataDir);
    relay = undefined;
  }
  dropDb?.();
  dropDb = undefined;
});

/** Every encoding a careless relay or client could leave the text in. */
function encodings(needle: string): Buffer[] {
  const utf8 = Buffer.from(needle, "utf8");
  const out = [utf8, Buffer.from(needle, "utf16le"), Buffer.from(utf8.toString("hex"))];
  // base64/base64url at the three alignments, trimmed to the stable middle part.
  for (let shift = 0; shift < 3; shift++) {
    const b = Buffer.concat([Buffer.alloc(shift), utf8]);
    for (const enc of ["base64", "base64url"] as const) {
      const s = b.toString(enc).slice(shift ? 4 : 0, -4);
      if (s.length >= 8) out.push(Buffer.from(s));
    }
  }
  return out;
}
const hits = (haystack: Buffer, needle: string) => encodings(needle).some((n) => haystack.includes(n));

function pgBin(name: string): string {
  const base = "/usr/lib/postgresql";
  for (const v of readdirSync(base).sort((a, b) => Number(b) - Number(a))) {
    const p = path.join(base, v, "bin", name);
    if (existsSync(p)) return p;
  }
  throw new Error(`${name} not found under ${base}`);
}

async function session(page: Page, user: string) {
  await onboard(page);
  await createEntry(page, {
    title: CANARIES[0],
    messages: [`Today ${CANARIES[3]}.`, `Later ${CANARIES[5]} and we talked for an hour.`],
  });
  await page.getByText("How are you feeling?").click();
  await page.getByRole("radio", { name: /Good$/ }).first().check();
  await page.getByRole("checkbox", { name: "Grateful" }).check();
  await expect(page.getByRole("status").filter({ hasText: "Feelings saved." })).toBeVisible();
  await goToSettings(page);
  await page.getByLabel("Choose a sync username").fill(user);
  await page.getByRole("button", { name: "Turn on sync" }).click();
  const s = page.getByTestId("sync-status");
  await expect(s).toHaveAttribute("data-phase", "synced", { timeout: 60_000 });
  await expect(s).toHaveAttribute("data-pending", "0");
}

async function checkIndexedDb(page: Page) {
  const dumps = await readAllIndexedDb(page);
  expect(dumps.reduce((n, d) => n + d.count, 0)).toBeGreaterThan(3);
  for (const c of CANARIES) {
    expect(findInDumps(dumps, c), `IndexedDB holds "${c}"`).toEqual([]);
    // Also as the base64 forms a store could keep.
    const joined = Buffer.from(dumps.flatMap((d) => d.texts).join("\n"));
    expect(hits(joined, c), `IndexedDB holds an encoding of "${c}"`).toBe(false);
  }
}

for (const store of ["sqlite", "postgres"] as const) {
  test(`zero-knowledge at rest (${store}): no canary in the relay's files, database dump or IndexedDB`, async ({
    browser,
  }) => {
    test.setTimeout(240_000);
    const env: Record<string, string> = {};
    let dbUrl: string | undefined;
    if (store === "postgres") {
      const admin = process.env.VENTWELL_TEST_DATABASE_URL;
      expect(admin, "VENTWELL_TEST_DATABASE_URL (pnpm test starts a PostgreSQL)").toBeTruthy();
      const require = createRequire(path.join(REPO, "sync-server/package.json"));
      type PgClient = {
        connect(): Promise<void>;
        query(sql: string): Promise<unknown>;
        end(): Promise<void>;
      };
      const pg = require("pg") as { Client: new (o: { connectionString?: string }) => PgClient };
      const name = `vw_zk_${randomBytes(4).toString("hex")}`;
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`CREATE DATABASE ${name}`);
      await c.end();
      const u = new URL(admin!);
      u.pathname = `/${name}`;
      dbUrl = u.toString();
      env.DATABASE_URL = dbUrl;
      dropDb = () => {
        const d = new URL(admin!);
        execFileSync(pgBin("psql"), [d.toString(), "-c", `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], {
          stdio: "ignore",
        });
      };
    }
    relay = await startRelayProcess({ webDist: true, env });
    const user = `zk${store}${Date.now().toString(36)}`;
    const ctx = await browser.newContext({ baseURL: relay.url, serviceWorkers: "block" });
    const page = await ctx.newPage();
    await session(page, user);
    await checkIndexedDb(page);
    await ctx.close();

    // Every file of the relay's data directory (SQLite db/WAL/shm, the secret).
    const files = relayFiles(relay.dataDir);
    expect(files.length).toBeGreaterThan(0);
    for (const c of CANARIES)
      expect(
        files.filter((f) => hits(f.bytes, c)).map((f) => f.name),
        `relay files hold "${c}"`,
      ).toEqual([]);
    if (store === "sqlite") {
      expect(
        files.some((f) => hits(f.bytes, user)),
        "control: the scan sees the username",
      ).toBe(true);
    } else {
      const dump = execFileSync(pgBin("pg_dump"), ["--data-only", dbUrl!], { maxBuffer: 256 * 1024 * 1024 });
      expect(dump.length).toBeGreaterThan(1000);
      for (const c of CANARIES) expect(hits(dump, c), `pg_dump holds "${c}"`).toBe(false);
      expect(hits(dump, user), "control: the dump holds the username").toBe(true);
      expect(dump.includes(Buffer.from("COPY")), "control: the dump has the tables' rows").toBe(true);
    }
  });
}
