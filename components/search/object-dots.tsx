"use client";
// The other objects found in a searched picture, besides the one shown as its box: a dot on each
// (laid over the picture in %, so it stays on its object at any size); a tap searches it instead.
// An object the box already holds most of gets none (dottedObjects).
import type { Box } from "@/lib/contracts";
import { isHeldBy } from "@/components/lens/box-edits";

/** `objects` as dottedObjects gives them. */
export function ObjectDots({ objects, onPick, testId }: { objects: readonly Box[]; onPick: (object: Box) => void; testId: string }) {
  return objects.map((object) => (
      <button
        key={`${object.x},${object.y},${object.w},${object.h}`}
        type="button"
        data-testid={testId}
        aria-label="Search this object instead"
        onClick={() => onPick(object)}
        className="absolute z-10 h-7 w-7 -translate-x-1/2 -translate-y-1/2 rounded-full border-2 border-white bg-neutral-900/70 shadow-md outline-offset-2 hover:bg-neutral-900 focus-visible:outline-2 focus-visible:outline-white"
      style={{ left: `${(object.x + object.w / 2) * 100}%`, top: `${(object.y + object.h / 2) * 100}%` }}
    />
  ));
}

/** The objects found, besides the one shown as the box, that get a dot: those it does not already hold. */
export function dottedObjects(objects: readonly Box[], shown: Box | null): Box[] {
  return objects.filter((object) => !shown || !isHeldBy(object, shown));
}
