// The edge between HTTP and the services: body limits, multipart and JSON parsing against the
// contracts, and the one place where errors become `{"error": {"code", "message"}}`.
import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { AppError, type ErrorCode } from "@/lib/errors";
import { DEFAULT_IMAGE_LIMITS } from "@/lib/image/limits";

/** Largest multipart body: the largest image lib/image takes, plus room for text fields and framing. */
export const MAX_BODY_BYTES = DEFAULT_IMAGE_LIMITS.maxBytes + 64 * 1024;
const MAX_JSON_BYTES = 256 * 1024;

export function json<T>(body: T, status = 200): NextResponse {
  return NextResponse.json(body, { status });
}

export function errorResponse(error: unknown): NextResponse {
  if (error instanceof AppError) {
    const response = json({ error: { code: error.code, message: error.message } }, error.status);
    if (error.retryAfterSeconds !== undefined) response.headers.set("retry-after", String(Math.ceil(error.retryAfterSeconds)));
    return response;
  }
  console.error("unhandled error", error);
  return json({ error: { code: "internal", message: "Something went wrong on our side." } }, 500);
}

/** Runs a handler and maps whatever it throws to the JSON error envelope. */
export async function answer(handler: () => Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (error) {
    return errorResponse(error);
  }
}

/** Longest a request body may take to arrive: a slow sender must not hold a request open. */
const BODY_DEADLINE_MS = 30_000;

/**
 * Reads the whole body, refusing more than `limit` bytes whether or not Content-Length is
 * honest, and a body still arriving after BODY_DEADLINE_MS (`408 request_timeout`).
 */
async function readBody(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge(limit);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    const late = new AppError("request_timeout", `The request body did not arrive within ${BODY_DEADLINE_MS / 1000} s.`, 408);
    timer = setTimeout(() => reject(late), BODY_DEADLINE_MS);
  });
  try {
    return await Promise.race([collectBody(reader, limit), deadline]);
  } catch (error) {
    await reader.cancel().catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

async function collectBody(reader: ReadableStreamDefaultReader<Uint8Array>, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) throw tooLarge(limit);
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `The request body exceeds ${limit} bytes.`, 413);
}

/** Turns a zod failure into the most actionable code: unknown fields first, then invalid ones. */
export function validationError(error: z.ZodError): AppError {
  const unknown = error.issues.find((issue) => issue.code === "unrecognized_keys");
  if (unknown && "keys" in unknown) {
    return new AppError("unknown_field", `Unknown field(s): ${unknown.keys.join(", ")}.`);
  }
  const first = error.issues[0];
  const where = first?.path.length ? `${first.path.join(".")}: ` : "";
  const code: ErrorCode = first?.path[0] === "box" ? "bad_box" : "invalid_field";
  return new AppError(code, `${where}${first?.message ?? "invalid request"}`);
}

export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.output<S> {
  const params = new URL(request.url).searchParams;
  const query: Record<string, string> = {};
  for (const [key, value] of params) query[key] = value;
  return parseWith(schema, query);
}

export async function parseJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const body = await readBody(request, MAX_JSON_BYTES);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new AppError("bad_request", "The body must be JSON.");
  }
  return parseWith(schema, value);
}

/** A multipart body, read within the body limit and deadline. */
export async function readMultipart(request: Request): Promise<FormData> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) {
    throw new AppError("bad_request", "Send the image as multipart/form-data in the field `image`.", 415);
  }
  const body = await readBody(request, MAX_BODY_BYTES);
  try {
    return await new Response(body, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new AppError("bad_request", "The multipart body could not be read.");
  }
}

/**
 * Parses a multipart body whose image travels in the field `image` and whose other fields are
 * text validated by `schema`. Any other file field is refused rather than silently ignored.
 */
export async function parseImageForm<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<{ image: Uint8Array; fields: z.output<S> }> {
  const form = await readMultipart(request);
  let image: Uint8Array | undefined;
  const fields: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value === "string") {
      if (name === "image") throw new AppError("missing_image", "The field `image` must be a file.");
      fields[name] = value;
    } else if (name === "image" && image === undefined) {
      image = new Uint8Array(await value.arrayBuffer());
    } else {
      throw new AppError("unknown_field", `Unexpected file field \`${name}\`; send the image as \`image\`.`);
    }
  }
  if (!image) throw new AppError("missing_image", "Attach the image in the multipart field `image`.");
  return { image, fields: parseWith(schema, fields) };
}
