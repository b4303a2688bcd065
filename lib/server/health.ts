// The service's self-report: catalog size, the serving index's state, the models in use,
// a model switch's progress, and the process's memory and image work.
import "server-only";
import type { HealthResponse } from "@/lib/contracts";
import { serverContext } from "./context";
import { jobsReport } from "./jobs";

export async function health(): Promise<HealthResponse> {
  const context = await serverContext();
  const [pins, models, jobs] = await Promise.all([context.pins.countPins(), context.models(), jobsReport()]);
  const memory = process.memoryUsage();
  return {
    ok: true,
    pins,
    index: await models.serving.vectors.stats(),
    models: models.report(),
    jobs,
    process: {
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      uptimeSeconds: Math.round(process.uptime()),
      imageWork: context.limits.imageWork.stats(),
      reads: context.limits.reads.stats(),
    },
  };
}
