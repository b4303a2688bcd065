import { describe, expect, it } from "vitest";
import { parseServerTiming, StageTimings } from "./stage-timings";

describe("StageTimings", () => {
  it("adds repeated stages up and round-trips through the header", async () => {
    const timings = new StageTimings();
    timings.add("decode", 12.34);
    timings.add("embed", 40);
    timings.add("embed", 2.5);
    expect(await timings.time("store", async () => "done")).toBe("done");
    const parsed = parseServerTiming(timings.header());
    expect([...parsed.keys()]).toEqual(["decode", "embed", "store"]);
    expect(parsed.get("decode")).toBe(12.3);
    expect(parsed.get("embed")).toBe(42.5);
  });

  it("skips what does not parse", () => {
    expect(parseServerTiming("cache;desc=hit, db;dur=5, ;dur=3")).toEqual(new Map([["db", 5]]));
    expect(parseServerTiming(null).size).toBe(0);
  });
});
