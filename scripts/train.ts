// Trains the unified embedding's head on the demo catalog, then distils the on-device student
// into its space, and writes both as versioned models under models/.
//   npm run train [-- --workers 2 --epochs 10 --concept-weight 0.5 --out glimpse-unified --student glimpse-student]
//   npm run train -- --student-only --student-size 192   (a new student for the teacher in --out)
// A new teacher is written only if it beats the one in --out on the same held-out views
// (--force writes it anyway); the student follows only a teacher that was written.
// Backbone features of the augmented views are cached under --cache, so only the first run
// pays for them (about 10 minutes with 2 workers on 2 cores); later runs train in about a minute.
import { spawn } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    from: { type: "string", default: "glimpse-concat-pca256" },
    out: { type: "string", default: "glimpse-unified" },
    student: { type: "string", default: "glimpse-student" },
    "student-size": { type: "string", default: "192" },
    catalog: { type: "string", default: "catalog/demo/catalog.jsonl" },
    cache: { type: "string", default: ".cache/train" },
    seed: { type: "string", default: "1" },
    workers: { type: "string", default: "2" },
    epochs: { type: "string", default: "10" },
    "concept-weight": { type: "string", default: "0.5" },
    "student-only": { type: "boolean", default: false },
    force: { type: "boolean", default: false },
    shard: { type: "string" },
  },
});

const root = process.cwd();
const { trainingSetup, extractShard, trainAll } = await import("@/training/pipeline");
const options = {
  root,
  from: path.join(root, "models", values.from),
  out: path.join(root, "models", values.out),
  student: path.join(root, "models", values.student),
  studentSize: Number(values["student-size"]),
  catalog: path.join(root, values.catalog),
  cache: path.join(root, values.cache),
  seed: Number(values.seed),
  epochs: Number(values.epochs),
  conceptWeight: Number(values["concept-weight"]),
  studentOnly: values["student-only"],
  force: values.force,
};
const setup = await trainingSetup(options);

if (values.shard !== undefined) {
  // A child process: features for one shard of the views, then exit.
  const [shard, of] = values.shard.split("/").map(Number);
  await extractShard(setup, shard!, of!, (line) => console.log(`[${shard}/${of}] ${line}`));
  process.exit(0);
}

const workers = Math.max(1, Number(values.workers));
const children = Array.from({ length: workers - 1 }, (_, i) =>
  new Promise<void>((resolve, reject) => {
    const args = ["--conditions=react-server", "scripts/train.ts", ...process.argv.slice(2), "--shard", `${i + 1}/${workers}`];
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), args, { stdio: "inherit" });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`feature worker ${i + 1} exited with ${code}`))));
  }),
);
await extractShard(setup, 0, workers, (line) => console.log(`[0/${workers}] ${line}`));
await Promise.all(children);
await trainAll(setup, console.log);
