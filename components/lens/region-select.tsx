"use client";
// A layer over a picture for choosing the region to search, as Lens does it: a drag draws a box
// (normalized 0–1, top-left origin, as every box in Glimpse), a drag on a corner handle resizes
// it, a drag inside it moves it, and a tap stays a tap. The handles also answer the arrow keys.
// The layer must cover the picture exactly: its parent is sized to the picture's aspect ratio.
import { useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import type { Box } from "@/lib/contracts";
import { CORNERS, editBox, isBox, nudgeCorner, sameBox, type BoxEdit, type Corner, type Point } from "./box-edits";

export function RegionSelect({
  box,
  allowBox,
  onTap,
  onBox,
  label,
  testId = "region-select",
}: {
  /** The box to show as chosen, if any. */
  box: Box | null;
  /** False: every gesture is a tap (e.g. on a live preview). */
  allowBox: boolean;
  onTap?: () => void;
  onBox: (box: Box) => void;
  label: string;
  testId?: string;
}) {
  const layer = useRef<HTMLDivElement>(null);
  const [edit, setEdit] = useState<BoxEdit | null>(null);

  function pointAt(event: PointerEvent<HTMLElement>): Point {
    const rect = layer.current!.getBoundingClientRect();
    const clamp = (v: number) => Math.min(1, Math.max(0, v));
    return { x: clamp((event.clientX - rect.left) / rect.width), y: clamp((event.clientY - rect.top) / rect.height) };
  }

  const edited = edit ? editBox(edit) : null;
  // A box being drawn shows once it is long enough on one side; it counts once on both.
  const shown = edited && (edit?.kind !== "draw" || isBox(edited, "either")) ? edited : edit ? null : box;

  return (
    <div
      ref={layer}
      data-testid={testId}
      aria-label={label}
      role="application"
      className={`absolute inset-0 touch-none overflow-hidden select-none ${allowBox ? "cursor-crosshair" : "cursor-pointer"}`}
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        event.currentTarget.setPointerCapture(event.pointerId);
        const start = pointAt(event);
        const corner = (event.target as HTMLElement).dataset.corner as Corner | undefined;
        if (allowBox && box && corner) setEdit({ kind: "corner", corner, box, start, now: start });
        else if (allowBox && box && inside(start, box)) setEdit({ kind: "move", box, start, now: start });
        else setEdit({ kind: "draw", start, now: start });
      }}
      onPointerMove={(event) => {
        if (edit && allowBox) setEdit({ ...edit, now: pointAt(event) });
      }}
      onPointerUp={(event) => {
        if (!edit) return;
        const done = allowBox ? editBox({ ...edit, now: pointAt(event) }) : null;
        setEdit(null);
        if (done && isBox(done) && !sameBox(done, box)) onBox(done);
        else if (edit.kind === "draw") onTap?.();
      }}
      onPointerCancel={() => setEdit(null)}
    >
      {shown && (
        <div
          data-testid={`${testId}-box`}
          className="pointer-events-none absolute rounded-lg border-2 border-white shadow-[0_0_0_9999px_rgba(0,0,0,0.45)]"
          style={{ left: `${shown.x * 100}%`, top: `${shown.y * 100}%`, width: `${shown.w * 100}%`, height: `${shown.h * 100}%` }}
        >
          {allowBox &&
            CORNERS.map((corner) => (
              <span
                key={corner}
                role="button"
                tabIndex={0}
                aria-label={`The box's ${CORNER_NAMES[corner]} corner: arrow keys move it`}
                data-corner={corner}
                data-testid={`${testId}-corner-${corner}`}
                className={`pointer-events-auto absolute h-5 w-5 rounded-full border-2 border-white bg-black/30 shadow focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white ${CORNER_PLACES[corner]}`}
                onPointerDown={(event) => {
                  // The layer takes the drag; the handle only says which corner it is.
                  event.preventDefault();
                }}
                onKeyDown={(event: KeyboardEvent) => {
                  const moved = nudgeCorner(shown, corner, event.key);
                  if (!moved) return;
                  event.preventDefault();
                  event.stopPropagation();
                  onBox(moved);
                }}
              />
            ))}
        </div>
      )}
    </div>
  );
}

const CORNER_NAMES: Record<Corner, string> = { nw: "top-left", ne: "top-right", sw: "bottom-left", se: "bottom-right" };
const CORNER_PLACES: Record<Corner, string> = {
  nw: "-top-2.5 -left-2.5 cursor-nwse-resize",
  ne: "-top-2.5 -right-2.5 cursor-nesw-resize",
  sw: "-bottom-2.5 -left-2.5 cursor-nesw-resize",
  se: "-right-2.5 -bottom-2.5 cursor-nwse-resize",
};

function inside(p: Point, box: Box): boolean {
  return p.x >= box.x && p.x <= box.x + box.w && p.y >= box.y && p.y <= box.y + box.h;
}
