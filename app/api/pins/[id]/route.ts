import { answer, json } from "@/lib/server/http";
import { deletePin, getPin } from "@/lib/server/pins";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

export function GET(_request: Request, { params }: Params) {
  return answer(async () => json({ pin: await getPin((await params).id) }));
}

export function DELETE(_request: Request, { params }: Params) {
  return answer(async () => {
    await deletePin((await params).id);
    return new Response(null, { status: 204 });
  });
}
