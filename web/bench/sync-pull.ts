/**
 * Time for a freshly signed-in device to pull, decrypt and show a synced journal.
 *   pnpm --filter @ventwell/web build   # the app the relay serves
 *   node --import tsx web/bench/sync-pull.ts [--entries 1000] [--messages 20] [--runs 3]
 * Seeds a real relay (its CLI, temp data dir, loopback) through the real client code
 * (vault, journal, crypto, Automerge, sync engine; memory storage in Node), then times a
 * fresh Chromium context: "Sign in" clicked → list of N entries shown and sync "Synced".
 */
import "@automerge/automerge";
import { chromium } from "playwright-core";
import { nodeClient } from "../src/sync/testing/node-app";
import { relayChunks, removeDataDir, startRelayProcess, stopRelay } from "../src/sync/testing/relay-process";

const args = process.argv.slice(2);
const opt = (k: string, d: number) => {
  const i = args.indexOf(`--${k}`);
  return i >= 0 ? Number(args[i + 1]) : d;
};
const ENTRIES = opt("entries", 1000);
const MESSAGES = opt("messages", 20);
const RUNS = opt("runs", 3);
const PASS = "quiet harbour lantern morning";
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const sentence = (i: number, j: number) =>
  `Entry ${i}, message ${j}: today I noticed how the small things added up, and I wrote them down to see them clearly.`;

const relay = await startRelayProcess({ webDist: true });
const user = `bench${Date.now().toString(36)}`;
try {
  let t = performance.now();
  const seed = nodeClient(relay.url);
  await seed.vault.ready;
  await seed.vault.create(PASS);
  for (let i = 0; i < ENTRIES; i++) {
    const id = await seed.journal.create(`Bench entry ${i}`);
    for (let j = 0; j < MESSAGES; j++)
      await seed.journal.addMessage(id, { sender: "user", text: sentence(i, j) });
  }
  const seedMs = performance.now() - t;
  t = performance.now();
  await seed.sync.signUp(user);
  await seed.sync.idle();
  for (let i = 0; i < 5 && seed.sync.status().phase !== "synced"; i++) {
    console.error(`push round ended ${JSON.stringify(seed.sync.status())}; retrying`);
    seed.sync.retry();
    await seed.sync.idle();
  }
  const pushMs = performance.now() - t;
  if (seed.sync.status().phase !== "synced")
    throw new Error(`seeding did not sync: ${JSON.stringify(seed.sync.status())}\n${relay.output()}`);
  const chunks = relayChunks(relay.dataDir).length;
  console.error(
    `seeded ${ENTRIES}×${MESSAGES} in ${Math.round(seedMs)} ms; pushed ${chunks} chunks in ${Math.round(pushMs)} ms`,
  );

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  const runs: number[] = [];
  const unlocked: number[] = [];
  try {
    for (let r = 0; r < RUNS; r++) {
      const ctx = await browser.newContext({ baseURL: relay.url, serviceWorkers: "block" });
      const page = await ctx.newPage();
      page.setDefaultTimeout(Number(process.env.BENCH_TIMEOUT ?? 600_000));
      await page.goto("/");
      await page.getByRole("checkbox", { name: /processes what I write on this device/ }).check();
      await page.getByRole("button", { name: /already sync VentWell on another device/ }).click();
      await page.getByLabel("Sync username").fill(user);
      await page.getByRole("textbox", { name: "Passphrase", exact: true }).fill(PASS);
      const start = performance.now();
      try {
        await page.getByRole("button", { name: "Sign in and open my journal" }).click();
        await page.getByRole("button", { name: "Lock" }).waitFor();
        unlocked.push(performance.now() - start);
        await page.locator(`.entries[aria-label="${ENTRIES} entries"]`).waitFor();
        await page.locator('[data-testid="sync-status"][data-phase="synced"]').waitFor();
      } catch (e) {
        await page.screenshot({ path: `/tmp/sync-bench-fail-${r + 1}.png` });
        console.error(
          await page
            .locator("body")
            .innerText()
            .catch(() => "?"),
        );
        throw e;
      }
      const ms = performance.now() - start;
      runs.push(ms);
      console.error(`run ${r + 1}: ${Math.round(ms)} ms (journal open after ${Math.round(unlocked[r]!)} ms)`);
      await ctx.close();
    }
  } finally {
    await browser.close();
  }
  console.log(
    JSON.stringify({
      entries: ENTRIES,
      messages: MESSAGES,
      relayChunks: chunks,
      seedMs: Math.round(seedMs),
      pushMs: Math.round(pushMs),
      signInToListMs: runs.map(Math.round),
      signInToUnlockedMs: unlocked.map(Math.round),
      medianMs: Math.round(median(runs)),
    }),
  );
} finally {
  await stopRelay(relay);
  removeDataDir(relay.dataDir);
  process.exit(process.exitCode ?? 0); // the seeding client's timers would keep Node alive
}
