// GET /api/codes?after=&limit= — sign-bit codes of the catalog for the on-device index.
import { CodesQuery } from "@/lib/contracts";
import { answer, json, parseQuery } from "@/lib/server/http";
import { catalogCodes } from "@/lib/server/codes";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return answer(async () => json(await catalogCodes(parseQuery(request, CodesQuery))));
}
