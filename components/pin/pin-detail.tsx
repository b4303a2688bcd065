"use client";
// /pin/[id]: the pin large with its details, and "More like this" underneath.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useEffect, type CSSProperties } from "react";
import type { Pin } from "@/lib/contracts";
import { ApiError } from "@/lib/client/api-error";
import { formatPrice } from "@/lib/client/format";
import { fetchImageBlob, pinQuery, pinShopQuery, similarPinsQuery } from "@/lib/client/queries";
import { SaveButton } from "@/components/board/save-button";
import { SearchResults } from "@/components/search/search-results";
import { ShopLayer, useShopSelection } from "@/components/shop/shop-layer";
import { ShopPanel } from "@/components/shop/shop-panel";
import { ShopStrip } from "@/components/shop/shop-strip";
import { buttonClass } from "@/components/ui/button";
import { ErrorMessage } from "@/components/ui/error-message";
import { ExternalLinkIcon } from "@/components/ui/icons";
import { GridSkeleton } from "./grid-skeleton";
import { PinImage } from "./pin-image";
import { SearchInsideButton, SearchInsideLayer, SearchInsideResults, useSearchInside, type SearchInside } from "./search-inside";
import { freeCorner } from "@/lib/client/shop-look";

export function PinDetail({ id }: { id: string }) {
  const pin = useQuery(pinQuery(id));
  // Next leaves the scroll alone when the page's top is still on screen, which can leave the
  // title under the sticky header after a click from a slightly scrolled grid.
  useEffect(() => {
    window.scrollTo({ top: 0 });
  }, [id]);

  if (pin.isPending) return <PinCloseupSkeleton />;
  if (pin.isError) {
    if (pin.error instanceof ApiError && pin.error.status === 404) return <PinNotFound />;
    return <ErrorMessage error={pin.error} onRetry={() => void pin.refetch()} className="mt-16" />;
  }
  return (
    <>
      <SearchablePinCloseup pin={pin.data} />
      <MoreLikeThis id={id} />
    </>
  );
}

function hostOf(link: string): string {
  try {
    return new URL(link).hostname.replace(/^www\./, "");
  } catch {
    return link;
  }
}

/** The close-up, and what "Search inside this image" finds under it. */
function SearchablePinCloseup({ pin }: { pin: Pin }) {
  const inside = useSearchInside(pin);
  return (
    <>
      <PinCloseup pin={pin} inside={inside} />
      <SearchInsideResults inside={inside} />
    </>
  );
}

