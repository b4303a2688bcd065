"use client";
// The products for one object of a scene, best first, with a category filter and a price range.
// A filter, or a box adjusted by the user, asks the server (an image search of the box, products
// only, with the filters), so it finds every matching product in the catalog, not only the few
// fetched with the scene; the fetched ones, narrowed in the browser, show meanwhile. Beside the
// image on wide screens, a bottom sheet on phones.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import type { Box, ShopObject } from "@/lib/contracts";
import { formatPrice } from "@/lib/client/format";
import { splitByRelevance } from "@/lib/client/relevance";
import { regionSearchQuery } from "@/lib/client/queries";
import { filterProducts, noProductFilter, objectName, productCategories, productSearchFilters, type ProductFilter } from "@/lib/client/shop-look";
import { SaveButton } from "@/components/board/save-button";
import { buttonClass } from "@/components/ui/button";
import { CloseIcon } from "@/components/ui/icons";
import { sameBox } from "@/components/lens/box-edits";

const field =
  "h-10 rounded-xl bg-neutral-100 px-3 text-sm text-neutral-900 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600";

/** Products asked for when a filter is set or the box adjusted. */
const FILTERED_K = 24;
const PRODUCTS_ONLY = { kind: "product" } as const;

/** The scene the object is in: names it (for caching) and gives its picture to search in. */
export interface ShopSceneImage {
  id: string;
  image: () => Promise<Blob>;
}

