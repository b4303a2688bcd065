"use client";
// A layer over a picture that turns a drag into a box (normalized 0–1, top-left origin, as every
// box in Glimpse) and a tap into a tap. The layer must cover the picture exactly: its parent is
// sized to the picture's aspect ratio.
import { useRef, useState, type PointerEvent } from "react";
import type { Box } from "@/lib/contracts";

/** Drags shorter than this share of the picture's side are taps. */
const MIN_SIDE = 0.04;

interface Point {
  x: number;
  y: number;
}

function boxBetween(a: Point, b: Point): Box {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.abs(a.x - b.x), h: Math.abs(a.y - b.y) };
}

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
  const [drag, setDrag] = useState<{ start: Point; now: Point } | null>(null);

  function pointAt(event: PointerEvent<HTMLDivElement>): Point {
    const rect = layer.current!.getBoundingClientRect();
    const clamp = (v: number) => Math.min(1, Math.max(0, v));
    return { x: clamp((event.clientX - rect.left) / rect.width), y: clamp((event.clientY - rect.top) / rect.height) };
  }

  const drawn = drag ? boxBetween(drag.start, drag.now) : null;
  const shown = drawn && (drawn.w >= MIN_SIDE || drawn.h >= MIN_SIDE) ? drawn : drag ? null : box;

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
        const p = pointAt(event);
        setDrag({ start: p, now: p });
      }}
      onPointerMove={(event) => {
        if (drag && allowBox) setDrag({ start: drag.start, now: pointAt(event) });
      }}
      onPointerUp={(event) => {
        if (!drag) return;
        const end = allowBox ? pointAt(event) : drag.start;
        const chosen = boxBetween(drag.start, end);
        setDrag(null);
        if (chosen.w >= MIN_SIDE && chosen.h >= MIN_SIDE) onBox(chosen);
        else onTap?.();
      }}
      onPointerCancel={() => setDrag(null)}
    >
      {shown && (
        <div
          data-testid={`${testId}-box`}
          className="pointer-events-none absolute rounded-lg border-2 border-white shadow-[0_0_0_9999px_rgba(0,0,0,0.45)]"
          style={{ left: `${shown.x * 100}%`, top: `${shown.y * 100}%`, width: `${shown.w * 100}%`, height: `${shown.h * 100}%` }}
        />
      )}
    </div>
  );
}
