"use client";
// The dots over a scene (white with a dark rim, so they show on white objects as on dark ones), one at the centre of each shoppable object, laid over the image
// box in % so they stay on their objects at any size. A dot is a button: click, tap or Enter opens it;
// the objects inside the box being shopped for (ShopLayer) show none.
import type { Box, ShopObject } from "@/lib/contracts";
import { dotLabel, dotPosition } from "@/lib/client/shop-look";
import { isHeldBy } from "@/components/lens/box-edits";

export function ShopDots({
  objects,
  box,
  onSelect,
}: {
  objects: readonly ShopObject[];
  /** The box being shopped for, if any: the objects it holds show no dot. */
  box: Box | null;
  onSelect: (index: number) => void;
}) {
  if (objects.length === 0) return null;
  return (
    <div data-testid="shop-dots" className="pointer-events-none absolute inset-0 transition-opacity duration-300 starting:opacity-0">
      {objects.map((object, index) =>
        box && isHeldBy(object.box, box) ? null : (
          <button
            key={index}
            type="button"
            data-testid="shop-dot"
            data-label={object.label}
            aria-label={dotLabel(object, index, objects.length)}
            // The panel is there only while a box is shopped for: the dot then switches it.
            aria-controls={box ? "shop-panel" : undefined}
            onClick={() => onSelect(index)}
            style={dotPosition(object.box)}
            // 44 px hit area around a 20 px dot, so it is easy to tap on a phone.
            className="group pointer-events-auto absolute flex h-11 w-11 -translate-x-1/2 -translate-y-1/2 items-center justify-center rounded-full focus-visible:outline-3 focus-visible:outline-offset-0 focus-visible:outline-blue-600"
          >
            <span className="absolute h-5 w-5 animate-ping rounded-full bg-white/70 [animation-duration:2s]" />
            <span className="relative h-5 w-5 rounded-full border-2 border-neutral-800/70 bg-white shadow-[0_1px_6px_rgba(0,0,0,0.45)] ring-2 ring-white/80 transition-all group-hover:scale-110" />
          </button>
        ),
      )}
    </div>
  );
}
