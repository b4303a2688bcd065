import { BoardListQuery, CreateBoardBody } from "@/lib/contracts";
import { currentUser, requireUser } from "@/lib/server/auth";
import { createBoard, listBoards } from "@/lib/server/boards";
import { answer, json, parseJson, parseQuery } from "@/lib/server/http";

export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return answer(async () => {
    const user = await requireUser(request);
    return json({ board: await createBoard(user, await parseJson(request, CreateBoardBody)) }, 201);
  });
}

/** The signed-in user's boards, or `?user=` someone's public ones. */
export function GET(request: Request) {
  return answer(async () => {
    const { user: ownerId } = parseQuery(request, BoardListQuery);
    const viewer = ownerId === undefined ? await requireUser(request) : await currentUser(request);
    return json({ boards: await listBoards(viewer, ownerId ?? viewer!.id) });
  });
}
