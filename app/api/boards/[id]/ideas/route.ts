import { IdeasQuery } from "@/lib/contracts";
import { currentUser } from "@/lib/server/auth";
import { boardIdeas } from "@/lib/server/board-ideas";
import { answer, json, parseQuery } from "@/lib/server/http";

export const dynamic = "force-dynamic";

export function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return answer(async () => {
    const { k } = parseQuery(request, IdeasQuery);
    const { results, tookMs } = await boardIdeas((await params).id, await currentUser(request), k);
    return json({ results, tookMs });
  });
}
