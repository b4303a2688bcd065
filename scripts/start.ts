// `npm start`: builds the app if needed, starts the production server on PORT (default 3000)
// with its embedded store in DATA_DIR (default ./data), and on first run seeds the demo catalog
// through the API with a progress bar. DEMO_CATALOG=0 starts with an empty catalog.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { readCatalog } from "./lib/catalog-source";
import { ingest } from "./lib/ingest";
import { dataDir as dataDirectory } from "@/lib/config";

const port = process.env.PORT ?? "3000";
const dataDir = dataDirectory();
const base = `http://127.0.0.1:${port}`;
const next = path.join("node_modules", "next", "dist", "bin", "next");
const demoCatalog = path.join("catalog", "demo", "catalog.jsonl");

/** The newest modification time among the files a production build is made from. */
function newestSourceTime(): number {
  const roots = ["app", "components", "lib", "models", "next.config.ts", "package-lock.json", "postcss.config.mjs"];
  let newest = 0;
  for (const root of roots.filter((r) => existsSync(r))) {
    const files = statSync(root).isDirectory() ? readdirSync(root, { recursive: true }).map((f) => path.join(root, String(f))) : [root];
    for (const file of files) newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}

const buildId = path.join(".next", "BUILD_ID");
if (!existsSync(buildId) || statSync(buildId).mtimeMs < newestSourceTime()) {
  console.log("Building Glimpse (first run, or the sources changed)…");
  const build = spawnSync(process.execPath, [next, "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(process.execPath, [next, "start", "-p", port], {
  stdio: "inherit",
  env: { ...process.env, DATA_DIR: dataDir },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code) => process.exit(code ?? 0));

async function waitForHealth(): Promise<void> {
  for (;;) {
    try {
      const response = await fetch(`${base}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

await waitForHealth();
if (process.env.DEMO_CATALOG !== "0") {
  // The journal remembers what was added, so later starts add only demo pins that are new since
  // (and never bring back one a user deleted).
  const summary = await ingest(await readCatalog(demoCatalog), {
    base,
    concurrency: 2,
    stateDir: path.join(dataDir, "ingest"),
    journal: "demo-catalog.done",
    label: "demo catalog",
  });
  if (summary.failed.length > 0) {
    console.warn(`${summary.failed.length} demo pins failed; they will be retried on the next start.`);
    for (const failure of summary.failed.slice(0, 5)) console.warn(`  ${failure.key}: ${failure.reason}`);
  }
}
console.log(`Glimpse is ready at http://localhost:${port}`);
