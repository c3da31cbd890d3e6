// `pnpm test`: every package's unit tests (Vitest, real SQLite and PostgreSQL), then the
// browser tests (Playwright driving Debian's Chromium against the built app).
// Prints one closing line `tests: N passed, N failed`.
import { readFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { run, root } from "./lib.mjs";
import { startTempPostgres } from "./pg-temp.mjs";

const only = process.argv.slice(2); // e.g. `pnpm test unit` or `pnpm test e2e`
const want = (stage) => only.length === 0 || only.includes(stage);
const out = path.join(root, "test-results");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

let pg = null;
const env = { ...process.env };
if (!env.VENTWELL_TEST_DATABASE_URL) {
  pg = await startTempPostgres();
  if (pg) env.VENTWELL_TEST_DATABASE_URL = pg.url;
  else
    console.warn("PostgreSQL binaries not found: PostgreSQL tests will fail (install Debian's postgresql).");
}
process.on("exit", () => pg?.stop());
process.on("SIGINT", () => process.exit(130));

let passed = 0;
let failed = 0;
let broken = false;

function countVitest(file) {
  if (!existsSync(file)) return false;
  const r = JSON.parse(readFileSync(file, "utf8"));
  passed += r.numPassedTests ?? 0;
  failed += r.numFailedTests ?? 0;
  return true;
}

if (want("unit")) {
  for (const pkg of ["shared", "sync-server", "web"]) {
    const file = path.join(out, `vitest-${pkg}.json`);
    const code = await run(
      "pnpm",
      ["exec", "vitest", "run", "--reporter=default", "--reporter=json", `--outputFile=${file}`],
      { cwd: path.join(root, pkg), env },
    );
    const counted = countVitest(file);
    if (code !== 0 && !counted) broken = true;
    if (code !== 0) console.error(`unit tests failed in ${pkg}/`);
  }
}

if (want("e2e")) {
  const build = await run("pnpm", ["--filter", "@ventwell/web", "build"], { env });
  if (build !== 0) broken = true;
  else {
    const file = path.join(out, "playwright.json");
    const code = await run("pnpm", ["exec", "playwright", "test"], {
      env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: file },
    });
    if (existsSync(file)) {
      const r = JSON.parse(readFileSync(file, "utf8"));
      passed += (r.stats?.expected ?? 0) + (r.stats?.flaky ?? 0);
      failed += r.stats?.unexpected ?? 0;
      if (r.stats?.flaky)
        console.log(`browser tests that passed only on their retry (flaky): ${r.stats.flaky}`);
    } else if (code !== 0) broken = true;
    if (code !== 0 && failed === 0) broken = true;
  }
}

if (broken && failed === 0) failed = 1;
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
