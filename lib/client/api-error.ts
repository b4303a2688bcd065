// The error every client-side API call throws: the server's `{"error":{code,message}}`
// with its HTTP status, or a stand-in code when the network or the answer itself failed.

/** Codes the client invents when the server never gave one. */
export type ClientErrorCode = "network" | "bad_response";

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** HTTP status; 0 when the request never reached the server. */
    readonly status: number,
  ) {
    super(message);
    this.name = "ApiError";
  }

  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500;
  }

  /** Whether sending the same request again could succeed (timeouts, throttling, server or network trouble). */
  get isRetryable(): boolean {
    return !this.isClientError || this.status === 408 || this.status === 429;
  }
}

const friendlyByCode: Record<string, string> = {
  missing_image: "Choose an image first.",
  empty_file: "That file is empty.",
  file_too_large: "That file is too large to upload.",
  payload_too_large: "That file is too large to upload.",
  unsupported_image: "That file isn't an image we can read.",
  corrupt_image: "That file isn't an image we can read — it may be damaged or cut short.",
  image_too_small: "That image is too small to search with.",
  image_too_large: "That image has too many pixels for us to handle.",
  bad_box: "That selection doesn't fit inside the image.",
  not_found: "We couldn't find that.",
  unauthenticated: "Sign in to do that.",
  forbidden: "Only the owner can change this.",
  rate_limited: "Too many tries. Wait a minute, then try again.",
  invalid_email_or_password: "That email and password don't match an account.",
  user_already_exists_use_another_email: "There is already an account with that email. Sign in instead.",
  busy: "Glimpse is busy with other pictures. Try again in a moment.",
  request_timeout: "That took too long to arrive. Check your connection and try again.",
  warming_up: "Search is warming up. Try again in a moment.",
  unavailable: "Glimpse can't reach its data right now. Try again in a moment.",
  internal: "Something went wrong on our side.",
  network: "We couldn't reach Glimpse. Check your connection.",
  bad_response: "The server sent an answer we didn't understand.",
};

/** A headline for people; the server's own message goes underneath as detail. */
export function friendlyErrorText(error: unknown): { headline: string; detail: string; code: string } {
  if (error instanceof ApiError) {
    return {
      headline: friendlyByCode[error.code] ?? error.message,
      detail: error.message,
      code: error.code,
    };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { headline: "Something went wrong.", detail, code: "unknown" };
}
