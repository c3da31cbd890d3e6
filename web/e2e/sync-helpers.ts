/**
 * Steps shared by the sync browser tests (sync.spec.ts, sync-recover.spec.ts): devices as
 * fresh browser contexts, sync on, sign in or recover from the first screen.
 */
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import {
  removeDataDir,
  startRelayProcess,
  stopRelay,
  type RelayOptions,
  type RelayProcess,
} from "../src/sync/testing/relay-process";
import { KDF_TIMEOUT, PASSPHRASE, expectJournal, field, goToSettings } from "./helpers";

export const SYNC_TIMEOUT = 45_000;
const contexts: BrowserContext[] = [];
const relays: RelayProcess[] = [];

/** The real relay CLI serving the built app, its own data dir and port; see cleanUp(). */
export async function startRelay(opts: RelayOptions = {}): Promise<RelayProcess> {
  const relay = await startRelayProcess({ webDist: true, ...opts });
  relays.push(relay);
  return relay;
}

/** After each test: devices closed, every relay started killed and its data removed. */
export async function cleanUp() {
  await closeDevices();
  for (const r of relays.splice(0)) {
    await stopRelay(r, "SIGKILL");
    removeDataDir(r.dataDir);
  }
}

/** A fresh browser context (its own IndexedDB): a new device. Close with closeDevices(). */
export async function device(browser: Browser, url: string): Promise<Page> {
  const ctx = await browser.newContext({ baseURL: url, serviceWorkers: "block" });
  contexts.push(ctx);
  return ctx.newPage();
}

export async function closeDevices() {
  for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
}

export async function expectSynced(page: Page) {
  const s = page.getByTestId("sync-status");
  await expect(s).toHaveAttribute("data-phase", "synced", { timeout: SYNC_TIMEOUT });
  await expect(s).toHaveAttribute("data-pending", "0");
}

export async function turnOnSync(page: Page, username: string) {
  await goToSettings(page);
  await page.getByLabel("Choose a sync username").fill(username);
  await page.getByRole("button", { name: "Turn on sync" }).click();
  await expectSynced(page);
}

/** First screen of a new device: consent given, then the button named `choice`. */
export async function fromWelcome(page: Page, choice: RegExp) {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Welcome to VentWell" })).toBeVisible({
    timeout: KDF_TIMEOUT,
  });
  await page.getByRole("checkbox", { name: /processes what I write on this device/ }).check();
  await page.getByRole("button", { name: choice }).click();
}

/** Fills the sign-in form on a fresh device and submits it (the caller checks the outcome). */
export async function submitSignIn(page: Page, username: string, passphrase = PASSPHRASE) {
  await fromWelcome(page, /already sync VentWell on another device/);
  await page.getByLabel("Sync username").fill(username);
  await field(page, "Passphrase").fill(passphrase);
  await page.getByRole("button", { name: "Sign in and open my journal" }).click();
}

export async function signInFresh(page: Page, username: string, passphrase = PASSPHRASE) {
  await submitSignIn(page, username, passphrase);
  await expectJournal(page);
  await expectSynced(page);
}

export async function titles(page: Page) {
  return (await page.locator(".entries .entry-title").allTextContents()).sort();
}
