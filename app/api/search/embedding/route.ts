import { EmbeddingSearchBody } from "@/lib/contracts";
import { answer, json, parseJson } from "@/lib/server/http";
import { limitRate } from "@/lib/server/limits";
import { searchByEmbedding } from "@/lib/server/search";

export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return answer(async () => {
    await limitRate(request, "searches");
    return json(await searchByEmbedding(await parseJson(request, EmbeddingSearchBody)));
  });
}
