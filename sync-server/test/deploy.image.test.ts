/**
 * deploy/Dockerfile, checked without a Docker engine (there is none here): its
 * instructions are parsed and checked, and the build's own bundling step
 * (deploy/bundle-relay.mjs) runs for real into a folder outside the repository, where the
 * bundled relay must start with plain `node` — on SQLite and on PostgreSQL — and answer
 * the image's HEALTHCHECK command.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { dropSchema, freshSchemaName, testDatabaseUrl } from "./pg.js";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const run = promisify(execFile);

interface Instruction {
  op: string;
  args: string;
  stage: number;
}

/** Dockerfile → instructions (continuations joined, comments dropped), with stage index. */
export function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  let stage = -1;
  let buf = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!buf && (line === "" || line.startsWith("#"))) continue;
    if (buf && line.startsWith("#")) continue;
    buf += (buf ? " " : "") + line.replace(/\\$/, "").trim();
    if (line.endsWith("\\")) continue;
    const m = buf.match(/^(\w+)\s+([\s\S]*)$/);
    if (m) {
      const op = m[1]!.toUpperCase();
      if (op === "FROM") stage++;
      out.push({ op, args: m[2]!, stage });
    }
    buf = "";
  }
  return out;
}

const dockerfile = parseDockerfile(readFileSync(path.join(REPO, "deploy/Dockerfile"), "utf8"));
const lastStage = Math.max(...dockerfile.map((i) => i.stage));
const final = dockerfile.filter((i) => i.stage === lastStage);

describe("deploy/Dockerfile", () => {
  it("is multi-stage on node:20-bookworm-slim, builds better-sqlite3 in the build stage", () => {
    const froms = dockerfile.filter((i) => i.op === "FROM");
    expect(froms.length).toBeGreaterThanOrEqual(2);
    expect(froms.map((f) => f.args)).toEqual(["${NODE_IMAGE} AS build", "${NODE_IMAGE} AS runtime"]);
    const arg = dockerfile.find((i) => i.op === "ARG" && i.stage === -1 && i.args.startsWith("NODE_IMAGE="));
    expect(arg?.args).toBe("NODE_IMAGE=node:20-bookworm-slim");
    const buildRuns = dockerfile.filter((i) => i.stage === 0 && i.op === "RUN").map((i) => i.args);
    expect(buildRuns.some((r) => /python3/.test(r) && /g\+\+/.test(r) && /make/.test(r))).toBe(true);
    expect(buildRuns).toContain("pnpm install --frozen-lockfile");
    expect(buildRuns).toContain("node deploy/bundle-relay.mjs /out");
    // The runtime stage installs no compiler and copies only the build output.
    expect(
      final
        .filter((i) => i.op === "RUN")
        .map((i) => i.args)
        .join(" "),
    ).not.toMatch(/apt-get|g\+\+|pnpm/);
    expect(final.filter((i) => i.op === "COPY").map((i) => i.args)).toEqual(["--from=build /out/ /app/"]);
  });

  it("runs as a numeric non-root user, with a healthcheck on /v1/health and a data volume", () => {
    const user = final.filter((i) => i.op === "USER").at(-1)?.args ?? "";
    expect(user).toMatch(/^\d+:\d+$/);
    expect(Number(user.split(":")[0])).toBeGreaterThan(0);
    const hc = final.find((i) => i.op === "HEALTHCHECK")!;
    expect(hc.args).toMatch(/\/v1\/health/);
    expect(final.find((i) => i.op === "VOLUME")?.args).toBe('["/data"]');
    const env = final
      .filter((i) => i.op === "ENV")
      .map((i) => i.args)
      .join(" ");
    expect(env).toMatch(/HOST=0\.0\.0\.0/);
    expect(env).toMatch(/VENTWELL_DATA_DIR=\/data/);
    expect(final.find((i) => i.op === "CMD")?.args).toBe('["node", "sync-server/dist/relay/relay.mjs"]');
  });

  it("bakes in no secret and copies only files that exist", () => {
    for (const i of dockerfile.filter((x) => x.op === "ENV" || x.op === "ARG"))
      expect(i.args).not.toMatch(/SECRET|PASSWORD|TOKEN|DATABASE_URL|PRIVATE/i);
    for (const i of dockerfile.filter((x) => x.op === "COPY" && !x.args.startsWith("--from"))) {
      const parts = i.args.split(/\s+/);
      for (const src of parts.slice(0, -1)) {
        expect(src).not.toMatch(/\.env|secret|\.pem|\.key$/i);
        if (src !== ".") expect(existsSync(path.join(REPO, src)), src).toBe(true);
      }
    }
    const ignore = readFileSync(path.join(REPO, ".dockerignore"), "utf8").split("\n");
    for (const must of ["**/node_modules", "**/.env", "**/.ventwell-data", ".git", "model"])
      expect(ignore).toContain(must);
  });
});

