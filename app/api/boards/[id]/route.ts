import { UpdateBoardBody } from "@/lib/contracts";
import { currentUser, requireUser } from "@/lib/server/auth";
import { deleteBoard, getBoardWithPins, updateBoard } from "@/lib/server/boards";
import { answer, json, parseJson } from "@/lib/server/http";

export const dynamic = "force-dynamic";

interface Context {
  params: Promise<{ id: string }>;
}

export function GET(request: Request, { params }: Context) {
  return answer(async () => json(await getBoardWithPins((await params).id, await currentUser(request))));
}

export function PATCH(request: Request, { params }: Context) {
  return answer(async () => {
    const user = await requireUser(request);
    const body = await parseJson(request, UpdateBoardBody);
    return json({ board: await updateBoard((await params).id, user, body) });
  });
}

export function DELETE(request: Request, { params }: Context) {
  return answer(async () => {
    await deleteBoard((await params).id, await requireUser(request));
    return new Response(null, { status: 204 });
  });
}
