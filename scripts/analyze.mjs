// `pnpm analyze`: JSON lines in on stdin, one /analyze result per line out.
import { run, has, missing } from "./lib.mjs";
if (!has("web/src/ai/cli.ts")) missing("the on-device classifiers (issue: the classifiers)");
process.exit(await run("pnpm", ["exec", "tsx", "web/src/ai/cli.ts", ...process.argv.slice(2)]));
