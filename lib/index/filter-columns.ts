// The embedded engine's filter fields, in columns indexed by pin seq: a kind code (0 for a key
// that is not in the index), an interned lower-case category and a price (NaN when none). About
// 9 bytes per seq, so a filter is checked in memory, without reading pins from the store.
import type { SearchFilters } from "@/lib/contracts";
import type { FilterFields } from "@/lib/contracts/records";

const kindCodes = { product: 1, pin: 2 } as const;

export class FilterColumns {
  private kinds = new Uint8Array(1024);
  private categories = new Uint32Array(1024);
  private prices = new Float32Array(1024);
  private readonly categoryIds = new Map<string, number>();
  /** One past the highest seq ever set. */
  private end = 0;

  set(seq: bigint, fields: FilterFields): void {
    const slot = this.slotFor(seq);
    this.kinds[slot] = kindCodes[fields.kind];
    this.categories[slot] = fields.category === null ? 0 : this.categoryId(fields.category.toLowerCase());
    this.prices[slot] = fields.price ?? Number.NaN;
  }

  clear(seq: bigint): void {
    const slot = Number(seq);
    if (slot < this.end) this.kinds[slot] = 0;
  }

  has(seq: bigint): boolean {
    const slot = Number(seq);
    return slot < this.end && this.kinds[slot] !== 0;
  }

  /** A test of a seq (as a number) against the filters; `undefined` when a filter names a category never seen. */
  predicate(filters: SearchFilters): ((seq: number) => boolean) | undefined {
    const kind = filters.kind === undefined ? 0 : kindCodes[filters.kind];
    let category = 0;
    if (filters.category !== undefined) {
      const id = this.categoryIds.get(filters.category.toLowerCase());
      if (id === undefined) return undefined;
      category = id;
    }
    const min = filters.minPrice ?? Number.NEGATIVE_INFINITY;
    const max = filters.maxPrice ?? Number.POSITIVE_INFINITY;
    const pricedOnly = filters.minPrice !== undefined || filters.maxPrice !== undefined;
    const { kinds, categories, prices, end } = this;
    return (slot) => {
      if (slot >= end || kinds[slot] === 0) return false;
      if (kind !== 0 && kinds[slot] !== kind) return false;
      if (category !== 0 && categories[slot] !== category) return false;
      if (pricedOnly) {
        const price = prices[slot]!;
        // NaN (no price) fails both comparisons.
        if (!(price >= min && price <= max)) return false;
      }
      return true;
    };
  }

  /** How many present seqs pass, and the first `keep` of them, ascending. */
  matching(passes: (seq: number) => boolean, keep: number): { count: number; seqs: bigint[] } {
    const seqs: bigint[] = [];
    let count = 0;
    for (let slot = 1; slot < this.end; slot++) {
      if (!passes(slot)) continue;
      if (count++ < keep) seqs.push(BigInt(slot));
    }
    return { count, seqs };
  }

  /** Seqs from 1 to upTo that hold no fields. */
  missingUpTo(upTo: bigint): bigint[] {
    const missing: bigint[] = [];
    for (let slot = 1; slot <= Number(upTo); slot++) if (slot >= this.end || this.kinds[slot] === 0) missing.push(BigInt(slot));
    return missing;
  }

  private categoryId(category: string): number {
    let id = this.categoryIds.get(category);
    if (id === undefined) {
      id = this.categoryIds.size + 1;
      this.categoryIds.set(category, id);
    }
    return id;
  }

  private slotFor(seq: bigint): number {
    if (seq < 1n || seq > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`index key ${seq} is out of range`);
    const slot = Number(seq);
    if (slot >= this.kinds.length) {
      const length = Math.max(slot + 1, this.kinds.length * 2);
      this.kinds = grow(this.kinds, new Uint8Array(length));
      this.categories = grow(this.categories, new Uint32Array(length));
      this.prices = grow(this.prices, new Float32Array(length));
    }
    this.end = Math.max(this.end, slot + 1);
    return slot;
  }
}

function grow<T extends Uint8Array | Uint32Array | Float32Array>(old: T, bigger: T): T {
  bigger.set(old);
  return bigger;
}
