"use client";
// One tile of a grid: image, hover veil, price on products, title underneath; links to the pin.
// The card can be dragged onto a board (and, on a board's own page, to another place in it),
// and carries a Save button for one-tap saving.
import { useDraggable } from "@dnd-kit/core";
import { useSortable } from "@dnd-kit/sortable";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { HTMLAttributes } from "react";
import type { Pin } from "@/lib/contracts";
import { formatPrice } from "@/lib/client/format";
import type { DraggedPin } from "@/components/board/board-workspace";
import { SaveButton } from "@/components/board/save-button";
import { PinImage } from "./pin-image";

/** Height the masonry layout reserves under the image for the title. */
export function pinCardFooterHeight(pin: Pin): number {
  return pin.title ? 44 : 4;
}

interface DragBinding {
  setNodeRef: (node: HTMLElement | null) => void;
  handle: HTMLAttributes<HTMLElement>;
  isDragging: boolean;
  isOver?: boolean;
}

/** A card anywhere: dragged onto a board in the tray. `dragId` is unique on the page. */
export function PinCard({ pin, score, dragId, eager = false }: { pin: Pin; score?: number; dragId: string; eager?: boolean }) {
  const data: DraggedPin = { kind: "pin", pin };
  const { setNodeRef, listeners, attributes, isDragging } = useDraggable({ id: dragId, data });
  return (
    <CardBody pin={pin} score={score} eager={eager} setNodeRef={setNodeRef} handle={{ ...attributes, role: undefined, ...listeners }} isDragging={isDragging} />
  );
}

/** A card on its own board's page: also reordered by dropping it on another card of the board. */
export function BoardPinCard({ pin, boardId }: { pin: Pin; boardId: string }) {
  const data: DraggedPin = { kind: "pin", pin, boardId };
  const { setNodeRef, listeners, attributes, isDragging, isOver } = useSortable({ id: pin.id, data });
  return (
    <CardBody pin={pin} setNodeRef={setNodeRef} handle={{ ...attributes, role: undefined, ...listeners }} isDragging={isDragging} isOver={isOver} />
  );
}

function CardBody({
  pin,
  score,
  eager = false,
  setNodeRef,
  handle,
  isDragging,
  isOver = false,
}: { pin: Pin; score?: number; eager?: boolean } & DragBinding) {
  const router = useRouter();
  const href = `/pin/${encodeURIComponent(pin.id)}`;
  // Prefetch on intent (pointer over it, focus), not on sight: a scrolled grid would otherwise
  // fetch every pin page it shows.
  const prefetch = () => router.prefetch(href);
  return (
    <div
      ref={setNodeRef}
      data-testid="pin-card-frame"
      data-over={isOver || undefined}
      className={`group relative rounded-2xl transition-opacity ${isDragging ? "opacity-40" : ""} ${isOver ? "ring-3 ring-red-500 ring-offset-2" : ""}`}
    >
      <Link
        href={href}
        prefetch={false}
        onPointerEnter={prefetch}
        onFocus={prefetch}
        data-testid="pin-card"
        data-pin-id={pin.id}
        data-score={score}
        draggable={false}
        {...handle}
        // A press-and-hold starts a drag on touch screens: no callout menu, no text selection.
        className="block touch-manipulation rounded-2xl select-none [-webkit-touch-callout:none] focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
      >
        <div className="relative">
          <PinImage pin={pin} src={pin.thumbUrl} tile priority={eager} className="rounded-2xl" />
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
      <div className="absolute top-2 right-2 opacity-0 transition-opacity group-focus-within:opacity-100 group-hover:opacity-100 [@media(hover:none)]:opacity-100">
        <SaveButton pin={pin} variant="overlay" />
      </div>
    </div>
  );
}
