"use client";
// The header's search field: text goes to /search?q=…, the camera button opens a file
// picker and starts an image search.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Suspense, useRef, type FormEvent } from "react";
import { firstImageFile } from "@/lib/client/image-files";
import { CameraIcon, SearchIcon } from "@/components/ui/icons";
import { useStartImageSearch } from "./use-start-image-search";

function SearchForm({ initialQuery }: { initialQuery: string }) {
  const router = useRouter();
  const startImageSearch = useStartImageSearch();
  const pickerRef = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = String(new FormData(event.currentTarget).get("q") ?? "").trim();
    if (q) router.push(`/search?${new URLSearchParams({ q })}`);
  }

  return (
    <form role="search" onSubmit={submit} className="relative flex min-w-0 flex-1 items-center">
      <SearchIcon className="pointer-events-none absolute left-3.5 text-neutral-500" />
      <input
        // Re-mount when the URL's query changes so the field shows what was searched.
        key={initialQuery}
        name="q"
        type="search"
        defaultValue={initialQuery}
        placeholder="Search"
        aria-label="Search"
        autoComplete="off"
        enterKeyHint="search"
        data-testid="header-search-input"
        className="h-11 w-full min-w-0 rounded-full bg-neutral-100 pl-10 pr-11 text-[15px] text-neutral-900 placeholder:text-neutral-500 hover:bg-neutral-200/70 focus:bg-white focus:outline-2 focus:outline-blue-600 [&::-webkit-search-cancel-button]:hidden"
      />
      <button
        type="button"
        onClick={() => pickerRef.current?.click()}
        aria-label="Search with an image"
        title="Search with an image"
        data-testid="image-search-button"
        className="absolute right-1 flex h-9 w-9 items-center justify-center rounded-full text-neutral-700 hover:bg-neutral-300/60 focus-visible:outline-2 focus-visible:outline-blue-600"
      >
        <CameraIcon />
      </button>
      <input
        ref={pickerRef}
        type="file"
        accept="image/*"
        hidden
        data-testid="image-picker-input"
        onChange={(event) => {
          const file = firstImageFile(event.currentTarget.files) ?? event.currentTarget.files?.[0];
          // Clear so choosing the same file again still fires a change.
          event.currentTarget.value = "";
          if (file) startImageSearch(file);
        }}
      />
    </form>
  );
}

function SearchFormFromUrl() {
  const pathname = usePathname();
  const params = useSearchParams();
  return <SearchForm initialQuery={pathname === "/search" ? (params.get("q") ?? "") : ""} />;
}

export function SearchBar() {
  return (
    <Suspense fallback={<SearchForm initialQuery="" />}>
      <SearchFormFromUrl />
    </Suspense>
  );
}
