import { ImageSearchFields, TextSearchQuery } from "@/lib/contracts";
import { answer, json, parseImageForm, parseQuery } from "@/lib/server/http";
import { searchByImage, searchByText } from "@/lib/server/search";

export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return answer(async () => {
    const { image, fields } = await parseImageForm(request, ImageSearchFields);
    return json(await searchByImage(image, fields));
  });
}

export function GET(request: Request) {
  return answer(async () => json(await searchByText(parseQuery(request, TextSearchQuery))));
}
