// Pure helpers for Shop the Look in the browser: where a dot goes over the image, and the
// category / price-range filters the shop panel applies to an object's products.
import type { Box, Result, ShopObject } from "@/lib/contracts";

/** The dot sits at the centre of the object's box, in % of the image box (boxes are 0–1, top-left). */
export function dotPosition(box: Box): { left: string; top: string } {
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  const pct = (v: number) => `${(clamp(v) * 100).toFixed(2)}%`;
  return { left: pct(box.x + box.w / 2), top: pct(box.y + box.h / 2) };
}

export type Corner = "bottom-right" | "bottom-left" | "top-right" | "top-left";

/**
 * The corner of a picture where a control can sit without covering a Shop the Look dot: the
 * first of bottom-right, bottom-left, top-right, top-left whose zone (the outer half of the
 * width, the outer quarter of the height) holds no dot.
 */
export function freeCorner(boxes: readonly Box[]): Corner {
  const centres = boxes.map((b) => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 }));
  const corners: { corner: Corner; inside: (p: { x: number; y: number }) => boolean }[] = [
    { corner: "bottom-right", inside: (p) => p.x > 0.5 && p.y > 0.75 },
    { corner: "bottom-left", inside: (p) => p.x < 0.5 && p.y > 0.75 },
    { corner: "top-right", inside: (p) => p.x > 0.5 && p.y < 0.25 },
    { corner: "top-left", inside: (p) => p.x < 0.5 && p.y < 0.25 },
  ];
  return corners.find(({ inside }) => !centres.some(inside))?.corner ?? "bottom-right";
}

/** Distinct product categories, in order of first appearance (products come best first). */
export function productCategories(products: Result[]): string[] {
  const seen = new Set<string>();
  for (const { pin } of products) if (pin.category) seen.add(pin.category);
  return [...seen];
}

export interface ProductFilter {
  /** "" for every category. */
  category: string;
  /** Raw input text; "" or not a number means unbounded. */
  min: string;
  max: string;
}

export const noProductFilter: ProductFilter = { category: "", min: "", max: "" };

function bound(text: string): number | undefined {
  const value = Number(text.trim().replace(/[$,\s]/g, ""));
  return text.trim() === "" || !Number.isFinite(value) ? undefined : value;
}

/** The filter as the search API takes it (products only); null when nothing is set. */
export function productSearchFilters(filter: ProductFilter): ProductSearchFilters | null {
  let min = bound(filter.min);
  let max = bound(filter.max);
  // Someone typing "50" then "10" means the range 10–50, not an empty list.
  if (min !== undefined && max !== undefined && min > max) [min, max] = [max, min];
  if (!filter.category && min === undefined && max === undefined) return null;
  return { kind: "product", ...(filter.category ? { category: filter.category } : {}), minPrice: min, maxPrice: max };
}

export interface ProductSearchFilters {
  kind: "product";
  category?: string;
  minPrice?: number;
  maxPrice?: number;
}

/** Keeps the order (best first). A price bound drops products without a price. */
export function filterProducts(products: Result[], filter: ProductFilter): Result[] {
  const bounds = productSearchFilters(filter);
  const min = bounds?.minPrice;
  const max = bounds?.maxPrice;
  return products.filter(({ pin }) => {
    if (filter.category && pin.category !== filter.category) return false;
    if (min === undefined && max === undefined) return true;
    if (pin.price === null) return false;
    return (min === undefined || pin.price >= min) && (max === undefined || pin.price <= max);
  });
}

/** Each object's best product, once each, for the "Products in this pin" strip. */
export function topProducts(objects: ShopObject[], perObject = 1): Result[] {
  const seen = new Set<string>();
  const top: Result[] = [];
  for (const object of objects) {
    let taken = 0;
    for (const product of object.products) {
      if (taken === perObject) break;
      if (seen.has(product.id)) continue;
      seen.add(product.id);
      top.push(product);
      taken += 1;
    }
  }
  return top;
}

/**
 * What a dot or panel is about, in words: the best product's title when there is one, since the
 * detector's label can be off ("bird" for a bobble hat) while the products are what's shown.
 */
export function objectName(object: ShopObject): string {
  return object.products[0]?.pin.title || object.label;
}

/** A spoken name for the nth dot, e.g. "Shop items like Winter hat (2 of 3)". */
export function dotLabel(object: ShopObject, index: number, count: number): string {
  return `Shop items like ${objectName(object)} (${index + 1} of ${count})`;
}
