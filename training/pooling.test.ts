import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseManifest } from "@/lib/embedding/manifest";
import { readManifest } from "@/lib/embedding/model-files";
import { GEM_POWER, poolingTag, sameFeatures, withPooling } from "./pooling";

const baseline = await readManifest(path.join(process.cwd(), "models/glimpse-concat-pca256"));

describe("withPooling", () => {
  it("turns every averaged map into GeM and leaves vectors the network pools itself", () => {
    const gem = withPooling(baseline, "gem");
    const parts = gem.backbones.flatMap((b) => b.parts);
    const before = baseline.backbones.flatMap((b) => b.parts);
    parts.forEach((p, i) => {
      expect(p.node).toBe(before[i]!.node);
      expect(p.dim).toBe(before[i]!.dim);
      expect(p.pool).toBe(before[i]!.pool === "mean" ? "gem" : before[i]!.pool);
      if (p.pool === "gem") expect(p.power).toBe(GEM_POWER);
    });
    expect(parts.some((p) => p.pool === "none")).toBe(true);
    expect(withPooling(baseline, "mean")).toBe(baseline);
  });

  it("tells features apart by their pooling, and names the pooling for cache folders", () => {
    const gem = withPooling(baseline, "gem");
    expect(sameFeatures(baseline, structuredClone(baseline))).toBe(true);
    expect(sameFeatures(baseline, gem)).toBe(false);
    expect(sameFeatures(gem, { ...gem, id: "another", version: 9 })).toBe(true);
    // As read from disk, where the schema orders each part's keys: the shipped GeM teacher.
    expect(sameFeatures(parseManifest(JSON.parse(JSON.stringify(gem))), gem)).toBe(true);
    expect(gem.backbones.map((b) => poolingTag(b.parts))).toEqual(["", `-gem${GEM_POWER}`]);
    expect(baseline.backbones.map((b) => poolingTag(b.parts))).toEqual(["", ""]);
  });
});
