// The geometry of editing a search box: drawing one, dragging a corner or the whole box, and
// nudging a corner with the arrow keys. Boxes are normalized 0–1 with a top-left origin.
import type { Box } from "@/lib/contracts";

export interface Point {
  x: number;
  y: number;
}

export type Corner = "nw" | "ne" | "sw" | "se";
export const CORNERS: readonly Corner[] = ["nw", "ne", "sw", "se"];

/** A box shorter than this share of the picture on a side is a tap, not a box. */
export const MIN_BOX_SIDE = 0.04;
/** How far one arrow key moves a corner. */
export const NUDGE = 0.02;

export type BoxEdit =
  | { kind: "draw"; start: Point; now: Point }
  | { kind: "corner"; corner: Corner; box: Box; start: Point; now: Point }
  | { kind: "move"; box: Box; start: Point; now: Point };

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

export function boxBetween(a: Point, b: Point): Box {
  const x = clamp01(Math.min(a.x, b.x));
  const y = clamp01(Math.min(a.y, b.y));
  return { x, y, w: clamp01(Math.max(a.x, b.x)) - x, h: clamp01(Math.max(a.y, b.y)) - y };
}

export function sameBox(a: Box, b: Box | null): boolean {
  return b !== null && a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;
}

/** Whether a box is big enough to search: on both sides, or (while drawing) on either. */
export function isBox(box: Box, sides: "both" | "either" = "both"): boolean {
  return sides === "both" ? box.w >= MIN_BOX_SIDE && box.h >= MIN_BOX_SIDE : box.w >= MIN_BOX_SIDE || box.h >= MIN_BOX_SIDE;
}

function cornerPoint(box: Box, corner: Corner): Point {
  return { x: corner.endsWith("w") ? box.x : box.x + box.w, y: corner.startsWith("n") ? box.y : box.y + box.h };
}

const OPPOSITE: Record<Corner, Corner> = { nw: "se", ne: "sw", sw: "ne", se: "nw" };

/** A corner moved to `to`; the opposite corner stays. A corner pulled past it flips the box. */
export function moveCorner(box: Box, corner: Corner, to: Point): Box {
  return boxBetween(cornerPoint(box, OPPOSITE[corner]), to);
}

/** The box an edit has made so far. A corner or move edit never makes a box too small to search. */
export function editBox(edit: BoxEdit): Box {
  switch (edit.kind) {
    case "draw":
      return boxBetween(edit.start, edit.now);
    case "corner": {
      const from = cornerPoint(edit.box, edit.corner);
      const moved = moveCorner(edit.box, edit.corner, { x: from.x + edit.now.x - edit.start.x, y: from.y + edit.now.y - edit.start.y });
      return isBox(moved) ? moved : edit.box;
    }
    case "move": {
      const { box } = edit;
      const x = Math.min(1 - box.w, Math.max(0, box.x + edit.now.x - edit.start.x));
      const y = Math.min(1 - box.h, Math.max(0, box.y + edit.now.y - edit.start.y));
      return { ...box, x, y };
    }
  }
}

const KEY_STEPS: Record<string, Point> = {
  ArrowLeft: { x: -NUDGE, y: 0 },
  ArrowRight: { x: NUDGE, y: 0 },
  ArrowUp: { x: 0, y: -NUDGE },
  ArrowDown: { x: 0, y: NUDGE },
};

/** The box with `corner` nudged by an arrow key, or null for any other key or a box too small. */
export function nudgeCorner(box: Box, corner: Corner, key: string): Box | null {
  const step = KEY_STEPS[key];
  if (!step) return null;
  const from = cornerPoint(box, corner);
  const moved = moveCorner(box, corner, { x: from.x + step.x, y: from.y + step.y });
  return isBox(moved) ? moved : null;
}

/**
 * Whether the box shown holds so much of an object found in the picture (40 % of its area) that a
 * dot of its own would only crowd the box: it is a part of what the box holds, or the same thing.
 */
export function isHeldBy(object: Box, shown: Box): boolean {
  const w = Math.min(object.x + object.w, shown.x + shown.w) - Math.max(object.x, shown.x);
  const h = Math.min(object.y + object.h, shown.y + shown.h) - Math.max(object.y, shown.y);
  return w > 0 && h > 0 && w * h >= 0.4 * object.w * object.h;
}
