// Re-ranks the products found for a detected object: a product whose catalog category agrees
// with the detector's label gets a small bonus, so a "cup" prefers Drinks over a look-alike
// from Household. Pure; the fallback's "object" label maps to no category and changes nothing.
import { catalogCategory } from "./coco";

export interface Candidate<T> {
  item: T;
  similarity: number;
  category: string | null;
}

export function rerankByCategory<T>(label: string, candidates: readonly Candidate<T>[], bonus: number, k: number): Candidate<T>[] {
  const wanted = catalogCategory(label);
  const scored = candidates.map((c) => ({ ...c, similarity: c.similarity + (wanted !== null && c.category === wanted ? bonus : 0) }));
  return scored.sort((a, b) => b.similarity - a.similarity).slice(0, k);
}
