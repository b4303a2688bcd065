"use client";
// "Shop this scene" on the image-search page: on request, sends the query image to Shop the
// Look and shows the same dots, adjustable box and product panel as a pin page, over the query
// image. An object's panel can turn the image search into a search for that object (its box).
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { Box } from "@/lib/contracts";
import { sceneShopQuery } from "@/lib/client/queries";
import type { QueryImage } from "@/lib/client/query-image";
import { buttonClass } from "@/components/ui/button";
import { ErrorMessage } from "@/components/ui/error-message";
import { ShopLayer, useShopSelection } from "./shop-layer";
import { ShopPanel } from "./shop-panel";

export function ShopScene({ image, onSearchBox }: { image: QueryImage; onSearchBox: (box: Box) => void }) {
  const [active, setActive] = useState(false);
  const shop = useQuery(sceneShopQuery(image, active));
  const objects = shop.data?.objects ?? [];
  const selection = useShopSelection(objects);
  const { object: selectedObject, box: selectedBox } = selection;

  return (
    <div className="mt-3 flex flex-col gap-3">
      <button
        type="button"
        data-testid="shop-this-scene"
        aria-pressed={active}
        onClick={() => {
          setActive(!active);
          selection.select(null);
        }}
        className={buttonClass(active ? "primary" : "outline", "self-start")}
      >
        {active ? "Hide products" : "Shop this scene"}
      </button>
      {active && (
        <div className="flex flex-col gap-3">
          <div className="relative overflow-hidden rounded-2xl bg-neutral-100">
            {/* eslint-disable-next-line @next/next/no-img-element -- a local object URL; the dots need its exact box */}
            <img src={image.objectUrl} alt="Your scene" data-testid="shop-scene-image" className="block h-auto w-full" />
            <ShopLayer objects={objects} selection={selection} />
          </div>
          <p role="status" className="text-sm text-neutral-600" data-testid="shop-scene-status">
            {shop.isPending
              ? "Looking for things to shop…"
              : shop.isSuccess
                ? objects.length === 0
                  ? "Nothing shoppable found in this image"
                  : `${objects.length} ${objects.length === 1 ? "thing" : "things"} to shop — pick a dot, then drag its box to adjust`
                : ""}
          </p>
          {shop.isError && <ErrorMessage error={shop.error} onRetry={() => void shop.refetch()} />}
          {selectedObject && selectedBox && (
            <ShopPanel
              key={selection.index}
              object={selectedObject}
              box={selectedBox}
              scene={{ id: image.id, image: () => Promise.resolve(image.file) }}
              minRelevantScore={shop.data?.minRelevantScore}
              onClose={() => selection.select(null)}
              onSearchObject={() => {
                onSearchBox(selectedBox);
                selection.select(null);
              }}
            />
          )}
        </div>
      )}
    </div>
  );
}
