"use client";
// Filters for a text search: what kind of pins (all, products, ideas) and a price range for
// products. They live in the URL, so a filtered search survives a reload and can be shared;
// prices apply when the field is left or Enter is pressed, not at every keystroke.
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import type { PinKind } from "@/lib/contracts";
import { filterParams, type TextFilters } from "@/lib/client/search-filters";

const KINDS: { value: PinKind | undefined; label: string }[] = [
  { value: undefined, label: "All" },
  { value: "product", label: "Products" },
  { value: "pin", label: "Ideas" },
];

const field =
  "h-9 w-20 rounded-xl bg-neutral-100 px-3 text-sm text-neutral-900 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600";

function price(text: FormDataEntryValue | null): number | undefined {
  const value = Number(String(text ?? "").trim());
  return String(text ?? "").trim() !== "" && Number.isFinite(value) && value >= 0 ? value : undefined;
}

export function TextFilterBar({ q, filters }: { q: string; filters: TextFilters }) {
  const router = useRouter();
  const go = (next: TextFilters) => router.replace(`/search?${new URLSearchParams({ q, ...filterParams(next) })}`, { scroll: false });

  function applyPrices(form: HTMLFormElement) {
    const data = new FormData(form);
    const next = { ...filters, minPrice: price(data.get("minPrice")), maxPrice: price(data.get("maxPrice")) };
    if (next.minPrice !== filters.minPrice || next.maxPrice !== filters.maxPrice) go(next);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    applyPrices(event.currentTarget);
  }

  return (
    <div className="mb-5 flex flex-wrap items-center gap-x-4 gap-y-2" data-testid="search-filters">
      <div role="group" aria-label="Kind of pins" className="flex rounded-full bg-neutral-100 p-1">
        {KINDS.map(({ value, label }) => {
          const active = filters.kind === value;
          return (
            <button
              key={label}
              type="button"
              aria-pressed={active}
              data-testid={`search-kind-${value ?? "all"}`}
              onClick={() => go({ ...filters, kind: value })}
              className={`h-8 rounded-full px-3.5 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-blue-600 ${active ? "bg-neutral-900 text-white" : "text-neutral-700 hover:bg-neutral-200"}`}
            >
              {label}
            </button>
          );
        })}
      </div>
      {filters.kind !== "pin" && (
        // Re-mounted when the URL changes, so the fields show the prices in force.
        <form key={`${filters.minPrice}-${filters.maxPrice}`} onSubmit={submit} onBlur={(e) => applyPrices(e.currentTarget)} className="flex items-center gap-2 text-sm text-neutral-600">
          <label className="flex items-center gap-1.5">
            Min $
            <input name="minPrice" data-testid="search-min-price" inputMode="decimal" defaultValue={filters.minPrice ?? ""} placeholder="0" className={field} />
          </label>
          <label className="flex items-center gap-1.5">
            Max $
            <input name="maxPrice" data-testid="search-max-price" inputMode="decimal" defaultValue={filters.maxPrice ?? ""} placeholder="Any" className={field} />
          </label>
          <button type="submit" className="sr-only">
            Apply prices
          </button>
        </form>
      )}
    </div>
  );
}
