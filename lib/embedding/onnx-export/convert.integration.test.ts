// The committed ONNX files are what the converter makes now, from the packages in node_modules:
// regenerating gives the same bytes, and each manifest records their checksum.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { convertNetwork, NETWORKS_DIR, type NetworkManifest } from "./convert";
import { NETWORKS } from "./networks";

const root = process.cwd();

describe("npm run convert-models", () => {
  it.each(NETWORKS.map((n) => [n.name, n] as const))("regenerates %s byte for byte", async (name, recipe) => {
    const [first, second] = [await convertNetwork(recipe, root), await convertNetwork(recipe, root)];
    expect(Buffer.compare(Buffer.from(first.bytes), Buffer.from(second.bytes))).toBe(0);
    const committed = JSON.parse(await readFile(path.join(root, NETWORKS_DIR, `${name}.json`), "utf8")) as NetworkManifest;
    expect(first.manifest).toEqual(committed);
    const onDisk = await readFile(path.join(root, committed.onnx.file));
    expect(createHash("sha256").update(onDisk).digest("hex")).toBe(committed.onnx.sha256);
    expect(first.manifest.onnx.sha256).toBe(committed.onnx.sha256);
  });
});
