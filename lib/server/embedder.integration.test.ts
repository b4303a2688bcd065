// The server's embedder is one instance per model folder, read from models/ under the working directory.
import { describe, expect, it } from "vitest";
import { loadImageEmbedder } from "./embedder";
import { activeModelDir, modelsDir, readModelCatalog } from "./model-catalog";

describe("loadImageEmbedder", () => {
  it("loads the shipped model once and hands out the same instance", async () => {
    const { active } = await readModelCatalog(modelsDir(), activeModelDir());
    const [a, b] = await Promise.all([loadImageEmbedder(active), loadImageEmbedder(active)]);
    expect(a).toBe(b);
    expect(await loadImageEmbedder(active)).toBe(a);
    expect(a.dim).toBe(256);
    expect(a.minRelevantScore).toBeGreaterThan(0);
    expect(a.minRelevantScore).toBeLessThan(1);
  });
});
