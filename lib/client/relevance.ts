// Splits search results at the server's relevance cut-off: below it, a result is
// probably not the same kind of thing, so the UI tucks it away behind a toggle.
import type { Result } from "@/lib/contracts";

export interface RelevanceSplit {
  relevant: Result[];
  lessSimilar: Result[];
}

export function splitByRelevance(results: readonly Result[], minRelevantScore: number | undefined): RelevanceSplit {
  if (minRelevantScore === undefined) return { relevant: [...results], lessSimilar: [] };
  const relevant: Result[] = [];
  const lessSimilar: Result[] = [];
  for (const result of results) (result.score >= minRelevantScore ? relevant : lessSimilar).push(result);
  return { relevant, lessSimilar };
}
