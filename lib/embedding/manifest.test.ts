import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { featureDim, modelKey, parseManifest } from "./manifest";

const shipped = JSON.parse(readFileSync(path.join(process.cwd(), "models/glimpse-concat-pca256/manifest.json"), "utf8")) as Record<string, unknown>;

describe("embedding manifest", () => {
  it("parses the shipped manifest", () => {
    const m = parseManifest(shipped);
    expect(modelKey(m)).toBe(`glimpse-concat-pca256@${m.version}`);
    expect(featureDim(m)).toBe(m.postprocess.projection.shape[1]);
  });

  it("rejects a projection that does not fit the parts", () => {
    const bad = structuredClone(shipped) as { postprocess: { projection: { shape: number[] } } };
    bad.postprocess.projection.shape = [256, 100];
    expect(() => parseManifest(bad)).toThrow(/projection must be/);
  });

  it("rejects a query view that names no saliency map", () => {
    const bad = structuredClone(shipped) as { queryViews: { saliency: string[] } };
    bad.queryViews.saliency = ["nowhere"];
    expect(() => parseManifest(bad)).toThrow(/unknown saliency map/);
  });
});
