"use client";
// One tile of a grid: image, hover veil, price on products, title underneath; links to the pin.
import Link from "next/link";
import type { Pin } from "@/lib/contracts";
import { formatPrice } from "@/lib/client/format";
import { PinImage } from "./pin-image";

/** Height the masonry layout reserves under the image for the title. */
export function pinCardFooterHeight(pin: Pin): number {
  return pin.title ? 44 : 4;
}

export function PinCard({ pin, score }: { pin: Pin; score?: number }) {
  return (
    <Link
      href={`/pin/${encodeURIComponent(pin.id)}`}
      data-testid="pin-card"
      data-pin-id={pin.id}
      data-score={score}
      className="group block rounded-2xl focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
    >
      <div className="relative">
        <PinImage pin={pin} src={pin.thumbUrl} tile className="rounded-2xl" />
        <div className="pointer-events-none absolute inset-0 rounded-2xl bg-black/0 transition-colors group-hover:bg-black/25" />
        {pin.kind === "product" && pin.price !== null && (
          <span
            data-testid="price-badge"
            className="absolute bottom-2 left-2 rounded-full bg-white/95 px-2.5 py-1 text-xs font-bold text-neutral-900 shadow-sm"
          >
            {formatPrice(pin.price)}
          </span>
        )}
      </div>
      {pin.title && (
        <p className="mt-1.5 line-clamp-2 px-1 text-[13px] leading-[1.3] font-medium text-neutral-900">{pin.title}</p>
      )}
    </Link>
  );
}
