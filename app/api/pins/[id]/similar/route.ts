import { SimilarQuery } from "@/lib/contracts";
import { answer, json, parseQuery } from "@/lib/server/http";
import { similarPins } from "@/lib/server/search";

export const dynamic = "force-dynamic";

export function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return answer(async () => {
    const { k } = parseQuery(request, SimilarQuery);
    return json(await similarPins((await params).id, k));
  });
}
