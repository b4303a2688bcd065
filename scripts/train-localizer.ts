// Trains the class-agnostic object localizer on composites of demo-catalog objects on Debian
// wallpapers and writes models/localizer/localizer.json, with its held-out figures.
//   npm run train-localizer [-- --composites 2400 --epochs 12]
// Needs the wallpapers: apt-get install mate-backgrounds gnome-backgrounds ukui-wallpapers.
// The composites' features are cached under --cache, so a second run only trains.
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { LOCALIZER_FILE } from "@/lib/detect/localizer";
import { trainLocalizer } from "@/training/localizer/train";

const { values } = parseArgs({
  options: {
    composites: { type: "string", default: "2400" },
    "held-out": { type: "string", default: "400" },
    "input-size": { type: "string", default: "320" },
    depth: { type: "string", default: "32" },
    hidden: { type: "string", default: "32" },
    epochs: { type: "string", default: "12" },
    seed: { type: "string", default: "1" },
    cache: { type: "string", default: ".cache/localizer" },
  },
});

const root = process.cwd();
const manifest = await trainLocalizer({
  root,
  cacheDir: path.resolve(root, values.cache),
  composites: Number(values.composites),
  heldOut: Number(values["held-out"]),
  inputSize: Number(values["input-size"]),
  depth: Number(values.depth),
  hidden: Number(values.hidden),
  epochs: Number(values.epochs),
  seed: Number(values.seed),
  log: (line) => console.log(line),
});
const file = path.join(root, LOCALIZER_FILE);
await mkdir(path.dirname(file), { recursive: true });
await writeFile(`${file}.tmp`, `${JSON.stringify(manifest)}\n`);
await rename(`${file}.tmp`, file);
console.log(`wrote ${path.relative(root, file)}`);
process.exit(0);
