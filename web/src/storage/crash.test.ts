/**
 * "Closing the tab mid-write loses at most that write, never corrupts": a real Chromium
 * with a persistent profile writes messages in a loop and is killed with SIGKILL in the
 * middle; after a restart the journal opens and holds every acknowledged message, in order.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAndServe } from "../../bench/harness.mjs";

/** What web/bench/crash-page.ts puts on the page. */
interface CrashBench {
  start(): Promise<string>;
  readBack(entryId: string): Promise<string[]>;
  state: { acked: number };
}

const exe = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
let served: { base: string; close: () => Promise<void> };
const profile = mkdtempSync(path.join(tmpdir(), "ventwell-crash-profile-"));
const out = mkdtempSync(path.join(tmpdir(), "ventwell-crash-dist-"));

async function launch(): Promise<{ proc: ChildProcess; browser: Browser }> {
  const proc = spawn(exe, [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--remote-debugging-port=0",
    `--user-data-dir=${profile}`,
    "about:blank",
  ]);
  const ws = await new Promise<string>((resolve, reject) => {
    let err = "";
    proc.stderr!.on("data", (d: Buffer) => {
      err += d.toString();
      const m = /DevTools listening on (ws:\S+)/.exec(err);
      if (m) resolve(m[1]!);
    });
    proc.on("exit", () => reject(new Error(`Chromium exited before it was ready:\n${err.slice(-500)}`)));
  });
  return { proc, browser: await chromium.connectOverCDP(ws) };
}

async function openPage(browser: Browser) {
  const page = browser.contexts()[0]!.pages()[0] ?? (await browser.contexts()[0]!.newPage());
  await page.goto(`${served.base}/crash.html`);
  await page.waitForFunction(() => document.title === "ready");
  return page;
}

beforeAll(async () => {
  served = await buildAndServe(out);
}, 120_000);
afterAll(async () => {
  await served?.close();
  rmSync(profile, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
});

describe("crash safety on real IndexedDB", () => {
  it("SIGKILL of the browser mid-write: every acknowledged message survives, in order, and nothing is corrupt", async () => {
    const first = await launch();
    const page = await openPage(first.browser);
    const id = await page.evaluate(() => (globalThis as unknown as { bench: CrashBench }).bench.start());
    // Past the first compaction (64 chunks), so a snapshot rewrite has happened too.
    await page.waitForFunction(
      () => (globalThis as unknown as { bench: CrashBench }).bench.state.acked >= 75,
      undefined,
      {
        timeout: 60_000,
      },
    );
    const acked = await page.evaluate(
      () => (globalThis as unknown as { bench: CrashBench }).bench.state.acked,
    );
    const exited = new Promise((r) => first.proc.once("exit", r));
    first.proc.kill("SIGKILL");
    await exited;

    const second = await launch();
    try {
      const texts = await (
        await openPage(second.browser)
      ).evaluate((entryId) => (globalThis as unknown as { bench: CrashBench }).bench.readBack(entryId), id);
      console.log(`crash test: ${acked} acknowledged before SIGKILL, ${texts.length} survived`);
      expect(texts.length).toBeGreaterThanOrEqual(acked);
      expect(texts).toEqual(Array.from({ length: texts.length }, (_, i) => `msg ${i}`));
    } finally {
      const exited2 = new Promise((r) => second.proc.once("exit", r));
      second.proc.kill("SIGTERM");
      await exited2;
    }
  }, 180_000);
});
