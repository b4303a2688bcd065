import { ImageSearchFields, TextSearchQuery } from "@/lib/contracts";
import { answer, json, parseImageForm, parseQuery } from "@/lib/server/http";
import { limitRate } from "@/lib/server/limits";
import { searchByImage, searchByText } from "@/lib/server/search";

export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return answer(async () => {
    await limitRate(request, "searches");
    const { image, fields } = await parseImageForm(request, ImageSearchFields);
    return json(await searchByImage(image, fields));
  });
}

export function GET(request: Request) {
  return answer(async () => {
    await limitRate(request, "searches");
    return json(await searchByText(parseQuery(request, TextSearchQuery)));
  });
}
