// The Web Share Target: the system's share sheet posts what was shared to Glimpse here, as a
// form would. A picture is kept as a query image (like any image search) and the browser is
// sent on to its image search; shared words or a link without a picture become a text search;
// a file that is not a picture lands on the image search page with the reason.
import { AppError } from "@/lib/errors";
import { readMultipart } from "@/lib/server/http";
import { limitRate } from "@/lib/server/limits";
import { storeQueryImage } from "@/lib/server/query-images";

export const dynamic = "force-dynamic";

function seeOther(request: Request, location: string): Response {
  return Response.redirect(new URL(location, request.url), 303);
}

export async function POST(request: Request): Promise<Response> {
  try {
    await limitRate(request, "searches");
    const form = await readMultipart(request);
    const image = form.get("image");
    if (image instanceof File && image.size > 0) {
      const stored = await storeQueryImage(new Uint8Array(await image.arrayBuffer()));
      return seeOther(request, `/search/image?image=${stored.id}`);
    }
    const words = ["title", "text", "url"].map((name) => form.get(name)).find((value) => typeof value === "string" && value.trim());
    if (typeof words === "string") return seeOther(request, `/search?q=${encodeURIComponent(words.trim().slice(0, 200))}`);
    return seeOther(request, "/search/image?shareError=missing_image");
  } catch (error) {
    if (!(error instanceof AppError)) console.error("share target failed", error);
    return seeOther(request, `/search/image?shareError=${error instanceof AppError ? error.code : "internal"}`);
  }
}
