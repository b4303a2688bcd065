"use client";
// The dots over a scene (white with a dark rim, so they show on white objects as on dark ones), one at the centre of each shoppable object, laid over the image
// box in % so they stay on their objects at any size. A dot is a button: click, tap or Enter opens it.
import type { ShopObject } from "@/lib/contracts";
import { dotLabel, dotPosition } from "@/lib/client/shop-look";

export function ShopDots({
  objects,
  selected,
  onSelect,
}: {
  objects: ShopObject[];
  selected: number | null;
  onSelect: (index: number | null) => void;
}) {
  if (objects.length === 0) return null;
  return (
    <div data-testid="shop-dots" className="pointer-events-none absolute inset-0 transition-opacity duration-300 starting:opacity-0">
      {objects.map((object, index) => {
        const active = selected === index;
        return (
          <button
            key={index}
            type="button"
            data-testid="shop-dot"
            data-label={object.label}
            aria-label={dotLabel(object, index, objects.length)}
            aria-pressed={active}
            aria-controls={active ? "shop-panel" : undefined}
            onClick={() => onSelect(active ? null : index)}
            style={dotPosition(object.box)}
            // 44 px hit area around a 20 px dot, so it is easy to tap on a phone.
            className="group pointer-events-auto absolute flex h-11 w-11 -translate-x-1/2 -translate-y-1/2 items-center justify-center rounded-full focus-visible:outline-3 focus-visible:outline-offset-0 focus-visible:outline-blue-600"
          >
            {!active && <span className="absolute h-5 w-5 animate-ping rounded-full bg-white/70 [animation-duration:2s]" />}
            <span
              className={`relative rounded-full border-2 shadow-[0_1px_6px_rgba(0,0,0,0.45)] transition-all ${
                active ? "h-6 w-6 border-white bg-neutral-900" : "h-5 w-5 border-neutral-800/70 bg-white ring-2 ring-white/80 group-hover:scale-110"
              }`}
            />
          </button>
        );
      })}
    </div>
  );
}
