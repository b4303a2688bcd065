import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { errorResponse, parseJson } from "./http";

describe("request bodies", () => {
  it("gives up on a body that stops arriving with 408 request_timeout", async () => {
    vi.useFakeTimers();
    try {
      const stalled = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"a":'));
        },
      });
      const request = new Request("http://x/", { method: "POST", body: stalled, duplex: "half" } as RequestInit);
      const parsing = parseJson(request, z.object({ a: z.number() })).catch((error: unknown) => error);
      await vi.advanceTimersByTimeAsync(30_001);
      expect(await parsing).toMatchObject({ code: "request_timeout", status: 408 });
    } finally {
      vi.useRealTimers();
    }
  });

  it("refuses a body over the limit even when Content-Length says less", async () => {
    const request = new Request("http://x/", { method: "POST", body: "x".repeat(300 * 1024), headers: { "content-length": "10" } });
    await expect(parseJson(request, z.unknown())).rejects.toMatchObject({ code: "payload_too_large", status: 413 });
  });
});

describe("error responses", () => {
  it("say when to try again", async () => {
    const response = errorResponse(new AppError("busy", "busy", 503, 2.2));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("3");
    expect(await response.json()).toEqual({ error: { code: "busy", message: "busy" } });
  });
});
