// /search?q=…&kind=&minPrice=&maxPrice= — text search.
import type { Metadata } from "next";
import { TextSearchView } from "@/components/search/text-search-view";
import { filtersFromParams } from "@/lib/client/search-filters";

type SearchPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function queryOf(q: string | string[] | undefined): string {
  return (Array.isArray(q) ? q[0] : q)?.trim() ?? "";
}

export async function generateMetadata({ searchParams }: SearchPageProps): Promise<Metadata> {
  const q = queryOf((await searchParams).q);
  return { title: q ? `${q} — search` : "Search" };
}

export default async function SearchPage({ searchParams }: SearchPageProps) {
  const params = await searchParams;
  const q = queryOf(params.q);
  return <TextSearchView key={q} q={q} filters={filtersFromParams(params)} />;
}