function PinCloseup({ pin, inside }: { pin: Pin; inside: SearchInside }) {
  // Shop the Look is extra: while it loads, or if it fails, the pin shows as it always did.
  const shop = useQuery(pinShopQuery(pin.id));
  const objects = shop.data?.objects ?? [];
  const selection = useShopSelection(objects);
  const { object: selectedObject, box: selectedBox } = selection;
  return (
    <article
      data-testid="pin-closeup"
      className="mx-auto flex max-w-5xl flex-col overflow-hidden rounded-3xl bg-white shadow-[0_1px_20px_rgba(0,0,0,0.1)] md:flex-row"
    >
      {/* Tall images are held to 80% of the viewport's height; the column shrinks to fit them. */}
      <div
        className="md:w-[min(50%,var(--fit-width))] md:shrink-0"
        style={{ "--fit-width": `calc(80vh * ${pin.width || 1} / ${pin.height || 1})` } as CSSProperties}
      >
        <div className="relative mx-auto max-w-[var(--fit-width)]">
          <PinImage pin={pin} src={pin.imageUrl} priority />
          {!inside.active && <ShopLayer objects={objects} selection={selection} />}
          <SearchInsideLayer inside={inside} />
          <SearchInsideButton inside={inside} corner={inside.active ? "bottom-right" : freeCorner(objects.map((o) => o.box))} />
        </div>
      </div>
      <div className="flex min-w-0 flex-1 flex-col gap-4 p-5 sm:p-8">
        {selectedObject && selectedBox && (
          <ShopPanel
            key={selection.index}
            object={selectedObject}
            box={selectedBox}
            scene={{ id: `pin:${pin.id}`, image: () => fetchImageBlob(pin.imageUrl) }}
            minRelevantScore={shop.data?.minRelevantScore}
            onClose={() => selection.select(null)}
          />
        )}
        <div className="flex flex-wrap items-center gap-2">
          <div className="order-last ml-auto">
            <SaveButton pin={pin} />
          </div>
          {pin.category && (
            <span data-testid="pin-category" className="rounded-full bg-neutral-100 px-3 py-1 text-xs font-medium text-neutral-700">
              {pin.category}
            </span>
          )}
          {pin.kind === "product" && (
            <span className="rounded-full bg-emerald-50 px-3 py-1 text-xs font-medium text-emerald-800">Product</span>
          )}
        </div>
        <h1 data-testid="pin-title" className="text-2xl font-semibold break-words text-neutral-900 sm:text-3xl">
          {pin.title || "Untitled pin"}
        </h1>
        {pin.kind === "product" && pin.price !== null && (
          <p data-testid="pin-price" className="text-xl font-bold text-neutral-900">
            {formatPrice(pin.price)}
          </p>
        )}
        {pin.description && (
          <p data-testid="pin-description" className="whitespace-pre-line text-neutral-700">
            {pin.description}
          </p>
        )}
        {pin.link && (
          <a
            href={pin.link}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="pin-link"
            className={buttonClass(pin.kind === "product" ? "primary" : "secondary", "self-start")}
          >
            {pin.kind === "product" ? "Visit shop" : "Visit"} · {hostOf(pin.link)}
            <ExternalLinkIcon width={16} height={16} />
          </a>
        )}
        <div className="mt-auto flex flex-col gap-4 pt-2">
          <ShopStrip objects={objects} />
          <p className="text-xs text-neutral-500">
            Added {new Date(pin.createdAt).toLocaleDateString(undefined, { dateStyle: "medium" })}
          </p>
        </div>
      </div>
    </article>
  );
}

function MoreLikeThis({ id }: { id: string }) {
  const similar = useQuery(similarPinsQuery(id));
  // The pin itself is the closest match to itself; it doesn't belong in its own "more like this".
  const results = similar.data?.results.filter((r) => r.id !== id) ?? [];
  return (
    <section aria-labelledby="more-like-this" className="mt-10">
      <h2 id="more-like-this" className="mb-4 text-center text-xl font-semibold text-neutral-900">
        More like this
      </h2>
      {similar.isPending ? (
        <GridSkeleton label="Finding similar pins" />
      ) : similar.isError ? (
        <ErrorMessage error={similar.error} onRetry={() => void similar.refetch()} />
      ) : (
        <SearchResults
          results={results}
          minRelevantScore={similar.data.minRelevantScore}
          testId="similar-grid"
          emptyText="Nothing close to this in the catalog yet"
        />
      )}
    </section>
  );
}

function PinCloseupSkeleton() {
  return (
    <div role="status" aria-label="Loading pin" className="mx-auto flex max-w-5xl flex-col gap-6 md:flex-row">
      <div className="aspect-[3/4] animate-pulse rounded-3xl bg-neutral-200 md:w-1/2" />
      <div className="flex flex-1 flex-col gap-3 p-4">
        <div className="h-8 w-2/3 animate-pulse rounded-lg bg-neutral-200" />
        <div className="h-4 w-full animate-pulse rounded bg-neutral-200" />
        <div className="h-4 w-5/6 animate-pulse rounded bg-neutral-200" />
      </div>
    </div>
  );
}

function PinNotFound() {
  return (
    <div data-testid="pin-not-found" className="mx-auto mt-20 max-w-md text-center">
      <p className="text-6xl font-black text-neutral-200">404</p>
      <h1 className="mt-2 text-2xl font-semibold text-neutral-900">This pin isn&apos;t here</h1>
      <p className="mt-2 text-neutral-600">It may have been deleted, or the link is mistyped.</p>
      <Link href="/" className={buttonClass("primary", "mt-6")}>
        Back to the feed
      </Link>
    </div>
  );
}
