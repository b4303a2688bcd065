// The service's self-report.
import { z } from "zod";

export const HealthResponse = z.object({
  ok: z.literal(true),
  pins: z.number().int(),
  index: z.object({ engine: z.string(), size: z.number().int(), dim: z.number().int() }).passthrough(),
  models: z.object({ image: z.string() }).passthrough(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;
