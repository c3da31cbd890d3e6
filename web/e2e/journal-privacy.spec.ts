// Offline after the first load, and no plaintext in IndexedDB: the two promises the app makes
// about where writing lives.
import { expect, test } from "@playwright/test";
import {
  KDF_TIMEOUT,
  createEntry,
  expectTitles,
  findInDumps,
  onboard,
  openEntry,
  readAllIndexedDb,
  unlock,
  waitForServiceWorker,
} from "./helpers";

test("offline after the service worker is active: reload, unlock, write, and it persists", async ({
  page,
  context,
}) => {
  await onboard(page);
  await createEntry(page, { title: "Online one", messages: ["Written while online."] });
  await waitForServiceWorker(page);
  // A second load puts the page under the service worker's control.
  await page.reload();
  await unlock(page);
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await unlock(page);
  await expectTitles(page, ["Online one"]);
  await createEntry(page, { title: "Offline one", messages: ["Written on a plane, no network at all."] });

  await page.reload();
  await unlock(page);
  await expectTitles(page, ["Offline one", "Online one"]);
  await openEntry(page, "Offline one");
  await expect(page.locator(".msg.user .bubble")).toHaveText(["Written on a plane, no network at all."]);
  // Still offline: prove the app did not quietly fetch from the network.
  expect(
    await page.evaluate(() =>
      fetch("/index.html?probe=" + Date.now()).then(
        () => "online",
        () => "offline",
      ),
    ),
  ).toBe("offline");
});

test("the canary sentence appears nowhere in IndexedDB in plaintext", async ({ page }) => {
  const canary = "Canary: the purple giraffe sings at 4:17 on Tuesdays";
  const titleCanary = "Zebra lighthouse marmalade";
  await onboard(page);
  await createEntry(page, {
    title: titleCanary,
    messages: [canary, `${canary} (again, with more words around it)`],
  });
  await page.getByText("How are you feeling?").click();
  await page.getByRole("radio", { name: /Okay$/ }).check();
  await page.getByRole("checkbox", { name: "Lonely" }).check();
  await expect(page.getByRole("status").filter({ hasText: "Feelings saved." })).toBeVisible();
  // Reload so that nothing is merely pending in memory; unlock to show it was all stored.
  await page.reload();
  await unlock(page);
  await openEntry(page, titleCanary);
  await expect(page.locator(".msg.user .bubble").first()).toHaveText(canary);

  // Positive control: the reader finds plaintext when it is there, as a string and as bytes.
  await page.evaluate(async (text) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open("e2e-control", 1);
      r.onupgradeneeded = () => r.result.createObjectStore("s");
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const tx = db.transaction("s", "readwrite");
    tx.objectStore("s").put({ s: text }, "string");
    tx.objectStore("s").put({ b: new TextEncoder().encode("bytes:" + text) }, "bytes");
    await new Promise((r) => (tx.oncomplete = r));
    db.close();
  }, canary);
  const control = await readAllIndexedDb(page);
  expect(findInDumps(control, canary)).toEqual(["e2e-control/s"]);
  expect(control.find((d) => d.db === "e2e-control")?.texts.some((t) => t.includes("bytes:" + canary))).toBe(
    true,
  );
  await page.evaluate(() => new Promise((r) => (indexedDB.deleteDatabase("e2e-control").onsuccess = r)));

  const dumps = await readAllIndexedDb(page);
  expect(dumps.length).toBeGreaterThan(0);
  expect(dumps.reduce((n, d) => n + d.count, 0)).toBeGreaterThan(3);
  for (const needle of [canary, "purple giraffe", titleCanary, "lighthouse", "Lonely", "loneliness"])
    expect(findInDumps(dumps, needle), `"${needle}" found in plaintext`).toEqual([]);

  // Nothing in the other browser stores either (Cache Storage holds app files and the model).
  const leaks = await page.evaluate(
    async (needles) => {
      const found: string[] = [];
      const check = (where: string, text: string) =>
        needles.forEach((n) => text.includes(n) && found.push(where));
      check("localStorage", JSON.stringify({ ...localStorage }));
      check("sessionStorage", JSON.stringify({ ...sessionStorage }));
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const req of await cache.keys()) {
          const res = await cache.match(req);
          const type = res?.headers.get("content-type") ?? "";
          if (res && /text|json|javascript/.test(type)) check(req.url, await res.text());
        }
      }
      return found;
    },
    [canary, titleCanary],
  );
  expect(leaks).toEqual([]);
});

test("the lock screen shows no journal content and the keys are gone after locking", async ({ page }) => {
  await onboard(page);
  await createEntry(page, { title: "Private title", messages: ["Notes on the tomato plants."] });
  await page.getByRole("button", { name: "Lock", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Your journal is locked" })).toBeVisible({
    timeout: KDF_TIMEOUT,
  });
  await expect(page.locator("body")).not.toContainText("Private");
  await expect(page.locator("body")).not.toContainText("tomato");
  await page.goto("/#/settings");
  await expect(page.getByRole("heading", { name: "Your journal is locked" })).toBeVisible();
});
