"use client";
// Results for a typed query (/search?q=…&kind=&minPrice=&maxPrice=).
import { useQuery } from "@tanstack/react-query";
import { textSearchQuery } from "@/lib/client/queries";
import type { TextFilters } from "@/lib/client/search-filters";
import { splitByRelevance } from "@/lib/client/relevance";
import { GridSkeleton } from "@/components/pin/grid-skeleton";
import { ErrorMessage } from "@/components/ui/error-message";
import { SearchResults } from "./search-results";
import { TextFilterBar } from "./text-filters";

export function TextSearchView({ q, filters }: { q: string; filters: TextFilters }) {
  const search = useQuery(textSearchQuery(q, filters));

  if (!q.trim()) {
    return (
      <p className="mx-auto mt-16 max-w-md text-center text-neutral-600">
        Type what you&apos;re looking for above, or paste an image anywhere on the page.
      </p>
    );
  }

  return (
    <section aria-labelledby="search-heading">
      <div className="mb-5 flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h1 id="search-heading" className="text-xl font-semibold text-neutral-900 sm:text-2xl">
          Results for “{q}”
        </h1>
        {search.data && (
          <p className="text-sm text-neutral-500">
            {matchCount(splitByRelevance(search.data.results, search.data.minRelevantScore).relevant.length)} ·{" "}
            {Math.round(search.data.tookMs)} ms
          </p>
        )}
      </div>
      <TextFilterBar q={q} filters={filters} />
      {search.isPending ? (
        <GridSkeleton label="Searching" />
      ) : search.isError ? (
        <ErrorMessage error={search.error} onRetry={() => void search.refetch()} className="mt-10" />
      ) : (
        <SearchResults
          results={search.data.results}
          minRelevantScore={search.data.minRelevantScore}
          emptyText={`Nothing close to “${q}” in the catalog yet`}
          emptyHint="Try other words, fewer words, or widen the filters."
        />
      )}
    </section>
  );
}

function matchCount(n: number): string {
  return n === 1 ? "1 match" : `${n} matches`;
}
