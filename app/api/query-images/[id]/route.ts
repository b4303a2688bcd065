import { answer } from "@/lib/server/http";
import { readQueryImage } from "@/lib/server/query-images";

export const dynamic = "force-dynamic";

export function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return answer(async () => {
    const bytes = await readQueryImage((await params).id);
    return new Response(new Uint8Array(bytes), {
      headers: { "content-type": "image/jpeg", "cache-control": "private, max-age=3600", "x-content-type-options": "nosniff" },
    });
  });
}
