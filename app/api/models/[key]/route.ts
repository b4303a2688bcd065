// GET /api/models/student — the on-device model: its manifest, with file paths as URLs.
import { AppError } from "@/lib/errors";
import { answer, json } from "@/lib/server/http";
import { serverContext } from "@/lib/server/context";

export const dynamic = "force-dynamic";

export function GET(_request: Request, { params }: { params: Promise<{ key: string }> }) {
  return answer(async () => {
    if ((await params).key !== "student") throw new AppError("not_found", "Only the on-device model (/api/models/student) is served.", 404);
    const response = json((await (await serverContext()).student()).response);
    response.headers.set("Cache-Control", "no-cache");
    return response;
  });
}
