/**
 * Reusable browser-test steps for VentWell (onboard, unlock, write, read IndexedDB).
 * @remarks Argon2id (64 MiB, t=3) runs on every create/unlock, so each of those steps
 * takes seconds on this machine; the timeouts below are generous on purpose.
 */
import { expect, type Locator, type Page } from "@playwright/test";

export const PASSPHRASE = "quiet harbour lantern morning";
/** Argon2id plus Automerge start-up; slow shared CI cores need room. */
export const KDF_TIMEOUT = 60_000;

/** A text field by its exact accessible name (passphrase fields included). */
export function field(page: Page, label: string): Locator {
  return page.getByRole("textbox", { name: label, exact: true });
}

/** First run: consent, passphrase, keys, recovery code confirmed. Returns the recovery code. */
export async function onboard(page: Page, passphrase = PASSPHRASE): Promise<{ recoveryCode: string }> {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Welcome to VentWell" })).toBeVisible({
    timeout: KDF_TIMEOUT,
  });
  await page.getByRole("checkbox", { name: /processes what I write on this device/ }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await field(page, "Choose a passphrase").fill(passphrase);
  await field(page, "Type it again").fill(passphrase);
  await page.getByRole("button", { name: "Create my journal" }).click();
  const code = page.getByTestId("recovery-code");
  await expect(code).toBeVisible({ timeout: KDF_TIMEOUT });
  const recoveryCode = ((await code.textContent()) ?? "").trim();
  expect(recoveryCode.length).toBeGreaterThan(10);
  await page.getByRole("checkbox", { name: "I saved my recovery code somewhere safe." }).check();
  await page.getByRole("button", { name: "Open my journal" }).click();
  await expectJournal(page);
  return { recoveryCode };
}

export async function expectJournal(page: Page) {
  await expect(page.getByRole("button", { name: "Lock", exact: true })).toBeVisible({ timeout: KDF_TIMEOUT });
}

export async function expectLocked(page: Page) {
  await expect(page.getByRole("heading", { name: "Your journal is locked" })).toBeVisible({
    timeout: KDF_TIMEOUT,
  });
}

export async function unlock(page: Page, passphrase = PASSPHRASE) {
  await expectLocked(page);
  await field(page, "Passphrase").fill(passphrase);
  await page.getByRole("button", { name: "Unlock", exact: true }).click();
  await expectJournal(page);
}

export async function lockNow(page: Page) {
  await page.getByRole("button", { name: "Lock", exact: true }).click();
  await expectLocked(page);
}

/** Unlock with the recovery code and set a new passphrase. */
export async function unlockWithRecoveryCode(page: Page, code: string, newPassphrase: string) {
  await expectLocked(page);
  await page.getByRole("button", { name: "Forgot it? Use recovery code" }).click();
  await field(page, "Recovery code").fill(code);
  await field(page, "New passphrase").fill(newPassphrase);
  await field(page, "Type it again").fill(newPassphrase);
  await page.getByRole("button", { name: "Unlock and set passphrase" }).click();
  await expectJournal(page);
}

export async function goToJournal(page: Page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Journal" }).click();
  await expect(page.getByRole("heading", { name: "Your journal" })).toBeVisible();
}

export async function goToSettings(page: Page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
}

/** Imports a journal export (Settings → Import JSON) and waits for "Imported N entr…". */
export async function importJournal(page: Page, name: string, file: unknown, entries: number) {
  await goToSettings(page);
  await page.getByTestId("import-input").setInputFiles({
    name,
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(file)),
  });
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: `Imported ${entries} entr` })
      .first(),
  ).toBeVisible();
}

/** Sends one message in the open entry (Enter to send) and waits for its bubble. */
export async function sendMessage(page: Page, text: string) {
  const composer = field(page, "Write a message");
  await composer.fill(text);
  await composer.press("Enter");
  await expect(page.locator(".msg.user .bubble").filter({ hasText: text.split("\n")[0] })).toBeVisible();
  await expect(composer).toHaveValue("");
  // When the guide is installed it answers in the background; wait for it before going on.
  await expect(page.locator(".msg.guide.thinking")).toHaveCount(0, { timeout: KDF_TIMEOUT });
  await leaveCrisisScreenIfShown(page);
}

/**
 * Journal tests are about storage, not the guide's judgement: if the crisis gate fires on a
 * test sentence, step out of the screen the way a person would. Guide tests assert it instead.
 */
