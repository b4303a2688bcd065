// Reciprocal-rank fusion (Cormack, Clarke & Büttcher, SIGIR 2009): several rankings of the same
// items become one by summing 1/(K + rank) over the lists an item appears in. It needs no common
// scale between the lists, which is why it joins image similarity and text rank for multisearch:
// an item ranked well by both comes first, then the heads of each list take turns.
import type { Result } from "@/lib/contracts";

/** The constant of the original paper; it damps the weight of the very top ranks. */
export const RRF_K = 60;

/**
 * The first `k` items of the fused ranking. Each result's score becomes its fused score over the
 * best a result could get (first in every list), so it stays in 0–1 with higher closer; ties keep
 * the order of the first list.
 */
export function fuseRankings(lists: readonly (readonly Result[])[], k: number): Result[] {
  const fused = new Map<string, { result: Result; sum: number; order: number }>();
  let order = 0;
  for (const list of lists) {
    list.forEach((result, rank) => {
      const entry = fused.get(result.id) ?? { result, sum: 0, order: order++ };
      entry.sum += 1 / (RRF_K + rank + 1);
      fused.set(result.id, entry);
    });
  }
  const best = lists.length / (RRF_K + 1);
  return [...fused.values()]
    .sort((a, b) => b.sum - a.sum || a.order - b.order)
    .slice(0, k)
    .map(({ result, sum }) => ({ ...result, score: Math.min(1, sum / best) }));
}
