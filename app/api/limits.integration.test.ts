// The limits that protect the server, through the route handlers: a client over its search
// rate gets `429 rate_limited` with Retry-After while another client is still served, and image
// work beyond the running slots and the queue is refused at once with `503 busy`.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ErrorBody, SearchResponse } from "@/lib/contracts";
import { picture } from "@/lib/testing/pictures";

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "glimpse-limits-"));
process.env.DATABASE_URL = "";
process.env.GLIMPSE_SEARCHES_PER_MINUTE = "30"; // ten seconds' worth at once: 5
process.env.GLIMPSE_IMAGE_CONCURRENCY = "1";
process.env.GLIMPSE_IMAGE_QUEUE = "0";

const search = await import("./search/route");

const base = "http://test.local";
const textSearch = (from: string) => search.GET(new Request(`${base}/api/search?q=lamp`, { headers: { "x-forwarded-for": from } }));

describe("limits", () => {
  it("answers 429 rate_limited with Retry-After once a client is over its search rate, per client", async () => {
    expect((await textSearch("192.0.2.99")).status).toBe(200); // opens the store, which takes a while
    for (let i = 0; i < 5; i++) expect((await textSearch("203.0.113.7")).status).toBe(200);
    const refused = await textSearch("203.0.113.7");
    expect(refused.status).toBe(429);
    expect(ErrorBody.parse(await refused.json()).error.code).toBe("rate_limited");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await textSearch("198.51.100.2")).status).toBe(200);
  });

  it("refuses image work beyond the running slot and the queue with 503 busy, and serves the rest", async () => {
    const image = await picture(1);
    const requests = ["192.0.2.1", "192.0.2.2", "192.0.2.3"].map((from) => {
      const body = new FormData();
      body.set("image", new Blob([new Uint8Array(image)], { type: "image/jpeg" }), "query.jpg");
      return search.POST(new Request(`${base}/api/search`, { method: "POST", body, headers: { "x-forwarded-for": from } }));
    });
    const responses = await Promise.all(requests);
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses[0]).toBe(200);
    expect(statuses).toContain(503);
    for (const response of responses) {
      if (response.status === 200) {
        SearchResponse.parse(await response.json());
        continue;
      }
      expect(ErrorBody.parse(await response.json()).error.code).toBe("busy");
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    }
  });
});
