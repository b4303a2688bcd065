import { PlacePinBody } from "@/lib/contracts";
import { requireUser } from "@/lib/server/auth";
import { placePin } from "@/lib/server/boards";
import { answer, json, parseJson } from "@/lib/server/http";

export const dynamic = "force-dynamic";

/** Adds a pin to the board (201) or moves it within the board (200). */
export function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return answer(async () => {
    const user = await requireUser(request);
    const body = await parseJson(request, PlacePinBody);
    const { board, added } = await placePin((await params).id, user, body);
    return json({ board }, added ? 201 : 200);
  });
}
