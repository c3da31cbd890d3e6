// Small helpers shared by the root scripts (start, test, relay, analyze, bench).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

export const root = path.resolve(fileURLToPath(new URL("..", import.meta.url)));

/** Run a command, inheriting stdio; resolves with its exit code. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: "inherit", cwd: root, ...opts });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on("error", (err) => {
      console.error(`could not run ${cmd}: ${err.message}`);
      resolve(1);
    });
  });
}

/** Exit non-zero with a one-line message naming the capability that has not landed. */
export function missing(capability) {
  console.error(`VentWell: ${capability} has not landed yet.`);
  process.exit(2);
}

export const has = (rel) => existsSync(path.join(root, rel));
