#!/usr/bin/env node
// `pnpm bench`: every VentWell measurement in one run; prints a table and writes
// bench/results.json. Each part runs as its own process (reusing web/bench/* and
// sync-server/bench/*); every figure is a median over several runs.
//   pnpm bench [--quick] [--json] [--only model,argon2,crypto,sync,relay,journal,bundle]
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { startTempPostgres } from "../scripts/pg-temp.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const QUICK = args.includes("--quick");
const JSON_ONLY = args.includes("--json");
const only = args.includes("--only") ? args[args.indexOf("--only") + 1].split(",") : null;
const want = (part) => !only || only.includes(part);
const log = (...m) => console.error("[bench]", ...m);
const median = (xs) => {
  const s = xs.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x, d = 0) => (x === null || x === undefined ? null : Math.round(x * 10 ** d) / 10 ** d);

/** Runs a command; resolves with its stdout (stderr passes through). Rejects on failure. */
function sh(cmd, cmdArgs, env = {}) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(cmd, cmdArgs, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("exit", (code) => {
      log(`${cmd} ${cmdArgs.join(" ")} → ${code} in ${Math.round((Date.now() - started) / 1000)} s`);
      if (code === 0) resolve(out);
      else reject(new Error(`${cmd} ${cmdArgs.join(" ")} exited ${code}:\n${out.slice(-2000)}`));
    });
  });
}
const tsx = (file, a = []) => sh(process.execPath, ["--import", "tsx", file, ...a]);
/** JSON lines of a child's stdout (lines that parse as objects). */
const jsonLines = (out) =>
  out
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.startsWith("{"))
    .map((l) => {
      try {
        return JSON.parse(l);
      } catch {
        return null;
      }
    })
    .filter(Boolean);
/** The last pretty-printed JSON object of a child's stdout (web/bench/run.mjs prints one). */
const lastJsonBlock = (out) => JSON.parse(out.slice(out.lastIndexOf("\n{") + 1));

const results = {};
const rows = []; // [what, value, unit, how]
const failures = {};
const row = (what, value, unit, how = "") => rows.push([what, value, unit, how]);

async function part(name, fn) {
  if (!want(name)) return;
  log(`— ${name}`);
  try {
    await fn();
  } catch (e) {
    failures[name] = String(e.message ?? e).slice(0, 500);
    log(`${name} FAILED: ${failures[name]}`);
    row(`${name}: failed`, "—", "", failures[name].split("\n")[0].slice(0, 80));
  }
}

let pg = null;
if (!process.env.VENTWELL_TEST_DATABASE_URL && (want("relay") || !only)) {
  pg = await startTempPostgres();
  if (pg) process.env.VENTWELL_TEST_DATABASE_URL = pg.url;
  else log("PostgreSQL binaries not found: relay figures on PostgreSQL are skipped");
}
process.on("exit", () => pg?.stop());

const needDist = ["model", "sync", "bundle"].some(want);
if (needDist && (args.includes("--build") || !existsSync(path.join(ROOT, "web/dist/index.html")))) {
  log("building web/ (the app the browser parts load)");
  await sh("pnpm", ["--filter", "@ventwell/web", "build"]);
}

await part("model", async () => {
  const file = path.join(ROOT, "web/public/models/ventwell-guide/onnx/model_quantized.onnx");
  results.modelBytes = statSync(file).size;
  row(
    "model size (int8 ONNX)",
    round(results.modelBytes / 1024 / 1024, 1),
    "MiB",
    "web/public/models/ventwell-guide",
  );
  const nodeRuns = [];
  for (let i = 0; i < (QUICK ? 1 : 3); i++)
    nodeRuns.push(jsonLines(await tsx("bench/model-node.ts", ["--messages", "200"]))[0]);
  results.modelNode = {
    runs: nodeRuns,
    coldLoadMedianMs: median(nodeRuns.map((r) => r.coldLoadMs)),
    classifyMedianMs: median(nodeRuns.map((r) => r.classifyMedianMs)),
    classifyP95Ms: median(nodeRuns.map((r) => r.classifyP95Ms)),
    analyzeMedianMs: median(nodeRuns.map((r) => r.analyzeMedianMs)),
    analyzeP95Ms: median(nodeRuns.map((r) => r.analyzeP95Ms)),
  };
  const m = results.modelNode;
  const how = `${nodeRuns.length} fresh processes × 200 messages`;
  row("model cold load, Node", m.coldLoadMedianMs, "ms", how);
  row("per message, Node: classifier median / p95", `${m.classifyMedianMs} / ${m.classifyP95Ms}`, "ms", how);
  row(
    "per message, Node: whole guide reply median / p95",
    `${m.analyzeMedianMs} / ${m.analyzeP95Ms}`,
    "ms",
    "analyzeOne: gate + policy + response",
  );
  const b = jsonLines(
    await tsx("bench/model-browser.ts", ["--runs", QUICK ? "1" : "3", "--messages", "200"]),
  )[0];
  results.modelBrowser = b;
  const bhow = `headless Chromium, ${b.runs} fresh contexts × ${b.messagesPerRun} messages through the app's worker`;
  row("model cold load, Chromium", b.coldLoadMedianMs, "ms", bhow);
  row(
    "per message, Chromium: median / p95",
    `${b.classifyMedianMs} / ${b.classifyP95Ms}`,
    "ms",
    "page → worker → page round trip",
  );
});

