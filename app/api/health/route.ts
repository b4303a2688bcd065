import { answer, json } from "@/lib/server/http";
import { health } from "@/lib/server/health";

export const dynamic = "force-dynamic";

export function GET() {
  return answer(async () => json(await health()));
}
