// GET /api/images/:sha/:variant — a stored image as thumb, display (AVIF or WebP by Accept) or original.
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/server/http";
import { IMAGE_VARIANTS, type ImageVariant } from "@/lib/image/renditions";
import { preferredEncoding } from "@/lib/image/negotiate";
import { isSha256 } from "@/lib/image/store";
import { serverContext } from "@/lib/server/context";

function notFound(message: string): Response {
  return errorResponse(new AppError("not_found", message, 404));
}

function isVariant(value: string): value is ImageVariant {
  return (IMAGE_VARIANTS as readonly string[]).includes(value);
}

export async function GET(
  request: Request,
  { params }: { params: Promise<{ sha: string; variant: string }> },
): Promise<Response> {
  const { sha, variant } = await params;
  if (!isSha256(sha)) return notFound("No image has that id.");
  if (!isVariant(variant)) return notFound(`No variant "${variant}"; use ${IMAGE_VARIANTS.join(", ")}.`);

  const file = await (await serverContext()).images.read(sha, variant, preferredEncoding(request.headers.get("accept")));
  if (!file) return notFound("No image has that id.");

  const headers = new Headers({
    "Content-Type": file.contentType,
    "Cache-Control": "public, max-age=31536000, immutable",
    ETag: file.etag,
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
  });
  if (variant !== "original") headers.set("Vary", "Accept");
  if (request.headers.get("if-none-match")?.split(",").some((tag) => tag.trim() === file.etag)) {
    return new Response(null, { status: 304, headers });
  }
  headers.set("Content-Length", String(file.bytes.byteLength));
  return new Response(new Uint8Array(file.bytes), { status: 200, headers });
}
