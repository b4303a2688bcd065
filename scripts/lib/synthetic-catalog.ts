// Catalog-scale vectors drawn to match the real embedding, for benchmarks at sizes no demo
// catalog reaches. A product's vector is a Gaussian kernel density sample of the demo catalog's
// real vectors: a random real vector plus h/√2 times the difference of two other random ones
// (which has the catalog's covariance, scaled by h²), renormalized. A pin's vector is its
// product's plus the measured difference between a real phone-like view of a catalog picture and
// the picture itself (catalog-vectors.ts), renormalized; a query is another such view of a
// product in the catalog. The bandwidth h is fitted so that as many drawn products as the
// catalog has pictures lie as close together as the real ones (the median similarity of each to
// its nearest other).
import { dot, l2NormalizeInPlace } from "@/lib/embedding/vectors";
import { seededRandom } from "@/lib/random";
import { type CatalogVectors, catalogVectors } from "./catalog-vectors";

export class SyntheticCatalog {
  private readonly random: () => number;

  private constructor(
    private readonly real: CatalogVectors,
    readonly bandwidth: number,
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  get dim(): number {
    return this.real.dim;
  }

  /** Fits the bandwidth on the demo catalog's vectors; prints how. */
  static async fit(seed = 5): Promise<SyntheticCatalog> {
    const real = await catalogVectors();
    const rows = (matrix: Float32Array) => Array.from({ length: real.count }, (_, r) => matrix.subarray(r * real.dim, (r + 1) * real.dim));
    const target = medianNearestOther(rows(real.originals));
    const lines = [`real catalog (${real.count} pictures): median similarity to the nearest other ${target.toFixed(3)}`];
    let chosen = { h: 0, gap: Infinity };
    // Past about 1.5 the draws are mostly the differences themselves and the measure turns back up.
    for (const h of [0.5, 0.75, 0.875, 1, 1.125, 1.25]) {
      const trial = new SyntheticCatalog(real, h, seed);
      const drawn = Array.from({ length: real.count }, () => trial.product(new Float32Array(real.dim)));
      const median = medianNearestOther(drawn);
      lines.push(`  h = ${h}: as many drawn products, median similarity to the nearest other ${median.toFixed(3)}`);
      if (Math.abs(median - target) < chosen.gap) chosen = { h, gap: Math.abs(median - target) };
    }
    console.log([...lines, `bandwidth h = ${chosen.h}`].join("\n"));
    return new SyntheticCatalog(real, chosen.h, seed);
  }

  /** A random integer in [0, count). */
  pick(count: number): number {
    return Math.floor(this.random() * count);
  }

  uniform(): number {
    return this.random();
  }

  product(out: Float32Array): Float32Array {
    const { originals, count, dim } = this.real;
    const [a, b, c] = [this.pick(count), this.pick(count), this.pick(count)];
    const scale = this.bandwidth / Math.SQRT2;
    for (let i = 0; i < dim; i++) out[i] = originals[a * dim + i]! + scale * (originals[b * dim + i]! - originals[c * dim + i]!);
    return l2NormalizeInPlace(out);
  }

  view(product: Float32Array, out: Float32Array): Float32Array {
    const { residuals, count, viewsPerImage, dim } = this.real;
    const r = this.pick(count * viewsPerImage);
    for (let i = 0; i < dim; i++) out[i] = product[i]! + residuals[r * dim + i]!;
    return l2NormalizeInPlace(out);
  }
}

/** The median, over the vectors, of the similarity to the nearest other vector of the set. */
function medianNearestOther(vectors: Float32Array[]): number {
  const best = vectors.map((v, q) => {
    let top = -1;
    for (let r = 0; r < vectors.length; r++) if (r !== q) top = Math.max(top, dot(v, vectors[r]!));
    return top;
  });
  return best.sort((x, y) => x - y)[Math.floor(best.length / 2)]!;
}
