// Compact 1-bit codes of unit embeddings (one sign bit per dimension) and their search by
// Hamming distance: the on-device index and the short-list stage before float rescoring.
// Pure, shared by browser and server. Bit order: dimension i is bit (i & 7) of byte (i >> 3).

/** Sign bits of a vector, packed 8 per byte. */
export function signCode(x: Float32Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(x.length / 8));
  for (let i = 0; i < x.length; i++) if (x[i]! > 0) out[i >> 3]! |= 1 << (i & 7);
  return out;
}

const POPCOUNT = Uint8Array.from({ length: 256 }, (_, b) => {
  let n = 0;
  for (let x = b; x; x &= x - 1) n++;
  return n;
});

/** Differing bits between `a` and the code at `offset` in `codes` (both `a.length` bytes). */
export function hamming(a: Uint8Array, codes: Uint8Array, offset = 0): number {
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff += POPCOUNT[a[i]! ^ codes[offset + i]!]!;
  return diff;
}

/** Share of equal sign bits, 0–1: a similarity between codes of `bits` dimensions. */
export function signAgreement(a: Uint8Array, b: Uint8Array, bits: number): number {
  return 1 - hamming(a, b) / bits;
}

/**
 * Indices of the k codes nearest to `query` in a flat array of codes of `query.length` bytes
 * each, nearest first (ties by index). A counting sort over distances: O(n + bits).
 */
export function nearestCodes(query: Uint8Array, codes: Uint8Array, k: number): number[] {
  const width = query.length;
  if (width === 0 || codes.length % width !== 0) throw new RangeError("codes are not a whole number of query-sized codes");
  const n = codes.length / width;
  const distances = new Uint16Array(n);
  const counts = new Uint32Array(width * 8 + 2);
  for (let i = 0; i < n; i++) {
    const d = hamming(query, codes, i * width);
    distances[i] = d;
    counts[d + 1]!++;
  }
  for (let d = 1; d < counts.length; d++) counts[d]! += counts[d - 1]!;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[counts[distances[i]!]!++] = i;
  return Array.from(order.subarray(0, Math.min(k, n)));
}

/**
 * A float query's lookup table against sign codes: for each code byte and each of its 256
 * values, Σ ±query over the byte's 8 dimensions (+ where the bit is set). Built once per query,
 * it makes `tableDot` as cheap as a Hamming distance, while the query keeps its magnitudes:
 * asymmetric distance, as in product quantization (Jégou et al.).
 */
export function queryTable(query: Float32Array): Float32Array {
  const bytes = Math.ceil(query.length / 8);
  const table = new Float32Array(bytes * 256);
  for (let j = 0; j < bytes; j++) {
    const row = j * 256;
    for (let value = 0; value < 256; value++) {
      let sum = 0;
      for (let bit = 0; bit < 8; bit++) {
        const q = query[j * 8 + bit] ?? 0;
        sum += value & (1 << bit) ? q : -q;
      }
      table[row + value] = sum;
    }
  }
  return table;
}

/** The query's dot product with the ±1 vector of the code at `offset` (`table` from queryTable). */
export function tableDot(table: Float32Array, codes: Uint8Array, offset: number, bytes: number): number {
  let sum = 0;
  for (let j = 0; j < bytes; j++) sum += table[j * 256 + codes[offset + j]!]!;
  return sum;
}
