// Any /api path without a route answers the JSON error envelope rather than an HTML 404 page.
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/server/http";

function notFound(request: Request) {
  return errorResponse(new AppError("not_found", `No API route at ${new URL(request.url).pathname}.`, 404));
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
