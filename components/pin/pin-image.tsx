"use client";
// A pin's picture inside a box of its own aspect ratio, painted with its dominant colour
// until the bytes arrive, then faded in — so the grid never jumps while images load. Once
// loaded the picture sits on a light tile (multiplied, so white product shots get an edge). A
// picture that cannot be fetched (offline, never seen on this device) leaves a plain tile with
// a picture sign (the card's footer still names the pin).
import { useState } from "react";
import type { Pin } from "@/lib/contracts";
import { tileAspect } from "@/lib/client/masonry";
import { ImageIcon } from "@/components/ui/icons";

export function PinImage({
  pin,
  src,
  sizes,
  priority = false,
  tile = false,
  className = "",
}: {
  pin: Pin;
  src: string;
  sizes?: string;
  priority?: boolean;
  /** In a grid: clamp extreme aspect ratios (see tileAspect) and letterbox the picture. */
  tile?: boolean;
  className?: string;
}) {
  const [loaded, setLoaded] = useState(false);
  const [failed, setFailed] = useState(false);
  const width = pin.width > 0 ? pin.width : 1;
  const height = pin.height > 0 ? pin.height : 1;
  return (
    <div
      className={`relative w-full overflow-hidden ${className}`}
      style={{
        aspectRatio: tile ? `1 / ${tileAspect(width, height)}` : `${width} / ${height}`,
        backgroundColor: loaded || failed ? "#f1f1f0" : pin.dominantColor,
      }}
    >
      {failed ? (
        <div role="img" aria-label={`${pin.title || "Untitled pin"} (picture not available)`} className="absolute inset-0 flex items-center justify-center text-neutral-400">
          <ImageIcon width={32} height={32} />
        </div>
      ) : (
        // eslint-disable-next-line @next/next/no-img-element -- the server already serves sized WebP/AVIF renditions
        <img
          // A cached image may finish before React attaches onLoad.
          ref={(img) => {
            if (img?.complete && img.naturalWidth > 0) setLoaded(true);
          }}
          src={src}
          alt={pin.title || "Untitled pin"}
          width={width}
          height={height}
          sizes={sizes}
          loading={priority ? "eager" : "lazy"}
          fetchPriority={priority ? "high" : "auto"}
          decoding="async"
          // Pins are dragged onto boards with our own drag and drop, not the browser's image drag.
          draggable={false}
          onLoad={() => setLoaded(true)}
          onError={() => setFailed(true)}
          // Priority pictures (the first screen) paint as their bytes arrive; the rest fade in.
          className={`absolute inset-0 h-full w-full object-contain mix-blend-multiply ${priority ? "" : `transition-opacity duration-300 ${loaded ? "opacity-100" : "opacity-0"}`}`}
        />
      )}
    </div>
  );
}
