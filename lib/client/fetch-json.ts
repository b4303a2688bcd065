// The one way the browser talks to the API: fetch, parse the answer with its zod schema,
// and turn any `{"error":…}` (or a failure to get one) into an ApiError.
import "client-only";
import type { z } from "zod";
import { ErrorBody } from "@/lib/contracts";
import { ApiError } from "./api-error";

export async function fetchJson<S extends z.ZodType>(
  url: string,
  schema: S,
  init?: RequestInit,
): Promise<z.infer<S>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { accept: "application/json", ...init?.headers } });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError("network", cause instanceof Error ? cause.message : "network error", 0);
  }

  const body: unknown = await response.json().catch(() => undefined);

  if (!response.ok) {
    const parsed = ErrorBody.safeParse(body);
    if (parsed.success) throw new ApiError(parsed.data.error.code, parsed.data.error.message, response.status);
    throw new ApiError(
      response.status >= 500 ? "internal" : "bad_request",
      `The server answered ${response.status} ${response.statusText}`.trim(),
      response.status,
    );
  }

  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError("bad_response", `Unexpected answer from ${url}: ${parsed.error.message}`, response.status);
  }
  return parsed.data;
}
