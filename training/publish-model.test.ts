import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { EmbeddingManifest } from "@/lib/embedding/manifest";
import { publishModel } from "./publish-model";

const shipped = JSON.parse(readFileSync(path.join(process.cwd(), "models", "glimpse-unified", "manifest.json"), "utf8")) as EmbeddingManifest;
const version = (dir: string) => (JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as EmbeddingManifest).version;
const meanOf = (dir: string) => new Float32Array(Uint8Array.from(readFileSync(path.join(dir, shipped.postprocess.mean.file))).buffer);

describe("publishing a model version", () => {
  it("moves the current version aside, keeps only the one before, and leaves nothing half-written", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "glimpse-publish-"));
    const dir = path.join(root, "glimpse-unified");
    const publish = (v: number) => publishModel(dir, { ...shipped, version: v }, { mean: Float32Array.of(v), projection: Float32Array.of(v, v) });

    await publish(1);
    expect(readdirSync(root)).toEqual(["glimpse-unified"]);
    await publish(2);
    expect(readdirSync(root).sort()).toEqual(["glimpse-unified", "glimpse-unified@1"]);
    await publish(3);
    expect(readdirSync(root).sort()).toEqual(["glimpse-unified", "glimpse-unified@2"]);
    expect(version(dir)).toBe(3);
    expect(version(path.join(root, "glimpse-unified@2"))).toBe(2);
    // Each folder holds its own version's files.
    expect(Array.from(meanOf(dir))).toEqual([3]);
    expect(Array.from(meanOf(path.join(root, "glimpse-unified@2")))).toEqual([2]);
  });
});
