"use client";
// The picture being searched with, with its pixel size and file size, and a way to swap it.
import { useState } from "react";
import { formatBytes } from "@/lib/client/image-files";
import type { QueryImage } from "@/lib/client/query-image";
import { ImagePickerButton } from "./image-picker-button";

export function QueryImagePreview({ image }: { image: QueryImage }) {
  const [size, setSize] = useState<{ id: string; width: number; height: number } | null>(null);
  const [unreadable, setUnreadable] = useState<string | null>(null);
  const known = size?.id === image.id ? size : null;

  return (
    <figure data-testid="query-image" className="flex gap-4 rounded-2xl bg-neutral-100 p-3 md:flex-col md:p-4">
      <div className="flex w-28 shrink-0 items-center justify-center overflow-hidden rounded-xl bg-neutral-200 md:w-full">
        {unreadable === image.id ? (
          <p className="p-3 text-center text-xs text-neutral-600">This browser can&apos;t preview the file; the search still sends it.</p>
        ) : (
          // eslint-disable-next-line @next/next/no-img-element -- a local object URL; nothing to optimize
          <img
            src={image.objectUrl}
            alt="Your search image"
            data-testid="query-image-preview"
            className="max-h-40 w-full object-contain md:max-h-[60vh]"
            onLoad={(e) => setSize({ id: image.id, width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })}
            onError={() => setUnreadable(image.id)}
          />
        )}
      </div>
      <figcaption className="flex min-w-0 flex-1 flex-col justify-center gap-2 text-sm text-neutral-700">
        <p className="truncate font-medium text-neutral-900" title={image.file.name}>
          {image.file.name || "Pasted image"}
        </p>
        <p data-testid="query-image-size">
          {known ? `${known.width} × ${known.height} px · ` : ""}
          {formatBytes(image.file.size)}
        </p>
        <ImagePickerButton label="Try another image" tone="outline" className="self-start" />
      </figcaption>
    </figure>
  );
}
