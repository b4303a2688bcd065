// The on-device index: the catalog's sign-bit codes in one growing typed array, with the pins
// beside them, searched by Hamming distance. A query has several views (the frame and its
// saliency crops); a pin is scored by its best view, as the server scores float vectors.
import type { Pin, Result } from "@/lib/contracts";
import { hamming, nearestCodes, signCode } from "@/lib/embedding/binary";
import { MAX_INTERESTS, interestsOf, mergeInterests } from "@/lib/embedding/interests";
import { scoreOf } from "@/lib/embedding/vectors";

/**
 * Hamming distance → the API's 0–1 score. For sign bits, the share of differing bits estimates
 * the angle between the vectors over π (the sign-random-projection identity, close enough for
 * whitened embeddings), so cos(π·d/bits) estimates the cosine and max(0, ·) matches the server's
 * max(0, cosine): device and server scores mean the same thing and share the relevance cut-off.
 */
export function hammingScore(distance: number, bits: number): number {
  if (bits <= 0) return 0;
  return scoreOf(hammingCosine(distance, bits));
}

/** The cosine that a Hamming distance between sign codes estimates (see hammingScore). */
function hammingCosine(distance: number, bits: number): number {
  return Math.cos((Math.PI * distance) / bits);
}

export interface CodeSearch {
  results: Result[];
}

export class CodeIndex {
  private codes: Uint8Array;
  private pins: Pin[] = [];
  private readonly positions = new Map<string, number>();
  readonly bytesPerCode: number;

  constructor(
    /** The vector space the codes come from (the teacher's model key). */
    readonly model: string,
    readonly dim: number,
    capacity = 1024,
  ) {
    this.bytesPerCode = Math.ceil(dim / 8);
    this.codes = new Uint8Array(capacity * this.bytesPerCode);
  }

  get size(): number {
    return this.pins.length;
  }

  /** Adds pins (or replaces the code of one already there, e.g. after a re-embed). */
  add(items: readonly { code: Uint8Array; pin: Pin }[]): void {
    for (const { code, pin } of items) {
      if (code.length !== this.bytesPerCode) {
        throw new RangeError(`code of ${code.length} bytes, the index holds ${this.bytesPerCode}-byte codes`);
      }
      let at = this.positions.get(pin.id);
      if (at === undefined) {
        at = this.pins.length;
        this.grow(at + 1);
        this.positions.set(pin.id, at);
        this.pins.push(pin);
      } else {
        this.pins[at] = pin;
      }
      this.codes.set(code, at * this.bytesPerCode);
    }
  }

  /** Removes pins (deleted from the catalog); ids it does not hold are ignored. */
  remove(ids: readonly string[]): void {
    for (const id of ids) {
      const at = this.positions.get(id);
      if (at === undefined) continue;
      // The last pin takes the removed one's place, so the arrays stay dense.
      const last = this.pins.length - 1;
      if (at !== last) {
        const moved = this.pins[last]!;
        this.pins[at] = moved;
        this.positions.set(moved.id, at);
        this.codes.copyWithin(at * this.bytesPerCode, last * this.bytesPerCode, (last + 1) * this.bytesPerCode);
      }
      this.pins.pop();
      this.positions.delete(id);
    }
  }

  /** Top `k` pins for query views (unit vectors of `dim` values), each pin by its best view. */
  search(views: readonly Float32Array[], k: number): CodeSearch {
    const n = this.pins.length;
    if (n === 0 || views.length === 0 || k <= 0) return { results: [] };
    const all = this.codes.subarray(0, n * this.bytesPerCode);
    const queries = views.map((v) => {
      if (v.length !== this.dim) throw new RangeError(`a ${v.length}-d view against ${this.dim}-d codes`);
      return signCode(v);
    });
    // The best-view top k is inside the union of every view's own top k, so only those
    // candidates need their distance to every view.
    const candidates = new Set<number>();
    for (const q of queries) for (const i of nearestCodes(q, all, k)) candidates.add(i);
    const scored = [...candidates].map((i) => {
      const distance = Math.min(...queries.map((q) => hamming(q, all, i * this.bytesPerCode)));
      return { i, distance };
    });
    scored.sort((a, b) => a.distance - b.distance || a.i - b.i);
    const top = scored.slice(0, k);
    return {
      results: top.map(({ i, distance }) => {
        const pin = this.pins[i]!;
        return { id: pin.id, score: hammingScore(distance, this.dim), pin };
      }),
    };
  }

  /**
   * Ideas for a board from the codes this index already holds, by the server's method
   * (board-ideas.ts): the board's interests from its pins' codes, each medoid's nearest codes,
   * merged by interest size, without the board's own pins. Pins the index lacks are skipped.
   */
  ideasFor(boardPinIds: readonly string[], k: number): CodeSearch {
    const onBoard = new Set(boardPinIds);
    const at = boardPinIds.map((id) => this.positions.get(id)).filter((i): i is number => i !== undefined);
    if (at.length === 0 || k <= 0) return { results: [] };
    const all = this.codes.subarray(0, this.pins.length * this.bytesPerCode);
    const codeAt = (i: number) => all.subarray(i * this.bytesPerCode, (i + 1) * this.bytesPerCode);
    // The squared distance of unit vectors, from the cosine the codes estimate.
    const squared = (a: number, b: number) => 2 - 2 * hammingCosine(hamming(codeAt(at[a]!), all, at[b]! * this.bytesPerCode), this.dim);
    const lists = interestsOf(at.length, squared)
      .slice(0, MAX_INTERESTS)
      .map(({ medoid, weight }) => {
        const query = codeAt(at[medoid]!);
        const items = nearestCodes(query, all, k + at.length)
          .filter((i) => !onBoard.has(this.pins[i]!.id))
          .map((i) => {
            const pin = this.pins[i]!;
            return { id: pin.id, score: hammingScore(hamming(query, all, i * this.bytesPerCode), this.dim), pin };
          });
        return { weight, items };
      });
    return { results: mergeInterests(lists, k, (r) => r.id) };
  }

  private grow(count: number): void {
    const needed = count * this.bytesPerCode;
    if (needed <= this.codes.length) return;
    const next = new Uint8Array(Math.max(needed, this.codes.length * 2));
    next.set(this.codes);
    this.codes = next;
  }
}
