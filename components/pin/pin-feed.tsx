"use client";
// The home feed: newest pins first, the next page fetched as the end of the grid nears. Pins
// keep arriving (uploads, a catalog still being seeded): a "New pins" button offers them.
import Link from "next/link";
import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef } from "react";
import type { FeedResponse } from "@/lib/contracts";
import { feedQuery, newestPinQuery, queryKeys } from "@/lib/client/queries";
import { buttonClass } from "@/components/ui/button";
import { ErrorMessage } from "@/components/ui/error-message";
import { ImageIcon, PlusIcon } from "@/components/ui/icons";
import { GridSkeleton } from "./grid-skeleton";
import { MasonryGrid } from "./masonry-grid";

/** Cards at the top of the feed whose pictures load first, not lazily: the first screen. */
const EAGER_CARDS = 8;

/** `firstPage`: the newest pins as the server rendered them, so the first screen needs no extra round trip. */
export function PinFeed({ firstPage }: { firstPage?: FeedResponse }) {
  const feed = useInfiniteQuery({
    ...feedQuery(),
    ...(firstPage ? { initialData: { pages: [firstPage], pageParams: [null] } } : {}),
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = feed;
  const entries = useMemo(() => feed.data?.pages.flatMap((page) => page.pins).map((pin) => ({ pin })) ?? [], [feed.data]);
  const sentinelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const sentinel = sentinelRef.current;
    if (!sentinel || !hasNextPage) return;
    // Start loading well before the bottom so scrolling rarely has to wait.
    const observer = new IntersectionObserver(
      ([entry]) => {
        if (entry?.isIntersecting && !isFetchingNextPage) void fetchNextPage();
      },
      { rootMargin: "1200px 0px" },
    );
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, entries.length]);

  const newest = useQuery(newestPinQuery());
  const queryClient = useQueryClient();
  const shownNewest = feed.data?.pages[0]?.pins[0]?.id ?? null;
  const morePins = newest.data != null && shownNewest !== null && newest.data !== shownNewest;
  const firstPinsArrived = newest.data != null && feed.isSuccess && shownNewest === null;
  useEffect(() => {
    // An empty catalog that starts filling (the demo catalog being seeded): just show the pins.
    if (firstPinsArrived) void queryClient.resetQueries({ queryKey: queryKeys.feed() });
  }, [firstPinsArrived, queryClient]);

  if (feed.isPending) return <GridSkeleton />;
  if (feed.isError && entries.length === 0) return <ErrorMessage error={feed.error} onRetry={() => void feed.refetch()} className="mt-16" />;
  if (entries.length === 0) return <EmptyCatalog />;

  return (
    <>
      {morePins && (
        <div className="sticky top-20 z-20 flex justify-center">
          <button
            type="button"
            data-testid="feed-new-pins"
            onClick={() => {
              window.scrollTo({ top: 0 });
              void queryClient.resetQueries({ queryKey: queryKeys.feed() });
            }}
            className={buttonClass("primary", "shadow-lg")}
          >
            New pins
          </button>
        </div>
      )}
      <MasonryGrid entries={entries} testId="feed-grid" eagerCount={EAGER_CARDS} />
      <div ref={sentinelRef} data-testid="feed-sentinel" className="h-px" />
      {isFetchingNextPage && <p className="py-8 text-center text-sm text-neutral-500" role="status">Loading more pins…</p>}
      {feed.isFetchNextPageError && (
        <ErrorMessage error={feed.error} onRetry={() => void fetchNextPage()} className="my-8" />
      )}
      {!hasNextPage && entries.length > 12 && (
        <p className="py-10 text-center text-sm text-neutral-500">You&apos;re all caught up.</p>
      )}
    </>
  );
}

function EmptyCatalog() {
  return (
    <div data-testid="feed-empty" className="mx-auto mt-20 flex max-w-sm flex-col items-center text-center">
      <div className="flex h-20 w-20 items-center justify-center rounded-full bg-red-50 text-red-600">
        <ImageIcon width={36} height={36} />
      </div>
      <h1 className="mt-5 text-2xl font-semibold text-neutral-900">Nothing here yet</h1>
      <p className="mt-2 text-neutral-600">
        Add the first pin to start the catalog. Once there are pins, paste or drop any image to find ones like it.
      </p>
      <Link href="/pin/new" className={buttonClass("primary", "mt-6")}>
        <PlusIcon />
        Add pin
      </Link>
    </div>
  );
}
