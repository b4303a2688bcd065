// The one error type that crosses module boundaries. Route handlers turn it into
// `{"error": {"code", "message"}}` with its HTTP status (see lib/server/http.ts); anything
// else that escapes is a 500.

export type ErrorCode =
  | "bad_request"
  | "invalid_field"
  | "unknown_field"
  | "missing_image"
  | "empty_file"
  | "file_too_large"
  | "unsupported_image"
  | "corrupt_image"
  | "image_too_small"
  | "image_too_large"
  | "bad_box"
  | "not_found"
  | "unauthenticated"
  | "forbidden"
  | "rate_limited"
  | "model_mismatch"
  | "payload_too_large"
  | "request_timeout"
  | "busy"
  | "warming_up"
  | "unavailable"
  | "internal";

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number = 400,
    /** Seconds after which trying again makes sense; sent as `Retry-After` (429 and 503). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "AppError";
  }
}