interface Child {
  proc: ChildProcess;
  url: string;
  exited: Promise<unknown>;
}

/** The bundled relay exactly as the image's CMD runs it: `node sync-server/dist/relay/relay.mjs`. */
async function startBundled(appDir: string, env: Record<string, string>): Promise<Child> {
  const proc = spawn(process.execPath, ["sync-server/dist/relay/relay.mjs"], {
    cwd: appDir,
    env: { PATH: process.env.PATH ?? "", HOST: "127.0.0.1", PORT: "0", VENTWELL_LOG: "off", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout!.on("data", (d) => (out += d));
  proc.stderr!.on("data", (d) => (out += d));
  const exited = new Promise((resolve) => proc.on("exit", resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`bundled relay did not start:\n${out}`)), 20_000);
    const check = () => {
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) {
        clearTimeout(t);
        resolve(m[1]!);
      }
    };
    proc.stdout!.on("data", check);
    proc.stderr!.on("data", check);
    void exited.then(() => reject(new Error(`bundled relay exited:\n${out}`)));
  });
  return { proc, url, exited };
}

/** The Dockerfile's HEALTHCHECK command (exec form), run as-is: its exit code. */
async function healthcheck(port: number): Promise<number> {
  const hc = final.find((i) => i.op === "HEALTHCHECK")!.args;
  const argv = JSON.parse(hc.slice(hc.indexOf("CMD") + 3).trim()) as string[];
  expect(argv[0]).toBe("node");
  try {
    await run(process.execPath, argv.slice(1), { env: { PORT: String(port) }, timeout: 10_000 });
    return 0;
  } catch (e) {
    return (e as { code?: number }).code ?? -1;
  }
}

describe("the image's bundled relay (deploy/bundle-relay.mjs), outside the repository", () => {
  let app: string;
  const dirs: string[] = [];
  beforeAll(async () => {
    app = mkdtempSync(path.join(os.tmpdir(), "ventwell-image-"));
    dirs.push(app);
    await run(process.execPath, [path.join(REPO, "deploy/bundle-relay.mjs"), app], { cwd: REPO });
  }, 120_000);
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("contains only the bundle, the exercise catalogue and better-sqlite3's runtime", () => {
    expect(existsSync(path.join(app, "sync-server/dist/relay/relay.mjs"))).toBe(true);
    expect(existsSync(path.join(app, "sync-server/dist/relay/backup.mjs"))).toBe(true);
    expect(existsSync(path.join(app, "shared/src/exercises.json"))).toBe(true);
    expect(existsSync(path.join(app, "node_modules/better-sqlite3/build/Release/better_sqlite3.node"))).toBe(
      true,
    );
    expect(existsSync(path.join(app, "node_modules/pg"))).toBe(false); // inlined
    expect(existsSync(path.join(app, "node_modules/better-sqlite3/deps"))).toBe(false); // sources dropped
  });

  it("starts with plain node on SQLite; the HEALTHCHECK passes, and fails once it stops", async () => {
    const data = mkdtempSync(path.join(os.tmpdir(), "ventwell-image-data-"));
    dirs.push(data);
    const relay = await startBundled(app, { VENTWELL_DATA_DIR: data });
    const port = Number(new URL(relay.url).port);
    expect(await healthcheck(port)).toBe(0);
    const ex = (await (await fetch(`${relay.url}/v1/exercises`)).json()) as { exercises: unknown[] };
    expect(ex.exercises.length).toBeGreaterThan(0);
    const reg = await fetch(`${relay.url}/v1/auth/params?username=someone`);
    expect(reg.status).toBe(200);
    relay.proc.kill("SIGTERM");
    await relay.exited;
    expect(relay.proc.exitCode).toBe(0); // graceful shutdown on SIGTERM (the container's stop signal)
    expect(existsSync(path.join(data, "relay.sqlite"))).toBe(true);
    expect(await healthcheck(port)).not.toBe(0);
  });

  it("starts on PostgreSQL with an env secret and writes nothing to its data dir (read-only root fs)", async () => {
    const url = testDatabaseUrl();
    const schema = freshSchemaName();
    const data = path.join(app, "must-not-exist");
    try {
      const relay = await startBundled(app, {
        DATABASE_URL: url,
        VENTWELL_PG_SCHEMA: schema,
        VENTWELL_JWT_SECRET: "x".repeat(40),
        VENTWELL_DATA_DIR: data,
      });
      expect(await healthcheck(Number(new URL(relay.url).port))).toBe(0);
      const metrics = await (await fetch(`${relay.url}/metrics`)).text();
      expect(metrics).toContain('ventwell_store_info{kind="postgres"} 1');
      relay.proc.kill("SIGTERM");
      await relay.exited;
      expect(existsSync(data)).toBe(false);
    } finally {
      await dropSchema(url, schema);
    }
  });
});
