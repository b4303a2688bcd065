// `npm run eval -- --data <bench half> [--base URL] [runner options]`: measures a running Glimpse
// with the development benchmark's runner (../shared/bench/run.mjs). It starts nothing itself:
// point it at a fresh, empty app (`DEMO_CATALOG=0 DATA_DIR=$(mktemp -d) npm start`).
import { spawnSync } from "node:child_process";
import path from "node:path";

const runner = path.resolve(process.env.BENCH_DIR ?? path.join("..", "shared", "bench"), "run.mjs");
const args = process.argv.slice(2);
if (!args.includes("--base")) args.push("--base", `http://127.0.0.1:${process.env.PORT ?? 3000}`);
const run = spawnSync(process.execPath, [runner, ...args], { stdio: "inherit" });
process.exit(run.status ?? 1);
