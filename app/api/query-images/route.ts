import { z } from "zod";
import { answer, json, parseImageForm } from "@/lib/server/http";
import { limitRate } from "@/lib/server/limits";
import { storeQueryImage } from "@/lib/server/query-images";

export const dynamic = "force-dynamic";

/** Keeps an image searched with, so the search has a URL: `201 {"id", "url", "expiresAt"}`. */
export function POST(request: Request) {
  return answer(async () => {
    await limitRate(request, "searches");
    const { image } = await parseImageForm(request, z.object({}).strict());
    const stored = await storeQueryImage(image);
    return json({ ...stored, url: `/api/query-images/${stored.id}` }, 201);
  });
}
