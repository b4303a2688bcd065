import { describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { clientAddress, RateLimit, WorkGate } from "./limits";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a rejection");
}

describe("WorkGate", () => {
  it("runs at most `concurrency` jobs, queues the next ones in order and refuses past the queue", async () => {
    const gate = new WorkGate({ what: "with other images", concurrency: 2, queue: 2, maxWaitMs: 60_000 });
    const release = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const jobs = release.map((d, i) =>
      gate.run(async () => {
        started.push(i);
        await d.promise;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(gate.stats()).toMatchObject({ running: 2, queued: 2 });

    const refused = await rejection(gate.run(async () => 99));
    expect(refused).toMatchObject({ code: "busy", status: 503 });
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);

    release[1]!.resolve();
    await jobs[1];
    await vi.waitFor(() => expect(started).toEqual([0, 1, 2]));
    release.forEach((d) => d.resolve());
    expect(await Promise.all(jobs)).toEqual([0, 1, 2, 3]);
    expect(gate.stats()).toMatchObject({ running: 0, queued: 0 });
  });

  it("frees the slot when a job throws", async () => {
    const gate = new WorkGate({ what: "with other images", concurrency: 1, queue: 0, maxWaitMs: 1000 });
    await expect(gate.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await gate.run(async () => "next")).toBe("next");
  });

  it("refuses a job that waited longer than maxWaitMs, and leaves the queue clean", async () => {
    vi.useFakeTimers();
    try {
      const gate = new WorkGate({ what: "with other images", concurrency: 1, queue: 4, maxWaitMs: 5_000 });
      const hold = deferred();
      const first = gate.run(() => hold.promise);
      const waiting = rejection(gate.run(async () => "never"));
      await vi.advanceTimersByTimeAsync(5_001);
      expect(await waiting).toMatchObject({ code: "busy" });
      expect(gate.stats()).toMatchObject({ running: 1, queued: 0 });
      hold.resolve();
      await first;
      expect(gate.stats()).toMatchObject({ running: 0, queued: 0 });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("WorkGate background jobs", () => {
  it("wait for a quiet moment, never take the last slot, and start anyway after waiting long", async () => {
    vi.useFakeTimers();
    try {
      const gate = new WorkGate({ what: "with other images", concurrency: 2, queue: 8, maxWaitMs: 60_000, backgroundIdleMs: 1_000, backgroundMaxWaitMs: 10_000 });
      const started: string[] = [];
      const job = (name: string, until: Promise<void>) => async () => {
        started.push(name);
        await until;
      };
      const request = deferred();
      const requestDone = gate.run(job("request", request.promise));
      const background = [deferred(), deferred()];
      const first = gate.runInBackground(job("background 1", background[0]!.promise));
      const second = gate.runInBackground(job("background 2", background[1]!.promise));
      await vi.advanceTimersByTimeAsync(500);
      expect(started).toEqual(["request"]); // a request started under a second ago
      await vi.advanceTimersByTimeAsync(600);
      expect(started).toEqual(["request", "background 1"]); // quiet for a second: one job, never the last slot
      expect(gate.stats()).toMatchObject({ running: 2, background: 2 });

      // Steady requests keep the next background job waiting, until it has waited long.
      request.resolve();
      await requestDone;
      background[0]!.resolve();
      await first;
      const steadyRequests = async (ms: number) => {
        for (let t = 0; t < ms; t += 500) {
          await gate.run(async () => {});
          await vi.advanceTimersByTimeAsync(500);
        }
      };
      await steadyRequests(8_000); // waited about 9.1 s
      expect(started).toEqual(["request", "background 1"]);
      await steadyRequests(1_500); // past 10 s
      expect(started).toEqual(["request", "background 1", "background 2"]);
      background[1]!.resolve();
      await second;
      expect(gate.stats()).toMatchObject({ running: 0, queued: 0, background: 0 });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("RateLimit", () => {
  it("allows a burst, then one request per refill interval, per client", () => {
    let now = 0;
    const limit = new RateLimit({ name: "uploads", perMinute: 18 }, () => now);
    for (let i = 0; i < 3; i++) limit.take("a"); // ten seconds' worth
    let refused: unknown;
    try {
      limit.take("a");
    } catch (error) {
      refused = error;
    }
    expect(refused).toMatchObject({ code: "rate_limited", status: 429 });
    expect((refused as AppError).retryAfterSeconds).toBeCloseTo(60 / 18, 5);
    limit.take("b"); // another client has its own bucket
    now += 60_000 / 18;
    limit.take("a");
    expect(() => limit.take("a")).toThrow(AppError);
  });

  it("never refuses when turned off", () => {
    const limit = new RateLimit({ name: "searches", perMinute: 0 }, () => 0);
    for (let i = 0; i < 100; i++) limit.take("a");
  });
});

describe("clientAddress", () => {
  it("takes the last X-Forwarded-For hop, the one the nearest proxy saw", () => {
    const request = new Request("http://x/", { headers: { "x-forwarded-for": "10.0.0.9, 203.0.113.5" } });
    expect(clientAddress(request)).toBe("203.0.113.5");
    expect(clientAddress(new Request("http://x/"))).toBe("unknown");
  });
});
