import { requireUser } from "@/lib/server/auth";
import { removePin } from "@/lib/server/boards";
import { answer } from "@/lib/server/http";

export const dynamic = "force-dynamic";

export function DELETE(request: Request, { params }: { params: Promise<{ id: string; pinId: string }> }) {
  return answer(async () => {
    const { id, pinId } = await params;
    await removePin(id, await requireUser(request), pinId);
    return new Response(null, { status: 204 });
  });
}
