"use client";
// The picture being searched with, with its pixel size and file size, and a way to swap it. The
// object the server searched in a photo shows as a box (other objects it found as dots); a box
// drawn on the picture, or the found one adjusted by its corners, narrows the search to what it
// holds, and "Search the whole picture" searches everything in the frame.
import { useState } from "react";
import type { Box } from "@/lib/contracts";
import { formatBytes } from "@/lib/client/image-files";
import { isWholePicture, WHOLE_PICTURE } from "@/lib/client/image-search-url";
import type { QueryImage } from "@/lib/client/query-image";
import { RegionSelect } from "@/components/lens/region-select";
import { buttonClass } from "@/components/ui/button";
import { ImagePickerButton } from "./image-picker-button";
import { dottedObjects, ObjectDots } from "./object-dots";

export function QueryImagePreview({
  image,
  box,
  objects,
  onBox,
}: {
  image: QueryImage;
  /** The box asked for: null lets the server find the objects, WHOLE_PICTURE asks for everything. */
  box: Box | null;
  /** The objects the server searched, best first, when no box was asked for. */
  objects: readonly Box[];
  onBox: (box: Box | null) => void;
}) {
  const [size, setSize] = useState<{ id: string; width: number; height: number } | null>(null);
  const [unreadable, setUnreadable] = useState<string | null>(null);
  const known = size?.id === image.id ? size : null;
  const whole = isWholePicture(box);
  const found = box === null ? objects : [];
  const shown = whole ? null : (box ?? found[0] ?? null);
  const others = dottedObjects(found.slice(1), shown);

  return (
    <figure data-testid="query-image" className="flex flex-col gap-3 rounded-2xl bg-neutral-100 p-3 md:gap-4 md:p-4">
      <div className="flex w-full items-center justify-center overflow-hidden rounded-xl bg-neutral-200">
        {unreadable === image.id ? (
          <p className="p-3 text-center text-xs text-neutral-600">This browser can&apos;t preview the file; the search still sends it.</p>
        ) : (
          // The layer covers the picture exactly: the wrapper shrinks to the picture's own box.
          <div className="relative inline-block max-w-full">
            {/* eslint-disable-next-line @next/next/no-img-element -- a local object URL; nothing to optimize */}
            <img
              src={image.objectUrl}
              alt="Your search image"
              data-testid="query-image-preview"
              className="block h-auto max-h-56 w-auto max-w-full md:max-h-[60vh]"
              onLoad={(e) => setSize({ id: image.id, width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })}
              onError={() => setUnreadable(image.id)}
            />
            {known && <RegionSelect box={shown} allowBox onBox={onBox} testId="query-region" label="Drag a box around what to search for" />}
            {known && <ObjectDots objects={others} onPick={onBox} testId="query-object" />}
          </div>
        )}
      </div>
      <figcaption className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-2 text-sm text-neutral-700 md:flex-col md:items-start">
        <p className="max-w-full truncate font-medium text-neutral-900" title={image.file.name}>
          {image.file.name || "Pasted image"}
        </p>
        <p data-testid="query-image-size">
          {known ? `${known.width} × ${known.height} px · ` : ""}
          {formatBytes(image.file.size)}
        </p>
        {unreadable !== image.id && (
          <p data-testid="query-region-hint" className="w-full text-xs text-neutral-600">
            {whole
              ? "Searching the whole picture. Drag a box on it to search part of it."
              : box
                ? "Drag the box's corners to adjust it."
                : found.length > 0
                  ? `The box is the object found in the picture${others.length > 0 ? " (a dot marks another)" : ""}: drag its corners to search just it.`
                  : "Drag a box on the picture to search part of it."}
          </p>
        )}
        <div className="flex flex-wrap items-center gap-2 md:flex-col md:items-start">
          <ImagePickerButton label="Try another image" tone="outline" />
          {shown && (
            <button type="button" data-testid="query-region-clear" onClick={() => onBox(WHOLE_PICTURE)} className={buttonClass("ghost")}>
              Search the whole picture
            </button>
          )}
          {whole && (
            <button type="button" data-testid="query-region-find" onClick={() => onBox(null)} className={buttonClass("ghost")}>
              Find the object
            </button>
          )}
        </div>
      </figcaption>
    </figure>
  );
}