await part("argon2", async () => {
  const r = lastJsonBlock(
    await sh(process.execPath, ["web/bench/run.mjs", "argon2", "--runs", QUICK ? "2" : "5"]),
  );
  results.argon2 = r;
  const unlock = r["vault.unlock (worker, hash-wasm, + HKDF/unwrap/open)"];
  const hw = r["argon2id hash-wasm (main thread)"];
  row(
    "Argon2id unlock (vault.unlock, worker)",
    unlock?.medianMs,
    "ms",
    `64 MiB, t=3, p=1; ${unlock?.runsMs?.length} runs, Chromium`,
  );
  row("Argon2id alone (hash-wasm)", hw?.medianMs, "ms", "main thread, Chromium");
});

await part("crypto", async () => {
  const r = jsonLines(
    await tsx("bench/crypto.ts", ["--runs", QUICK ? "3" : "7", "--mib", QUICK ? "4" : "16"]),
  )[0];
  results.crypto = r;
  for (const s of r.sizes) {
    const kib = `${s.bytes / 1024} KiB`;
    row(
      `envelope seal / open, ${kib}`,
      `${s.envelopeSealMiBps} / ${s.envelopeOpenMiBps}`,
      "MiB/s",
      "XChaCha20-Poly1305 (@noble/ciphers), Node",
    );
    row(
      `WebCrypto AES-GCM enc / dec, ${kib}`,
      `${s.webcryptoAesGcmEncryptMiBps} / ${s.webcryptoAesGcmDecryptMiBps}`,
      "MiB/s",
      "same run, native",
    );
    row(
      `envelope ÷ AES-GCM (seal, open), ${kib}`,
      `${s.sealVsAesRatio} / ${s.openVsAesRatio}`,
      "ratio",
      ">1 = envelope faster",
    );
  }
});

await part("sync", async () => {
  const entries = QUICK ? 200 : 1000;
  const out = await tsx("web/bench/sync-pull.ts", [
    "--entries",
    String(entries),
    "--messages",
    "20",
    "--runs",
    QUICK ? "1" : "3",
  ]);
  const r = jsonLines(out).at(-1);
  results.newDeviceSync = r;
  row(
    `new-device sync, ${entries} entries × 20 messages`,
    r.medianMs,
    "ms",
    `sign-in click → list shown + "Synced", ${r.signInToListMs.length} runs, ${r.relayChunks} chunks`,
  );
});

await part("relay", async () => {
  const runs = [];
  for (let i = 0; i < (QUICK ? 1 : 3); i++)
    runs.push(
      jsonLines(
        await tsx("bench/relay-mix.ts", [
          "--seconds",
          QUICK ? "3" : "8",
          "--concurrency",
          "32",
          "--users",
          "20",
          "--streams",
          "40",
        ]),
      ),
    );
  results.relayMix = {};
  for (const store of ["sqlite", "postgres"]) {
    const rs = runs.map((lines) => lines.find((l) => l.store === store)).filter((l) => l && !l.skipped);
    if (!rs.length) {
      row(`relay mixed load, ${store}`, "skipped", "", "no PostgreSQL");
      continue;
    }
    const agg = {
      runs: rs,
      requestsPerSec: median(rs.map((r) => r.requestsPerSec)),
      p50Ms: median(rs.map((r) => r.latencyMs.p50)),
      p99Ms: median(rs.map((r) => r.latencyMs.p99)),
      errors: rs.reduce((n, r) => n + r.errors, 0),
      streamEvents: median(rs.map((r) => r.streams.events)),
    };
    results.relayMix[store] = agg;
    const inst = store === "postgres" ? "2 relays, 1 PostgreSQL" : "1 relay, SQLite";
    row(
      `relay mixed load, ${store}: throughput`,
      agg.requestsPerSec,
      "req/s",
      `${inst}; 32 workers, 80% pull / 5% full pull / 15% push, 40 event streams; ${rs.length} runs`,
    );
    row(`relay mixed load, ${store}: p50 / p99`, `${agg.p50Ms} / ${agg.p99Ms}`, "ms", "");
    row(`relay mixed load, ${store}: errors`, agg.errors, "", `stream events (median): ${agg.streamEvents}`);
  }
  if (!QUICK) {
    const pull = jsonLines(
      await sh(process.execPath, ["--import", "tsx", "sync-server/bench/relay-load.ts", "8"]),
    );
    results.relayPullOnly = pull;
    for (const p of pull.filter((l) => l.store))
      row(
        `relay pull-only (autocannon, 50 conns), ${p.store}`,
        `${p.requestsPerSec} req/s, p99 ${p.latencyMs.p99} ms`,
        "",
        `errors ${p.errors}, non-2xx ${p.non2xx}, RSS ${p.rssMiB.atRest}→${p.rssMiB.peakUnderLoad} MiB; 1 run`,
      );
  }
});

