"use client";
// A grid of search results, best first, with the ones under the relevance cut-off tucked
// away: when nothing clears it, say so rather than show look-alikes as if they matched.
import { useState } from "react";
import type { Result } from "@/lib/contracts";
import { splitByRelevance } from "@/lib/client/relevance";
import { MasonryGrid } from "@/components/pin/masonry-grid";
import { buttonClass } from "@/components/ui/button";

export function SearchResults({
  results,
  minRelevantScore,
  testId = "result-grid",
  emptyText = "Nothing close in the catalog yet",
  emptyHint = "Try another picture, or add pins so there is more to find.",
  distantHint = "There are a few distant matches, but they probably aren't what you're after.",
  maxColumns,
}: {
  results: readonly Result[];
  minRelevantScore?: number;
  testId?: string;
  emptyText?: string;
  /** What to try next when nothing matched (a picture search and a word search differ). */
  emptyHint?: string;
  /** What to say when nothing cleared the cut-off but less similar results are there. */
  distantHint?: string;
  maxColumns?: number;
}) {
  const [showLessSimilar, setShowLessSimilar] = useState(false);
  const { relevant, lessSimilar } = splitByRelevance(results, minRelevantScore);
  const shown = showLessSimilar ? [...relevant, ...lessSimilar] : relevant;

  return (
    <div>
      {relevant.length === 0 && (
        <div data-testid="nothing-close" className="mx-auto my-10 max-w-xl text-center text-balance">
          <p className="text-lg font-semibold text-neutral-900">{emptyText}</p>
          <p className="mt-1 text-sm text-neutral-600" data-testid="nothing-close-hint">
            {lessSimilar.length > 0 ? distantHint : emptyHint}
          </p>
        </div>
      )}
      {shown.length > 0 && (
        <MasonryGrid entries={shown.map((r) => ({ pin: r.pin, score: r.score }))} testId={testId} maxColumns={maxColumns} />
      )}
      {lessSimilar.length > 0 && (
        <div className="mt-8 flex justify-center">
          <button
            type="button"
            data-testid="show-less-similar"
            aria-expanded={showLessSimilar}
            onClick={() => setShowLessSimilar((v) => !v)}
            className={buttonClass("secondary")}
          >
            {showLessSimilar ? "Hide less similar" : `Show ${lessSimilar.length} less similar`}
          </button>
        </div>
      )}
    </div>
  );
}
