import { CreatePinFields, FeedQuery } from "@/lib/contracts";
import { answer, json, parseImageForm, parseQuery } from "@/lib/server/http";
import { limitRate } from "@/lib/server/limits";
import { listFeed } from "@/lib/server/pins";
import { StageTimings } from "@/lib/server/stage-timings";
import { uploadPin } from "@/lib/server/uploads";

export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return answer(async () => {
    await limitRate(request, "uploads");
    const { image, fields } = await parseImageForm(request, CreatePinFields);
    const timings = new StageTimings();
    const response = json({ pin: await uploadPin(request, image, fields, timings) }, 201);
    response.headers.set("server-timing", timings.header());
    return response;
  });
}

export function GET(request: Request) {
  return answer(async () => json(await listFeed(parseQuery(request, FeedQuery))));
}