export function ShopPanel({
  object,
  box,
  scene,
  minRelevantScore,
  onClose,
  onSearchObject,
}: {
  object: ShopObject;
  /** The box shopped for: the object's own, or as the user adjusted it on the picture. */
  box: Box;
  scene: ShopSceneImage;
  minRelevantScore?: number;
  onClose: () => void;
  /** Where the scene is an image search: search for this object alone (its box). */
  onSearchObject?: () => void;
}) {
  const [filter, setFilter] = useState<ProductFilter>(noProductFilter);
  const [showLessSimilar, setShowLessSimilar] = useState(false);
  const categories = useMemo(() => productCategories(object.products), [object.products]);
  const adjusted = !sameBox(box, object.box);
  const serverFilters = productSearchFilters(filter) ?? (adjusted ? PRODUCTS_ONLY : null);
  // While the next box or filter is searched, the last answer stays in place, dimmed.
  const filtered = useQuery({ ...regionSearchQuery(serverFilters ? { ...scene, box } : null, FILTERED_K, serverFilters), placeholderData: keepPreviousData });
  const found = serverFilters && filtered.data ? filtered.data : null;
  // Below the model's cut-off a product is probably not the same kind of thing: tucked away.
  const { relevant, lessSimilar } = splitByRelevance(
    found ? found.results : filterProducts(object.products, filter),
    found?.minRelevantScore ?? minRelevantScore,
  );
  const products = showLessSimilar ? [...relevant, ...lessSimilar] : relevant;
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const set = (patch: Partial<ProductFilter>) => setFilter((f) => ({ ...f, ...patch }));

  // Move focus into the panel when it opens, so keyboard and screen-reader users land on it.
  useEffect(() => heading.current?.focus({ preventScroll: true }), [object]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);

  return (
    <section
      id="shop-panel"
      data-testid="shop-panel"
      aria-labelledby={headingId}
      className="fixed inset-x-0 bottom-0 z-40 flex max-h-[70vh] flex-col rounded-t-3xl bg-white shadow-[0_-8px_30px_rgba(0,0,0,0.2)] md:static md:z-auto md:max-h-[60vh] md:rounded-2xl md:shadow-none md:ring-1 md:ring-neutral-200"
    >
      <div className="mx-auto mt-2 h-1.5 w-10 shrink-0 rounded-full bg-neutral-300 md:hidden" aria-hidden />
      <header className="flex items-center gap-2 px-4 pt-3 pb-2">
        <h2 id={headingId} ref={heading} tabIndex={-1} className="min-w-0 flex-1 truncate text-lg font-semibold text-neutral-900 outline-none">
          Shop the look
          <span className="block truncate text-sm font-normal text-neutral-600" data-testid="shop-panel-subject">
            {adjusted ? "Items like what your box holds" : `Items like ${objectName(object)}`}
          </span>
        </h2>
        {onSearchObject && (
          <button type="button" data-testid="shop-search-object" onClick={onSearchObject} className={buttonClass("secondary", "h-9 shrink-0 px-3")}>
            Search for this
          </button>
        )}
        <button
          type="button"
          onClick={onClose}
          aria-label="Close products"
          data-testid="shop-panel-close"
          className="flex h-10 w-10 items-center justify-center rounded-full text-neutral-700 hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-blue-600"
        >
          <CloseIcon width={20} height={20} />
        </button>
      </header>
      <div className="grid grid-cols-[1fr_auto_auto] items-end gap-2 px-4 pb-3">
        <label className="flex min-w-0 flex-col gap-1 text-xs font-medium text-neutral-600">
          Category
          <select data-testid="shop-filter-category" value={filter.category} onChange={(e) => set({ category: e.target.value })} className={`${field} min-w-0`}>
            <option value="">All</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-neutral-600">
          Min $
          <input data-testid="shop-filter-min" inputMode="decimal" value={filter.min} onChange={(e) => set({ min: e.target.value })} className={`${field} w-20`} placeholder="0" />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-neutral-600">
          Max $
          <input data-testid="shop-filter-max" inputMode="decimal" value={filter.max} onChange={(e) => set({ max: e.target.value })} className={`${field} w-20`} placeholder="Any" />
        </label>
      </div>
      {serverFilters && filtered.isFetching && (
        <p role="status" data-testid="shop-filter-searching" className="px-4 pb-1 text-xs text-neutral-500">
          {adjusted ? "Looking for what the box holds…" : "Looking through the whole catalog…"}
        </p>
      )}
      <ul
        className={`min-h-0 flex-1 overflow-y-auto px-2 pb-4 transition-opacity ${serverFilters && filtered.isFetching ? "opacity-60" : ""}`}
        aria-live="polite"
        aria-busy={Boolean(serverFilters && filtered.isFetching)}
        data-source={found && !filtered.isPlaceholderData ? "server" : "scene"}
      >
        {products.length === 0 && (
          <li className="px-2 py-6 text-center text-sm text-neutral-500">
            {object.products.length === 0 ? "No matching products in the catalog yet" : lessSimilar.length > 0 ? "Nothing close in the catalog" : "No products match these filters"}
          </li>
        )}
        {products.map(({ id, pin }) => (
          <li key={id} className="flex items-center gap-1">
            <Link
              href={`/pin/${encodeURIComponent(id)}`}
              data-testid="shop-product"
              data-pin-id={id}
              className="flex min-w-0 flex-1 items-center gap-3 rounded-xl p-2 hover:bg-neutral-50 focus-visible:outline-2 focus-visible:outline-blue-600"
            >
              {/* eslint-disable-next-line @next/next/no-img-element -- the server already serves sized thumbnails */}
              <img src={pin.thumbUrl} alt="" width={56} height={56} loading="lazy" className="h-14 w-14 shrink-0 rounded-lg bg-neutral-100 object-contain mix-blend-multiply" />
              <span className="min-w-0 flex-1">
                <span className="line-clamp-2 text-sm font-medium text-neutral-900">{pin.title || "Untitled product"}</span>
                {pin.category && <span className="block text-xs text-neutral-500">{pin.category}</span>}
              </span>
              {pin.price !== null && <span className="shrink-0 text-sm font-bold text-neutral-900">{formatPrice(pin.price)}</span>}
            </Link>
            <SaveButton pin={pin} variant="overlay" />
          </li>
        ))}
        {lessSimilar.length > 0 && !showLessSimilar && (
          <li className="px-2 pt-2">
            <button
              type="button"
              data-testid="shop-show-less-similar"
              onClick={() => setShowLessSimilar(true)}
              className="w-full rounded-xl bg-neutral-100 px-3 py-2 text-sm font-medium text-neutral-800 hover:bg-neutral-200 focus-visible:outline-2 focus-visible:outline-blue-600"
            >
              Show {lessSimilar.length} less similar
            </button>
          </li>
        )}
      </ul>
    </section>
  );
}
