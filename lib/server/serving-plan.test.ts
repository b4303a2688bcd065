import { describe, expect, it } from "vitest";
import { planServing } from "./serving-plan";

const available = new Set(["a@1", "b@1", "c@1"]);

describe("planServing", () => {
  it("serves the active model when every pin has its vector", () => {
    expect(planServing({ active: "b@1", missing: 0, stored: [{ model: "a@1", count: 9 }, { model: "b@1", count: 5 }], available })).toEqual({
      serving: "b@1",
      reembed: null,
    });
  });

  it("serves the active model on an empty catalog", () => {
    expect(planServing({ active: "b@1", missing: 0, stored: [], available })).toEqual({ serving: "b@1", reembed: null });
  });

  it("keeps serving the model with the most vectors while the active one catches up", () => {
    const stored = [
      { model: "a@1", count: 4 },
      { model: "c@1", count: 7 },
      { model: "b@1", count: 2 },
    ];
    expect(planServing({ active: "b@1", missing: 5, stored, available })).toEqual({
      serving: "c@1",
      reembed: { from: "c@1", to: "b@1" },
    });
  });

  it("skips models whose folder is gone", () => {
    const stored = [
      { model: "gone@1", count: 10 },
      { model: "a@1", count: 3 },
    ];
    expect(planServing({ active: "b@1", missing: 3, stored, available })).toEqual({
      serving: "a@1",
      reembed: { from: "a@1", to: "b@1" },
    });
  });

  it("serves the active model at once when no runnable model covers more pins", () => {
    expect(planServing({ active: "b@1", missing: 3, stored: [{ model: "gone@1", count: 10 }], available })).toEqual({
      serving: "b@1",
      reembed: { from: null, to: "b@1" },
    });
    const stored = [
      { model: "a@1", count: 4 },
      { model: "b@1", count: 6 },
    ];
    expect(planServing({ active: "b@1", missing: 1, stored, available })).toEqual({ serving: "b@1", reembed: { from: null, to: "b@1" } });
  });

  it("breaks ties by key, whatever order the counts come in", () => {
    const forward = [
      { model: "c@1", count: 5 },
      { model: "a@1", count: 5 },
    ];
    for (const stored of [forward, [...forward].reverse()]) {
      expect(planServing({ active: "b@1", missing: 5, stored, available }).serving).toBe("a@1");
    }
  });
});
