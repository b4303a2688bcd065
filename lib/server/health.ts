// The service's self-report: catalog size, the serving index's state, the models in use,
// a model switch's progress, and the process's memory and image work.
import "server-only";
import type { HealthResponse } from "@/lib/contracts";
import { getPinRepository } from "@/lib/store";
import { getImageModels } from "./image-models";
import { jobsReport } from "./jobs";
import { serverLimits } from "./limits";

export async function health(): Promise<HealthResponse> {
  const [repository, models] = await Promise.all([getPinRepository(), getImageModels()]);
  const [pins, jobs] = await Promise.all([repository.countPins(), jobsReport()]);
  const memory = process.memoryUsage();
  return {
    ok: true,
    pins,
    index: models.serving.vectors.stats(),
    models: models.report(),
    jobs,
    process: {
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      uptimeSeconds: Math.round(process.uptime()),
      imageWork: serverLimits().imageWork.stats(),
    },
  };
}
