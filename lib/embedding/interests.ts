// A collection's several interests, as PinnerSage models a user: cluster its items' unified
// embeddings with Ward's method, represent each cluster by its medoid (an item, never an
// average that may fall between interests), weight clusters by size, and merge what each
// medoid retrieves in proportion to those weights. Pure and shared: the server runs it on
// float vectors, the browser on the on-device index's sign-bit codes.

export interface Interest {
  /** Indices of the items in this cluster. */
  members: number[];
  /** The member with the least total distance to the others. */
  medoid: number;
  /** Share of the collection, 0–1. */
  weight: number;
}

/**
 * Ward merge height below which two groups count as one interest, in squared distance between
 * unit vectors (2 − 2·cosine). Chosen on the demo catalog's categories (`npm run eval-board-ideas`).
 */
export const INTEREST_MERGE_HEIGHT = 1.6;

/** Only the largest interests query the index; the rest are too small to earn a slot. */
export const MAX_INTERESTS = 5;

/**
 * Clusters `n` items by Ward's method (Lance–Williams updates on squared distances), merging
 * until the cheapest merge would exceed `maxHeight`. O(n³): meant for a board's few hundred pins.
 */
export function interestsOf(
  n: number,
  squaredDistance: (i: number, j: number) => number,
  maxHeight = INTEREST_MERGE_HEIGHT,
): Interest[] {
  if (n === 0) return [];
  const d = Array.from({ length: n }, (_, i) => Float64Array.from({ length: n }, (_, j) => (i === j ? 0 : squaredDistance(i, j))));
  const members: (number[] | null)[] = Array.from({ length: n }, (_, i) => [i]);
  for (;;) {
    let best = Infinity;
    let a = -1;
    let b = -1;
    for (let i = 0; i < n; i++) {
      if (!members[i]) continue;
      for (let j = i + 1; j < n; j++) {
        if (members[j] && d[i]![j]! < best) {
          best = d[i]![j]!;
          a = i;
          b = j;
        }
      }
    }
    if (a < 0 || best > maxHeight) break;
    const na = members[a]!.length;
    const nb = members[b]!.length;
    for (let k = 0; k < n; k++) {
      const group = members[k];
      if (!group || k === a || k === b) continue;
      const nk = group.length;
      const merged = ((na + nk) * d[a]![k]! + (nb + nk) * d[b]![k]! - nk * d[a]![b]!) / (na + nb + nk);
      d[a]![k] = merged;
      d[k]![a] = merged;
    }
    members[a] = [...members[a]!, ...members[b]!];
    members[b] = null;
  }
  const clusters = members.filter((m): m is number[] => m !== null);
  return clusters
    .map((group) => ({ members: group, medoid: medoidOf(group, squaredDistance), weight: group.length / n }))
    .sort((x, y) => y.weight - x.weight || x.medoid - y.medoid);
}

function medoidOf(group: number[], squaredDistance: (i: number, j: number) => number): number {
  let best = group[0]!;
  let bestCost = Infinity;
  for (const i of group) {
    let cost = 0;
    for (const j of group) if (i !== j) cost += Math.sqrt(squaredDistance(i, j));
    if (cost < bestCost) {
      bestCost = cost;
      best = i;
    }
  }
  return best;
}

/**
 * Merges each interest's ranked candidates into one list of up to `k`: every interest fills its
 * quota in turn (smooth weighted round robin, so the top of the list already mixes interests),
 * skipping items already taken; an interest that runs dry leaves its slots to the others.
 */
export function mergeInterests<T>(lists: readonly { weight: number; items: readonly T[] }[], k: number, keyOf: (item: T) => string): T[] {
  const taken = new Set<string>();
  const out: T[] = [];
  const next = lists.map(() => 0);
  const credit = lists.map(() => 0);
  const live = new Set(lists.map((_, i) => i).filter((i) => lists[i]!.items.length > 0));
  while (out.length < k && live.size > 0) {
    const total = [...live].reduce((sum, i) => sum + lists[i]!.weight, 0) || live.size;
    let pick = -1;
    for (const i of live) {
      credit[i]! += lists[i]!.weight || total / live.size;
      if (pick < 0 || credit[i]! > credit[pick]!) pick = i;
    }
    credit[pick]! -= total;
    const items = lists[pick]!.items;
    while (next[pick]! < items.length) {
      const item = items[next[pick]!++]!;
      const key = keyOf(item);
      if (taken.has(key)) continue;
      taken.add(key);
      out.push(item);
      break;
    }
    if (next[pick]! >= items.length) live.delete(pick);
  }
  return out;
}
