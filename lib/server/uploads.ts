// An upload as the API takes it: open to anyone (the demo catalog and outside clients rely on
// it) unless GLIMPSE_UPLOADS_REQUIRE_SIGN_IN=1; with `boardId`, the uploader must be signed in
// and own that board, which is checked before anything is stored.
import "server-only";
import type { CreatePinFields, Pin } from "@/lib/contracts";
import { requireUser } from "./auth";
import { ownedBoard, placePin } from "./boards";
import { createPin } from "./pins";
import type { StageTimings } from "./stage-timings";

function uploadsRequireSignIn(): boolean {
  return process.env.GLIMPSE_UPLOADS_REQUIRE_SIGN_IN === "1";
}

export async function uploadPin(request: Request, image: Uint8Array, fields: CreatePinFields, timings?: StageTimings): Promise<Pin> {
  const { boardId } = fields;
  if (boardId === undefined) {
    if (uploadsRequireSignIn()) await requireUser(request);
    return createPin(image, fields, timings);
  }
  const user = await requireUser(request);
  await ownedBoard(boardId, user);
  const pin = await createPin(image, fields, timings);
  await placePin(boardId, user, { pinId: pin.id });
  return pin;
}
