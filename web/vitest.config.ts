import { defineConfig } from "vitest/config";
import { playwright } from "@vitest/browser-playwright";

// Two projects: pure logic in Node, and storage/vault/journal against real IndexedDB in
// Debian's Chromium (no fake-indexeddb). `vitest run --project node|browser` picks one.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    projects: [
      {
        test: {
          name: "node",
          include: ["src/**/*.test.ts"],
          exclude: ["src/**/*.browser.test.ts"],
          environment: "node",
          setupFiles: ["src/journal/automerge-node-setup.ts"],
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: "browser",
          include: ["src/**/*.browser.test.ts"],
          testTimeout: 120_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: {
                executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
                args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
              },
            }),
            instances: [{ browser: "chromium" }],
          },
        },
      },
    ],
  },
});
