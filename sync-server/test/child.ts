/** Runs the real CLI (`src/cli.ts` through tsx) as a child process, as `pnpm relay` does. */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const PKG = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface RelayChild {
  url: string;
  proc: ChildProcess;
  output: () => string;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
}

export async function spawnRelay(env: Record<string, string>): Promise<RelayChild> {
  const proc = spawn(process.execPath, ["--import", "tsx", "src/cli.ts"], {
    cwd: PKG,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", VENTWELL_SCRYPT_LOG_N: "10", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout!.on("data", (d) => (out += d));
  proc.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | string>((resolve) =>
    proc.on("exit", (code, signal) => resolve(code ?? signal ?? "?")),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay did not start in 20 s:\n${out}`)), 20_000);
    const check = () => {
      const m = out.match(/relay: listening on (http:\/\/[^\s]+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    proc.stdout!.on("data", check);
    proc.stderr!.on("data", check);
    void exited.then((code) => reject(new Error(`relay exited (${code}) before listening:\n${out}`)));
  });
  return { url, proc, output: () => out, exited };
}
