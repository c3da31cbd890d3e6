// Starts a throw-away PostgreSQL cluster from Debian's packages for the tests, unless
// VENTWELL_TEST_DATABASE_URL already names one (as .ci/run does). Returns a stop function.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, chmodSync, existsSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";

function pgBin(name) {
  const base = "/usr/lib/postgresql";
  if (existsSync(base)) {
    const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const p = path.join(base, v, "bin", name);
      if (existsSync(p)) return p;
    }
  }
  return null;
}

async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export async function startTempPostgres() {
  const initdb = pgBin("initdb");
  const pgctl = pgBin("pg_ctl");
  if (!initdb || !pgctl) return null;
  const dir = mkdtempSync(path.join(os.tmpdir(), "ventwell-pg-"));
  chmodSync(dir, 0o777);
  const data = path.join(dir, "data");
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const wrap = (cmd, args) => (asRoot ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args]);
  const sh = (cmd, args) => {
    const [c, a] = wrap(cmd, args);
    const r = spawnSync(c, a, { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  sh(initdb, ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const start = () =>
    sh(pgctl, [
      "-D",
      data,
      "-l",
      path.join(dir, "log"),
      "-w",
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
      "start",
    ]);
  start();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    /** Start it again after stop() (same data and port): fault tests restart it under load. */
    start,
    stop() {
      try {
        const [c, a] = wrap(pgctl, ["-D", data, "-m", "immediate", "stop"]);
        execFileSync(c, a, { stdio: "ignore" });
      } catch {
        /* already stopped */
      }
    },
  };
}
