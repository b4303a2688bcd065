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

  it("takes a GeM power with pool gem, and only there", () => {
    const withPool = (part: Record<string, unknown>) => {
      const m = structuredClone(shipped) as { backbones: Array<{ parts: Array<Record<string, unknown>> }> };
      const parts = m.backbones[1]!.parts;
      parts[0] = { ...parts[0], ...part };
      return m;
    };
    expect(parseManifest(withPool({ pool: "gem", power: 3 })).backbones[1]!.parts[0]).toMatchObject({ pool: "gem", power: 3 });
    expect(() => parseManifest(withPool({ pool: "gem" }))).toThrow(/takes a power, and only it does/);
    expect(() => parseManifest(withPool({ pool: "mean", power: 3 }))).toThrow(/takes a power, and only it does/);
  });
});
