/**
 * Headers and the page (issue 7): the served Content-Security-Policy is strict (no inline
 * or eval'd script, no remote origin anywhere), HSTS only when the request came over TLS,
 * no referrer leaks, every response (API, app, errors) carries them; the app's HTML has no
 * inline script; and a dependency audit finds no high-severity advisory. (The service
 * worker's scope is checked in the browser: web/e2e/security-headers.spec.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { makeRelay, type TestRelay } from "./helpers.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
let r: TestRelay;
let dist: string;
beforeAll(async () => {
  dist = mkdtempSync(path.join(os.tmpdir(), "vw-hdr-dist-"));
  mkdirSync(path.join(dist, "assets"));
  writeFileSync(path.join(dist, "index.html"), "<!doctype html><title>x</title>");
  writeFileSync(path.join(dist, "assets", "a.js"), "1");
  r = await makeRelay({ webDist: dist });
});
afterAll(async () => {
  await r.close();
  rmSync(dist, { recursive: true, force: true });
});

function parseCsp(header: string): Map<string, string[]> {
  return new Map(
    header
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );
}

/** Every way a CSP could let in inline script or a remote origin. */
function cspProblems(header: string): string[] {
  const csp = parseCsp(header);
  const problems: string[] = [];
  const scripts = csp.get("script-src") ?? csp.get("default-src");
  if (!scripts) problems.push("no script-src or default-src");
  for (const bad of [
    "'unsafe-inline'",
    "'unsafe-eval'",
    "'unsafe-hashes'",
    "data:",
    "blob:",
    "'strict-dynamic'",
  ])
    if (scripts?.includes(bad)) problems.push(`script-src allows ${bad}`);
  if (csp.get("default-src")?.join(" ") !== "'self'") problems.push("default-src is not exactly 'self'");
  for (const [name, values] of csp)
    for (const v of values) {
      // Only keywords, 'self', and local schemes; no host, wildcard or http(s): origin.
      if (/^(https?:|wss?:|\*|[a-z0-9.-]+\.[a-z]{2,}|\/\/)/i.test(v))
        problems.push(`${name} allows remote ${v}`);
    }
  for (const [name, want] of [
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["frame-ancestors", "'none'"],
  ] as const)
    if (csp.get(name)?.join(" ") !== want) problems.push(`${name} is not ${want}`);
  return problems;
}

describe("security headers", () => {
  it("the CSP checker itself catches weak policies", () => {
    expect(
      cspProblems(
        "default-src 'self'; script-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
      ),
    ).toContain("script-src allows 'unsafe-inline'");
    expect(
      cspProblems(
        "default-src 'self'; connect-src https://api.example.com; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
      ),
    ).toEqual(["connect-src allows remote https://api.example.com"]);
    expect(cspProblems("default-src *")).not.toEqual([]);
  });

  it("every kind of response carries a strict CSP, no-referrer, nosniff; no HSTS over plain HTTP", async () => {
    const urls = [
      "/v1/health",
      "/v1/sync/pull",
      "/v1/nope",
      "/",
      "/assets/a.js",
      "/assets/missing.js",
      "/metrics",
      "/v1/openapi.json",
    ];
    for (const u of urls) {
      const res = await r.call("GET", u);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(cspProblems(csp), `${u}: ${csp}`).toEqual([]);
      expect(res.headers.get("referrer-policy"), u).toBe("no-referrer");
      expect(res.headers.get("x-content-type-options"), u).toBe("nosniff");
      expect(res.headers.get("strict-transport-security"), u).toBeNull();
    }
    // A POST error path too.
    const post = await r.call("POST", "/v1/sync/push", { raw: "{" });
    expect(cspProblems(post.headers.get("content-security-policy") ?? "")).toEqual([]);
  });

  it("HSTS only when the first X-Forwarded-Proto hop says https", async () => {
    const hsts = async (proto?: string) =>
      (
        await r.call("GET", "/", { headers: proto === undefined ? {} : { "x-forwarded-proto": proto } })
      ).headers.get("strict-transport-security");
    for (const p of ["https", "https, http", " https "]) expect(await hsts(p), p).toMatch(/^max-age=(\d+)/);
    expect(Number(/max-age=(\d+)/.exec((await hsts("https"))!)![1])).toBeGreaterThanOrEqual(180 * 86400);
    for (const p of [undefined, "http", "http, https", "", "HTTPS-ish"])
      expect(await hsts(p), String(p)).toBeNull();
  });

  it("the app's HTML loads no inline script and no remote resource; a meta no-referrer backs the header", () => {
    const files = [path.join(ROOT, "web/index.html")];
    try {
      readFileSync(path.join(ROOT, "web/dist/index.html"));
      files.push(path.join(ROOT, "web/dist/index.html"));
    } catch {
      /* not built yet: the source is checked; the e2e spec checks the built page */
    }
    for (const f of files) {
      const html = readFileSync(f, "utf8");
      for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
        expect(m[1], `${f}: inline script`).toMatch(/\bsrc=/);
        expect(m[2]!.trim(), f).toBe("");
      }
      expect(html, f).not.toMatch(/\son[a-z]+\s*=/i); // inline event handlers
      expect(html, f).not.toMatch(/(src|href)=["']?(https?:)?\/\//i);
      expect(html, f).toMatch(/<meta name="referrer" content="no-referrer"/);
    }
  });
});

describe("dependency audit", () => {
  it("no known high-severity advisory in production dependencies (pnpm audit --audit-level high --prod)", (ctx) => {
    const res = spawnSync("pnpm", ["audit", "--audit-level", "high", "--prod", "--json"], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 60_000,
    });
    let report: {
      error?: { code?: string; message?: string };
      metadata?: { vulnerabilities?: Record<string, number> };
      advisories?: Record<string, { module_name: string; severity: string; title: string }>;
    } = {};
    try {
      report = JSON.parse(res.stdout);
    } catch {
      /* not JSON: treated as unreachable below */
    }
    if (!report.metadata) {
      // Not a pass: the audit could not run. Shown as skipped with the reason.
      const why = report.error?.message ?? (res.stderr || res.stdout || String(res.error)).slice(0, 300);
      console.warn(`DEPENDENCY AUDIT NOT RUN — the registry's audit endpoint is unreachable here: ${why}`);
      ctx.skip(`dependency audit not run: audit endpoint unreachable (${report.error?.code ?? "no answer"})`);
      return;
    }
    const high = Object.values(report.advisories ?? {}).filter(
      (a) => a.severity === "high" || a.severity === "critical",
    );
    expect(high.map((a) => `${a.module_name}: ${a.title} (${a.severity})`)).toEqual([]);
    expect(
      (report.metadata.vulnerabilities?.high ?? 0) + (report.metadata.vulnerabilities?.critical ?? 0),
    ).toBe(0);
  });
});
