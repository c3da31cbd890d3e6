#!/usr/bin/env node
/**
 * Bundles the relay into plain JavaScript for the container image (no tsx, no workspace
 * at run time): `node deploy/bundle-relay.mjs OUT_DIR`. Run it after `pnpm install`.
 *
 * OUT_DIR/
 *   sync-server/dist/relay/relay.mjs    the relay CLI (src/cli.ts)
 *   sync-server/dist/relay/backup.mjs   the backup CLI (src/backup.ts)
 *   shared/src/exercises.json           read at ../../../shared/src/ from the bundle, as from src/http/
 *   node_modules/                       better-sqlite3 (native, built by pnpm install) and its runtime deps
 *
 * better-sqlite3 stays external (it loads a compiled .node file); everything else,
 * pg included, is inlined. The Dockerfile and sync-server/test/deploy.test.ts both run this.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.resolve(process.argv[2] ?? path.join(root, "deploy/.out"));
const requireFromRelay = createRequire(path.join(root, "sync-server/package.json"));
const esbuild = requireFromRelay("esbuild");

await esbuild.build({
  entryPoints: {
    relay: path.join(root, "sync-server/src/cli.ts"),
    backup: path.join(root, "sync-server/src/backup.ts"),
  },
  outdir: path.join(out, "sync-server/dist/relay"),
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // pg-native is pg's optional native driver (not installed); better-sqlite3 is native.
  external: ["better-sqlite3", "pg-native"],
  // CommonJS dependencies (pg) call require() for Node built-ins; give the ESM bundle one.
  banner: {
    js: "import { createRequire as __vwCreateRequire } from 'node:module'; const require = __vwCreateRequire(import.meta.url);",
  },
  legalComments: "none",
  logLevel: "warning",
});

mkdirSync(path.join(out, "shared/src"), { recursive: true });
cpSync(path.join(root, "shared/src/exercises.json"), path.join(out, "shared/src/exercises.json"));

// Copy better-sqlite3 and its run-time dependency chain (bindings → file-uri-to-path),
// dereferenced out of pnpm's virtual store into a flat node_modules.
const modules = path.join(out, "node_modules");
mkdirSync(modules, { recursive: true });
let from = path.join(root, "sync-server");
for (const name of ["better-sqlite3", "bindings", "file-uri-to-path"]) {
  const dir = path.dirname(
    realpathSync(createRequire(path.join(from, "package.json")).resolve(`${name}/package.json`)),
  );
  cpSync(dir, path.join(modules, name), {
    recursive: true,
    dereference: true,
    // Run time needs the compiled addon and lib/, not the SQLite sources or build objects.
    filter: (src) =>
      !/^[\\/](deps|src|node_modules|build[\\/](Release[\\/])?(obj|obj\.target|deps|test_extension\.node|sqlite3\.a))([\\/]|$)/.test(
        src.slice(dir.length),
      ),
  });
  from = dir;
}
const addon = path.join(modules, "better-sqlite3/build/Release/better_sqlite3.node");
if (!existsSync(addon))
  throw new Error(`bundle-relay: ${addon} is missing: was better-sqlite3 built by pnpm install?`);
process.stdout.write(
  `bundle-relay: wrote ${path.relative(process.cwd(), out) || "."} (${readdirSync(modules).join(", ")})\n`,
);
