import { CreatePinFields, FeedQuery } from "@/lib/contracts";
import { answer, json, parseImageForm, parseQuery } from "@/lib/server/http";
import { limitRate } from "@/lib/server/limits";
import { listFeed } from "@/lib/server/pins";
import { uploadPin } from "@/lib/server/uploads";

export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return answer(async () => {
    limitRate(request, "uploads");
    const { image, fields } = await parseImageForm(request, CreatePinFields);
    return json({ pin: await uploadPin(request, image, fields) }, 201);
  });
}

export function GET(request: Request) {
  return answer(async () => json(await listFeed(parseQuery(request, FeedQuery))));
}
