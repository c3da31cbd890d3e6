// `pnpm bench`: prints a table and writes bench/results.json.
import { run, has, missing } from "./lib.mjs";
if (!has("bench/run.mjs")) missing("the benchmark suite (issue: prove it — benchmarks)");
process.exit(await run("node", ["bench/run.mjs", ...process.argv.slice(2)]));
