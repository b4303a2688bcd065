// GET /api/models/:key/files/:name — a file of the on-device model. The key carries the
// model version, so the browser may cache it for good.
import { answer } from "@/lib/server/http";
import { readStudentFile } from "@/lib/server/model-downloads";

export const dynamic = "force-dynamic";

export function GET(_request: Request, { params }: { params: Promise<{ key: string; name: string }> }) {
  return answer(async () => {
    const { key, name } = await params;
    const { bytes, contentType } = await readStudentFile(decodeURIComponent(key), decodeURIComponent(name));
    return new Response(new Uint8Array(bytes), {
      headers: {
        "Content-Type": contentType,
        "Content-Length": String(bytes.byteLength),
        "Cache-Control": "public, max-age=31536000, immutable",
        "Cross-Origin-Resource-Policy": "same-origin",
        "X-Content-Type-Options": "nosniff",
      },
    });
  });
}
