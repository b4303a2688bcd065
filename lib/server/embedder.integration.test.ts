// The server's embedder is one instance per process, read from models/ under the working directory.
import { describe, expect, it } from "vitest";
import { getImageEmbedder } from "./embedder";

describe("getImageEmbedder", () => {
  it("loads the shipped model once and hands out the same instance", async () => {
    const [a, b] = await Promise.all([getImageEmbedder(), getImageEmbedder()]);
    expect(a).toBe(b);
    expect(await getImageEmbedder()).toBe(a);
    expect(a.dim).toBe(256);
    expect(a.minRelevantScore).toBeGreaterThan(0);
    expect(a.minRelevantScore).toBeLessThan(1);
  });
});
