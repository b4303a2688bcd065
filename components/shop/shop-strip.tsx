"use client";
// "Products in this pin": each found object's best product in one scrolling row.
import Link from "next/link";
import type { ShopObject } from "@/lib/contracts";
import { formatPrice } from "@/lib/client/format";
import { topProducts } from "@/lib/client/shop-look";

export function ShopStrip({ objects }: { objects: ShopObject[] }) {
  const products = topProducts(objects);
  if (products.length === 0) return null;
  return (
    <section data-testid="shop-strip" aria-labelledby="shop-strip-heading" className="transition-opacity duration-300 starting:opacity-0">
      <h2 id="shop-strip-heading" className="mb-2 text-sm font-semibold text-neutral-900">
        Products in this pin
      </h2>
      <ul className="-mx-1 flex gap-2 overflow-x-auto px-1 pb-1">
        {products.map(({ id, pin }) => (
          <li key={id} className="w-24 shrink-0">
            <Link
              href={`/pin/${encodeURIComponent(id)}`}
              data-testid="shop-strip-product"
              data-pin-id={id}
              className="block rounded-xl focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
            >
              {/* eslint-disable-next-line @next/next/no-img-element -- the server already serves sized thumbnails */}
              <img src={pin.thumbUrl} alt="" width={96} height={96} loading="lazy" className="h-24 w-24 rounded-xl bg-neutral-100 object-contain mix-blend-multiply" />
              <span className="mt-1 block truncate text-xs font-medium text-neutral-900">{pin.title || "Untitled"}</span>
              {pin.price !== null && <span className="block text-xs font-bold text-neutral-700">{formatPrice(pin.price)}</span>}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
