// `npm run convert-models [-- --check]`: converts the packaged TF.js networks the server runs
// (lib/embedding/onnx-export/networks.ts) to ONNX under models/networks/, each with a manifest
// holding its checksums. --check writes nothing and fails if a committed file differs from what
// the converter makes now.
import { readFile, writeFile, mkdir, rename } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { convertNetwork, NETWORKS_DIR } from "@/lib/embedding/onnx-export/convert";
import { NETWORKS } from "@/lib/embedding/onnx-export/networks";

const { values } = parseArgs({ options: { check: { type: "boolean", default: false } } });
const root = process.cwd();

async function writeAtomically(file: string, bytes: Uint8Array | string): Promise<void> {
  const tmp = `${file}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, file);
}

await mkdir(path.join(root, NETWORKS_DIR), { recursive: true });
let stale = 0;
for (const recipe of NETWORKS) {
  const started = performance.now();
  const { bytes, manifest } = await convertNetwork(recipe, root);
  const onnxFile = path.join(root, manifest.onnx.file);
  const manifestFile = path.join(root, NETWORKS_DIR, `${recipe.name}.json`);
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  const ms = Math.round(performance.now() - started);
  if (values.check) {
    const [onDisk, manifestOnDisk] = await Promise.all([readFile(onnxFile).catch(() => null), readFile(manifestFile, "utf8").catch(() => null)]);
    const same = onDisk !== null && Buffer.compare(onDisk, bytes) === 0 && manifestOnDisk === manifestText;
    if (!same) stale++;
    console.log(`${recipe.name}: ${same ? "up to date" : "DIFFERS from the committed files"} (${(bytes.byteLength / 1e6).toFixed(2)} MB, sha256 ${manifest.onnx.sha256.slice(0, 12)}…, ${ms} ms)`);
    continue;
  }
  await writeAtomically(onnxFile, bytes);
  await writeAtomically(manifestFile, manifestText);
  console.log(`${recipe.name}: ${manifest.onnx.file} ${(bytes.byteLength / 1e6).toFixed(2)} MB, sha256 ${manifest.onnx.sha256} (${ms} ms)`);
}
if (stale > 0) {
  console.error(`${stale} network(s) differ: run npm run convert-models and commit the result`);
  process.exit(1);
}
