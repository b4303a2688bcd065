// Retrieval metrics as the benchmark defines them (bench/README.md): recall@k is the share of
// queries with a relevant item in the top k; AP@10 is normalized by min(relevant, 10). A query
// with several views scores each gallery item by its best view.

export interface RankedQuery {
  /** Gallery groups in rank order (at least the top 10). */
  ranked: readonly string[];
  group: string;
  /** How many gallery items share the query's group. */
  relevant: number;
}

export function recallAt(queries: readonly RankedQuery[], k: number): number {
  if (queries.length === 0) return 0;
  return queries.filter((q) => q.ranked.slice(0, k).includes(q.group)).length / queries.length;
}

export function averagePrecisionAt10(q: RankedQuery): number {
  const denom = Math.min(q.relevant, 10);
  if (denom === 0) return 0;
  let hits = 0;
  let sum = 0;
  q.ranked.slice(0, 10).forEach((g, i) => {
    if (g === q.group) {
      hits += 1;
      sum += hits / (i + 1);
    }
  });
  return sum / denom;
}

export function meanAp10(queries: readonly RankedQuery[]): number {
  if (queries.length === 0) return 0;
  return queries.reduce((s, q) => s + averagePrecisionAt10(q), 0) / queries.length;
}

/**
 * Indices of the top `k` gallery rows for a query, scoring each row by the best of `views`.
 * `similarity(view, row)` may be any similarity (cosine, int8 dot, Hamming agreement).
 */
export function topKByBestView(
  views: number,
  rows: number,
  similarity: (view: number, row: number) => number,
  k: number,
): number[] {
  const best = new Float64Array(rows).fill(-Infinity);
  for (let v = 0; v < views; v++) {
    for (let r = 0; r < rows; r++) {
      const s = similarity(v, r);
      if (s > best[r]!) best[r] = s;
    }
  }
  return Array.from({ length: rows }, (_, i) => i)
    .sort((a, b) => best[b]! - best[a]! || a - b)
    .slice(0, k);
}

/** Symmetric int8 code of a unit vector (one scale per vector), for storage experiments. */
export function int8Code(x: Float32Array): Int8Array {
  let max = 0;
  for (const v of x) max = Math.max(max, Math.abs(v));
  const scale = max > 0 ? 127 / max : 0;
  return Int8Array.from(x, (v) => Math.round(v * scale));
}

/** Cosine between int8 codes. */
export function int8Cosine(a: Int8Array, b: Int8Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}
