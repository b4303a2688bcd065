// Search filters as SQL predicates. Values always travel as parameters; only the fixed
// predicate text and placeholder numbers are written into the statement.
import type { SearchFilters } from "@/lib/contracts";

/** Collects parameters and hands out their placeholders. */
export class Params {
  readonly values: unknown[] = [];
  constructor(initial: readonly unknown[] = []) {
    this.values.push(...initial);
  }
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** `and`-joined predicates over the pins table aliased `p`, or "true". */
export function filterPredicates(filters: SearchFilters, params: Params): string {
  const predicates: string[] = [];
  if (filters.kind !== undefined) predicates.push(`p.kind = ${params.add(filters.kind)}`);
  if (filters.category !== undefined) {
    predicates.push(`lower(p.category) = lower(${params.add(filters.category)})`);
  }
  if (filters.minPrice !== undefined) predicates.push(`p.price >= ${params.add(filters.minPrice)}`);
  if (filters.maxPrice !== undefined) predicates.push(`p.price <= ${params.add(filters.maxPrice)}`);
  return predicates.length > 0 ? predicates.join(" and ") : "true";
}

/**
 * A prefix tsquery from free text: every word ("runn:* & sho:*") or any of them ("runn:* |
 * sho:*"), or null when no word is left. Only letters and digits survive, so nothing the user
 * types can change the query's syntax.
 */
export function prefixQuery(text: string, words: "all" | "any" = "all"): string | null {
  const found = queryWords(text);
  return found.length > 0 ? found.map((w) => `${w}:*`).join(words === "all" ? " & " : " | ") : null;
}

/** The words of free text, lower-cased: runs of letters and digits, at most `maxWords`. */
export function queryWords(text: string, maxWords = 8): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, maxWords);
}