export async function leaveCrisisScreenIfShown(page: Page): Promise<boolean> {
  const screen = page.getByTestId("crisis-screen");
  if (!(await screen.isVisible())) return false;
  await screen.getByRole("button", { name: "I'm safe right now, continue" }).click();
  await expect(screen).toBeHidden();
  return true;
}

/** New entry with messages and an optional title; returns the entry id (from the URL). */
export async function createEntry(page: Page, opts: { title?: string; messages: string[] }): Promise<string> {
  await goToJournal(page);
  await page.getByRole("button", { name: "New entry" }).click();
  await expect(page).toHaveURL(/#\/entry\//);
  for (const m of opts.messages) await sendMessage(page, m);
  if (opts.title) await renameEntry(page, opts.title);
  const id = decodeURIComponent(new URL(page.url()).hash.replace(/^#\/entry\//, ""));
  return id;
}

export async function renameEntry(page: Page, title: string) {
  await page.getByRole("button", { name: "Rename" }).click();
  await field(page, "Entry title").fill(title);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
}

/** Waits until the journal list shows exactly these titles, newest first. */
export async function expectTitles(page: Page, titles: string[]) {
  const items = page.locator(".entries .entry-title");
  if (titles.length === 0) await expect(items).toHaveCount(0);
  else await expect(items).toHaveText(titles);
}

export async function openEntry(page: Page, title: string) {
  await goToJournal(page);
  await page
    .locator(".entries a")
    .filter({ has: page.locator(".entry-title", { hasText: title }) })
    .first()
    .click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
}

/** Waits until a service worker controls this page (after the first load and one reload). */
export async function waitForServiceWorker(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
}

export interface StoreDump {
  db: string;
  store: string;
  count: number;
  /** Every string found in keys and values, plus UTF-8 / Latin-1 / base64 decodings of binary data. */
  texts: string[];
}

/** Reads every record of every IndexedDB database of the page's origin (runs in the page). */
export async function readAllIndexedDb(page: Page): Promise<StoreDump[]> {
  return page.evaluate(async () => {
    const req = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const utf8 = new TextDecoder("utf-8", { fatal: false });
    const latin1 = new TextDecoder("latin1");
    const b64 = /^[A-Za-z0-9+/_-]{16,}={0,2}$/;
    async function collect(value: unknown, out: string[], depth = 0): Promise<void> {
      if (depth > 40 || value === null || value === undefined) return;
      if (typeof value === "string") {
        out.push(value);
        if (b64.test(value)) {
          try {
            out.push(
              latin1.decode(
                Uint8Array.from(atob(value.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0)),
              ),
            );
          } catch {
            /* not base64 after all */
          }
        }
        return;
      }
      if (typeof value !== "object") return;
      let bytes: Uint8Array | null = null;
      if (value instanceof ArrayBuffer) bytes = new Uint8Array(value);
      else if (ArrayBuffer.isView(value))
        bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      else if (value instanceof Blob) bytes = new Uint8Array(await value.arrayBuffer());
      if (bytes) {
        out.push(utf8.decode(bytes), latin1.decode(bytes));
        return;
      }
      if (value instanceof Date) return;
      const items =
        value instanceof Map
          ? [...value.entries()].flat()
          : value instanceof Set
            ? [...value]
            : Array.isArray(value)
              ? value
              : [...Object.keys(value), ...Object.values(value)];
      for (const item of items) await collect(item, out, depth + 1);
    }
    const dumps: { db: string; store: string; count: number; texts: string[] }[] = [];
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await req(indexedDB.open(info.name));
      try {
        for (const name of Array.from(db.objectStoreNames)) {
          const store = db.transaction(name, "readonly").objectStore(name);
          const [keys, values] = await Promise.all([req(store.getAllKeys()), req(store.getAll())]);
          const texts: string[] = [];
          await collect(keys, texts);
          await collect(values, texts);
          dumps.push({ db: info.name, store: name, count: values.length, texts });
        }
      } finally {
        db.close();
      }
    }
    return dumps;
  });
}

/** Where `needle` appears in a dump (empty when nowhere). */
export function findInDumps(dumps: StoreDump[], needle: string): string[] {
  const hits: string[] = [];
  for (const d of dumps) if (d.texts.some((t) => t.includes(needle))) hits.push(`${d.db}/${d.store}`);
  return hits;
}
