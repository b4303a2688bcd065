import { describe, expect, it } from "vitest";
import { editBox, isBox, isHeldBy, moveCorner, nudgeCorner } from "./box-edits";

const box = { x: 0.2, y: 0.3, w: 0.4, h: 0.2 };
const close = (a: object) => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, Math.round((v as number) * 1000) / 1000]));

describe("box edits", () => {
  it("draws a box between two points in any direction, clamped to the picture", () => {
    expect(close(editBox({ kind: "draw", start: { x: 0.7, y: 0.9 }, now: { x: 0.1, y: 0.2 } }))).toEqual({ x: 0.1, y: 0.2, w: 0.6, h: 0.7 });
    expect(close(editBox({ kind: "draw", start: { x: 0.5, y: 0.5 }, now: { x: 1.4, y: -0.2 } }))).toEqual({ x: 0.5, y: 0, w: 0.5, h: 0.5 });
  });

  it("moves the dragged corner by the pointer's travel and keeps the opposite one", () => {
    const resized = editBox({ kind: "corner", corner: "se", box, start: { x: 0.61, y: 0.49 }, now: { x: 0.71, y: 0.59 } });
    expect(close(resized)).toEqual({ x: 0.2, y: 0.3, w: 0.5, h: 0.3 });
    const fromTopLeft = editBox({ kind: "corner", corner: "nw", box, start: { x: 0.2, y: 0.3 }, now: { x: 0.1, y: 0.35 } });
    expect(close(fromTopLeft)).toEqual({ x: 0.1, y: 0.35, w: 0.5, h: 0.15 });
  });

  it("flips a box whose corner is pulled past the opposite one", () => {
    expect(close(moveCorner(box, "nw", { x: 0.8, y: 0.6 }))).toEqual({ x: 0.6, y: 0.5, w: 0.2, h: 0.1 });
  });

  it("keeps the box when a corner drag would make it too small to search", () => {
    expect(editBox({ kind: "corner", corner: "se", box, start: { x: 0.6, y: 0.5 }, now: { x: 0.21, y: 0.31 } })).toEqual(box);
  });

  it("moves the whole box, stopping at the picture's edges", () => {
    expect(close(editBox({ kind: "move", box, start: { x: 0.3, y: 0.4 }, now: { x: 0.4, y: 0.3 } }))).toEqual({ x: 0.3, y: 0.2, w: 0.4, h: 0.2 });
    expect(close(editBox({ kind: "move", box, start: { x: 0.3, y: 0.4 }, now: { x: 1, y: 1 } }))).toEqual({ x: 0.6, y: 0.8, w: 0.4, h: 0.2 });
  });

  it("nudges a corner with the arrow keys and ignores other keys", () => {
    expect(close(nudgeCorner(box, "ne", "ArrowRight")!)).toEqual({ x: 0.2, y: 0.3, w: 0.42, h: 0.2 });
    expect(close(nudgeCorner(box, "ne", "ArrowUp")!)).toEqual({ x: 0.2, y: 0.28, w: 0.4, h: 0.22 });
    expect(nudgeCorner(box, "ne", "Enter")).toBeNull();
    expect(nudgeCorner({ x: 0.5, y: 0.5, w: 0.05, h: 0.05 }, "se", "ArrowLeft")).toBeNull();
  });

  it("counts a drawn box only once it is long enough, on both sides or while drawing on either", () => {
    expect(isBox({ x: 0, y: 0, w: 0.5, h: 0.01 })).toBe(false);
    expect(isBox({ x: 0, y: 0, w: 0.5, h: 0.01 }, "either")).toBe(true);
    expect(isBox({ x: 0, y: 0, w: 0.05, h: 0.05 })).toBe(true);
  });
});

describe("isHeldBy", () => {
  const box = { x: 0.45, y: 0.35, w: 0.3, h: 0.3 };
  it("says an object 40 % or more inside the box is held by it, and one mostly outside is not", () => {
    expect(isHeldBy({ x: 0.5, y: 0.4, w: 0.1, h: 0.1 }, box)).toBe(true);
    // The edge of a card found beside the card itself: half of it inside.
    expect(isHeldBy({ x: 0.7, y: 0.45, w: 0.1, h: 0.15 }, box)).toBe(true);
    expect(isHeldBy({ x: 0.72, y: 0.45, w: 0.1, h: 0.15 }, box)).toBe(false);
    expect(isHeldBy({ x: 0.7, y: 0.1, w: 0.1, h: 0.1 }, box)).toBe(false);
    expect(isHeldBy({ x: 0.1, y: 0.1, w: 0.1, h: 0.1 }, box)).toBe(false);
  });
});
