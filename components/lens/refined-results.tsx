"use client";
// The results of a device-then-server search, marked with where they came from. The grid stays
// the same element when the server's answer replaces the device's, and its cards are keyed by
// pin id, so a refinement only moves the cards whose rank changed.
import { GridSkeleton } from "@/components/pin/grid-skeleton";
import { SearchResults } from "@/components/search/search-results";
import { ErrorMessage } from "@/components/ui/error-message";
import type { RefinedResults } from "./use-refined-search";

/** While the server looks, the device's "nothing close" is not the last word. */
const SERVER_LOOKS = "The server is taking a closer look.";
const SERVER_LOOKING = { emptyText: "Nothing close on this device yet", emptyHint: SERVER_LOOKS, distantHint: SERVER_LOOKS };

export function RefinedResultsView({
  shown,
  refining,
  serverError,
  hasQuery,
  idleText,
  testId,
  maxColumns,
  offline = false,
}: {
  shown: RefinedResults | null;
  refining: boolean;
  serverError: unknown;
  hasQuery: boolean;
  idleText: string;
  testId: string;
  maxColumns?: number;
  /** The network is off: device results are all there will be. */
  offline?: boolean;
}) {
  return (
    <section
      data-testid={testId}
      data-source={shown?.source ?? "none"}
      data-offline={offline}
      data-region={shown ? (shown.boxed ? "box" : "whole") : undefined}
      aria-busy={refining}
      aria-live="polite"
    >
      <div className="mb-3 flex items-center gap-2 text-sm text-neutral-600">
        {shown && (
          <span
            data-testid={`${testId}-source`}
            className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${shown.source === "server" ? "bg-emerald-50 text-emerald-800" : "bg-amber-50 text-amber-800"}`}
          >
            {shown.source === "server" ? "Refined by the server" : offline ? "Offline · found on this device" : "Found on this device"}
          </span>
        )}
        {refining && shown && <span className="animate-pulse">Refining…</span>}
      </div>
      {shown ? (
        <SearchResults
          results={shown.results}
          minRelevantScore={shown.minRelevantScore}
          maxColumns={maxColumns}
          {...(shown.source === "device" && refining ? SERVER_LOOKING : {})}
        />
      ) : serverError ? (
        <ErrorMessage error={serverError} />
      ) : offline && hasQuery && !refining ? (
        <p className="py-8 text-center text-sm text-neutral-600">You&apos;re offline, and this device has no copy of the catalog to search yet.</p>
      ) : hasQuery || refining ? (
        <GridSkeleton label="Searching" />
      ) : (
        <p className="py-8 text-center text-sm text-neutral-600">{idleText}</p>
      )}
    </section>
  );
}
