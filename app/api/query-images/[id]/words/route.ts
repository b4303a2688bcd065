import { answer, json } from "@/lib/server/http";
import { limitRate } from "@/lib/server/limits";
import { readQueryImageWords } from "@/lib/server/query-images";

export const dynamic = "force-dynamic";

/** The words read in a kept query image: `{"words": string[], "lines": string[]}`. */
export function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return answer(async () => {
    await limitRate(request, "searches");
    return json(await readQueryImageWords((await params).id));
  });
}
