"use client";
// Shop the Look over a picture, as Lens does it: a dot on each shoppable object; the chosen one
// shows as its box instead, whose corners (or the whole box) can be dragged to say exactly what
// to shop for, and a box drawn anywhere else on the picture shops for what it holds. Objects
// inside the box show no dot; the others keep theirs, a tap choosing one instead. The products
// follow the box (ShopPanel); a tap on the picture outside the box puts it away. The layer must
// cover the picture exactly.
import { useState } from "react";
import type { Box, ShopObject } from "@/lib/contracts";
import { RegionSelect } from "@/components/lens/region-select";
import { ShopDots } from "./shop-dots";

export interface ShopSelection {
  /** The chosen object's index, or null. */
  index: number | null;
  object: ShopObject | undefined;
  /** The box to shop for: the object's own, or as the user adjusted it. */
  box: Box | undefined;
  select: (index: number | null) => void;
  adjust: (box: Box) => void;
}

export function useShopSelection(objects: readonly ShopObject[]): ShopSelection {
  const [chosen, setChosen] = useState<{ index: number; box: Box } | null>(null);
  const object = chosen ? objects[chosen.index] : undefined;
  return {
    index: object ? chosen!.index : null,
    object,
    box: object ? chosen!.box : undefined,
    select: (index) => setChosen(index === null || !objects[index] ? null : { index, box: objects[index].box }),
    adjust: (box) => setChosen((current) => current && { ...current, box }),
  };
}

export function ShopLayer({ objects, selection }: { objects: readonly ShopObject[]; selection: ShopSelection }) {
  const { box } = selection;
  return (
    <>
      {box && (
        <RegionSelect
          box={box}
          allowBox
          onBox={selection.adjust}
          onTap={() => selection.select(null)}
          testId="shop-box"
          label="Drag the box's corners to shop for exactly what it holds, or draw a new box"
        />
      )}
      <ShopDots objects={objects} box={box ?? null} onSelect={selection.select} />
    </>
  );
}
