// /search?q=… — text search.
import type { Metadata } from "next";
import { TextSearchView } from "@/components/search/text-search-view";

type SearchPageProps = { searchParams: Promise<{ q?: string | string[] }> };

function queryOf(q: string | string[] | undefined): string {
  return (Array.isArray(q) ? q[0] : q)?.trim() ?? "";
}

export async function generateMetadata({ searchParams }: SearchPageProps): Promise<Metadata> {
  const q = queryOf((await searchParams).q);
  return { title: q ? `${q} — search` : "Search" };
}

export default async function SearchPage({ searchParams }: SearchPageProps) {
  const q = queryOf((await searchParams).q);
  return <TextSearchView key={q} q={q} />;
}
