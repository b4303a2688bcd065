// The service's self-report: catalog size, the serving index's state, the models in use and,
// while a model switch re-embeds the catalog, its progress.
import "server-only";
import type { HealthResponse } from "@/lib/contracts";
import { getPinRepository } from "@/lib/store";
import { getImageModels } from "./image-models";

export async function health(): Promise<HealthResponse> {
  const [repository, models] = await Promise.all([getPinRepository(), getImageModels()]);
  const pins = await repository.countPins();
  return { ok: true, pins, index: models.serving.vectors.stats(), models: models.report() };
}
