// The service's self-report: catalog size, index state and the model in use.
import "server-only";
import type { HealthResponse } from "@/lib/contracts";
import { getPinRepository } from "@/lib/store";
import { getImageEmbedder } from "./embedder";
import { getVectorIndex } from "./vectors";

export async function health(): Promise<HealthResponse> {
  const [repository, embedder, vectors] = await Promise.all([getPinRepository(), getImageEmbedder(), getVectorIndex()]);
  return {
    ok: true,
    pins: await repository.countPins(),
    index: vectors.stats(),
    models: { image: embedder.model, dim: embedder.dim },
  };
}
