"use client";
// "Search inside this image" on a pin: drag a box on the picture and see pins like that region,
// found on this device at once, then refined by the server.
//
// The server refines with `POST /api/search` (the pin's image and the box) rather than with the
// student's vector: the server's own model is stronger than the distilled one, and it crops the
// box from the full-resolution image itself; the image is already in the browser's HTTP cache
// (the page shows it), so the only cost is one upload of a picture of a few hundred KB.
import { useCallback, useMemo, useState } from "react";
import type { Box, Pin } from "@/lib/contracts";
import { fetchImageBlob, type ImageRegion } from "@/lib/client/queries";
import { useOnDeviceSearch } from "@/lib/client/on-device/use-on-device";
import { buttonClass } from "@/components/ui/button";
import { CloseIcon, LensIcon } from "@/components/ui/icons";
import { ModelStatus } from "@/components/lens/model-status";
import { RefinedResultsView } from "@/components/lens/refined-results";
import { RegionSelect } from "@/components/lens/region-select";
import { useRefinedSearch } from "@/components/lens/use-refined-search";
import type { Corner } from "@/lib/client/shop-look";

export function useSearchInside(pin: Pin) {
  const [active, setActive] = useState(false);
  const [box, setBox] = useState<Box | null>(null);
  const { status, client } = useOnDeviceSearch(active);
  const refined = useRefinedSearch(status, client);
  const { search } = refined;
  // One download of the picture serves every box: the device reads its pixels, the server its bytes.
  const image = useMemo(() => {
    let bytes: Promise<Blob> | null = null;
    return () => {
      bytes ??= fetchImageBlob(pin.imageUrl).catch((error: unknown) => {
        bytes = null;
        throw error;
      });
      return bytes;
    };
  }, [pin.imageUrl]);

  const choose = useCallback(
    async (chosen: Box) => {
      setBox(chosen);
      const region: ImageRegion = { id: pin.id, image, box: chosen };
      const frame = await createImageBitmap(await image());
      await search({ frame, box: chosen, region });
    },
    [pin.id, image, search],
  );

  return {
    active,
    box,
    status,
    refined,
    choose,
    toggle: () => {
      setActive((on) => !on);
      setBox(null);
    },
  };
}

export type SearchInside = ReturnType<typeof useSearchInside>;

const cornerClass: Record<Corner, string> = {
  "bottom-right": "right-3 bottom-3",
  "bottom-left": "left-3 bottom-3",
  "top-right": "right-3 top-3",
  "top-left": "left-3 top-3",
};

/** The toggle, in a corner of the picture that holds no Shop the Look dot. */
export function SearchInsideButton({ inside, corner = "bottom-right" }: { inside: SearchInside; corner?: Corner }) {
  return (
    <button
      type="button"
      data-testid="search-inside"
      aria-pressed={inside.active}
      aria-label={inside.active ? "Done searching inside this image" : "Search inside this image"}
      title="Search inside this image"
      onClick={inside.toggle}
      data-corner={corner}
      className={buttonClass(inside.active ? "primary" : "outline", `absolute ${cornerClass[corner]} z-10 shadow-md`)}
    >
      {inside.active ? <CloseIcon /> : <LensIcon />}
      {inside.active ? "Done" : "Search inside"}
    </button>
  );
}

/** The box layer over the picture, while searching inside it. */
export function SearchInsideLayer({ inside }: { inside: SearchInside }) {
  if (!inside.active) return null;
  return (
    <RegionSelect
      box={inside.box}
      allowBox
      onBox={(box) => void inside.choose(box)}
      testId="search-inside-region"
      label="Drag a box around what you want to find"
    />
  );
}

export function SearchInsideResults({ inside }: { inside: SearchInside }) {
  if (!inside.active) return null;
  return (
    <section aria-labelledby="inside-this-image" className="mx-auto mt-8 flex max-w-[1800px] flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="inside-this-image" className="text-xl font-semibold text-neutral-900">
          Inside this image
        </h2>
        <div className="w-full sm:w-auto sm:min-w-96">
          <ModelStatus status={inside.status} lastMs={inside.refined.shown?.device?.totalMs} />
        </div>
      </div>
      <RefinedResultsView
        testId="region-results"
        shown={inside.refined.shown}
        refining={inside.refined.refining}
        serverError={inside.refined.serverError}
        offline={inside.refined.offline}
        hasQuery={inside.refined.hasQuery}
        idleText="Drag a box on the picture around what you want to find."
      />
    </section>
  );
}