await part("journal", async () => {
  results.journalList = {};
  for (const [entries, runs] of [
    [1000, QUICK ? 2 : 5],
    [10000, QUICK ? 1 : 3],
  ]) {
    const r = lastJsonBlock(
      await sh(process.execPath, [
        "web/bench/run.mjs",
        "journal",
        "--entries",
        String(entries),
        "--messages",
        "3",
        "--runs",
        String(runs),
      ]),
    );
    const v = Object.values(r)[0];
    results.journalList[entries] = v;
    row(
      `journal list, ${entries.toLocaleString("en")} entries`,
      v.afterArgon2MedianMs,
      "ms",
      `unlock → list() after Argon2id (with it: ${v.unlockToListMedianMs} ms); ${runs} runs, Chromium`,
    );
  }
});

await part("bundle", async () => {
  const dist = path.join(ROOT, "web/dist");
  const html = readFileSync(path.join(dist, "index.html"), "utf8");
  const files = new Set();
  for (const m of html.matchAll(/<(?:script|link)\b[^>]*(?:src|href)="([^"]+)"[^>]*>/g)) {
    const tag = m[0];
    if (/<link/.test(tag) && !/rel="(stylesheet|modulepreload)"/.test(tag)) continue;
    if (/\/models\/|\.onnx|\.wasm/.test(m[1])) continue;
    files.add(m[1].replace(/^\//, ""));
  }
  const parts = [...files].map((f) => {
    const bytes = readFileSync(path.join(dist, f));
    return { file: f, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  const html_gz = gzipSync(Buffer.from(html), { level: 9 }).length;
  const gzip = parts.reduce((n, p) => n + p.gzip, 0) + html_gz;
  const wasmAssets = readdirSync(path.join(dist, "assets")).filter((f) => f.endsWith(".wasm"));
  results.bundle = {
    files: parts,
    indexHtmlGzip: html_gz,
    initialGzipBytes: gzip,
    rawBytes: parts.reduce((n, p) => n + p.bytes, 0),
    lazyWasm: wasmAssets,
  };
  row(
    "initial bundle (gzip, no model)",
    round(gzip / 1024, 1),
    "KiB",
    `index.html + ${parts.length} JS/CSS it loads or preloads; raw ${round(results.bundle.rawBytes / 1024)} KiB`,
  );
});

const report = {
  generatedAt: new Date().toISOString(),
  quick: QUICK,
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    loadAvg: os.loadavg().map((x) => round(x, 1)),
    node: process.version,
  },
  results,
  table: rows.map(([what, value, unit, how]) => ({ what, value, unit, how })),
  failures,
};
writeFileSync(path.join(ROOT, "bench/results.json"), JSON.stringify(report, null, 2) + "\n");
if (JSON_ONLY) console.log(JSON.stringify(report, null, 2));
else {
  const w0 = Math.max(...rows.map((r) => r[0].length), 6);
  const w1 = Math.max(...rows.map((r) => String(r[1] ?? "—").length), 5);
  const w2 = Math.max(...rows.map((r) => r[2].length), 4);
  console.log(`${"figure".padEnd(w0)}  ${"value".padStart(w1)}  ${"unit".padEnd(w2)}  how`);
  console.log(`${"-".repeat(w0)}  ${"-".repeat(w1)}  ${"-".repeat(w2)}  ---`);
  for (const [what, value, unit, how] of rows)
    console.log(`${what.padEnd(w0)}  ${String(value ?? "—").padStart(w1)}  ${unit.padEnd(w2)}  ${how}`);
  console.log(
    `\nmachine: ${report.machine.cpus} × ${report.machine.cpuModel}, load ${report.machine.loadAvg.join(" ")}; written bench/results.json`,
  );
}
process.exit(Object.keys(failures).length ? 1 : 0);
