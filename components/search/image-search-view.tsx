"use client";
// /search/image: the query image beside the catalog's closest pins. In a photo the server also
// searches the objects it finds, the first shown as a box on the picture; a box drawn there (or
// the found one dragged by its corners) narrows the search to what it holds. The server keeps a
// copy of the image, and its id, the words and the box go in the URL (?image=&q=&box=), so a
// reload or a shared link searches again.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { ApiError } from "@/lib/client/api-error";
import { boxFromParam, imageSearchUrl, isWholePicture } from "@/lib/client/image-search-url";
import { imageSearchQuery, shareQueryImageQuery, sharedQueryImageQuery } from "@/lib/client/queries";
import { markQueryImageShared, setQueryImage, takeHandedOverImage, useQueryImage, type QueryImage } from "@/lib/client/query-image";
import { useOnline } from "@/lib/client/use-online";
import { GridSkeleton } from "@/components/pin/grid-skeleton";
import { ErrorMessage } from "@/components/ui/error-message";
import { ImageIcon } from "@/components/ui/icons";
import { ShopScene } from "@/components/shop/shop-scene";
import { DeviceImageResults } from "./device-image-results";
import { ImagePickerButton } from "./image-picker-button";
import { QueryImagePreview } from "./query-image-preview";
import { RefineWords } from "./refine-words";
import { SearchResults } from "./search-results";

export function ImageSearchView() {
  const image = useQueryImage();
  const params = useSearchParams();
  const sharedId = params.get("image");
  const shareError = params.get("shareError");
  const handedOver = useHandedOverImage(image === null && sharedId === null);
  if (image && (sharedId === null || image.sharedId === undefined || image.sharedId === sharedId)) return <ImageSearch key={image.id} image={image} />;
  if (sharedId) return <SharedImage sharedId={sharedId} />;
  if (shareError && !image) {
    // What was shared to Glimpse from another app could not be searched (app/share/route.ts).
    return (
      <div className="mt-10">
        <ErrorMessage error={new ApiError(shareError, "What was shared could not be searched.", 400)} />
        <ChooseImagePrompt />
      </div>
    );
  }
  if (handedOver === "looking") return <GridSkeleton label="Opening the image search" />;
  return <ChooseImagePrompt />;
}

/** Takes a picture handed over by the page before (offline, see useStartImageSearch) once. */
function useHandedOverImage(wanted: boolean): "looking" | "done" {
  const [state, setState] = useState<"looking" | "done">(wanted ? "looking" : "done");
  useEffect(() => {
    if (!wanted) return;
    let current = true;
    void takeHandedOverImage().then((file) => {
      if (file && current) setQueryImage(file);
      if (current) setState("done");
    });
    return () => {
      current = false;
    };
  }, [wanted]);
  return wanted ? state : "done";
}

/** A reloaded or shared search: fetch the server's copy of the image and search with it. */
function SharedImage({ sharedId }: { sharedId: string }) {
  const shared = useQuery(sharedQueryImageQuery(sharedId));
  useEffect(() => {
    if (shared.data) setQueryImage(shared.data, sharedId);
  }, [shared.data, sharedId]);
  if (shared.isError) {
    return (
      <div className="mt-10">
        <ErrorMessage error={shared.error} />
        <ChooseImagePrompt />
      </div>
    );
  }
  return <GridSkeleton label="Opening the image search" />;
}

function ImageSearch({ image }: { image: QueryImage }) {
  const params = useSearchParams();
  const [refine, setRefine] = useState(() => params.get("q") ?? "");
  const [box, setBox] = useState(() => boxFromParam(params.get("box")));
  // While refined results load, the previous ones stay in place.
  const search = useQuery({ ...imageSearchQuery(image, refine, box), placeholderData: keepPreviousData });
  const share = useQuery(shareQueryImageQuery(image));
  const sharedId = image.sharedId ?? share.data?.id;
  const online = useOnline();
  const router = useRouter();
  // Without a box the server searches the objects it finds in a photo, and says which.
  const objects = (box === null && !search.isPlaceholderData && search.data?.objectBoxes) || [];
  useEffect(() => {
    if (share.data && image.sharedId !== share.data.id) markQueryImageShared(image, share.data.id);
  }, [share.data, image]);
  useEffect(() => {
    // The same page, with a URL that brings this search back.
    if (sharedId) router.replace(imageSearchUrl(sharedId, refine, box), { scroll: false });
  }, [sharedId, refine, box, router]);
  return (
    <div className="flex flex-col gap-6 md:flex-row md:items-start">
      <aside className="md:sticky md:top-20 md:w-72 md:shrink-0 lg:w-80">
        <QueryImagePreview image={image} box={box} objects={objects} onBox={setBox} />
        {/* Words and Shop the Look need the server. */}
        {online && (
          <>
            <RefineWords sharedId={sharedId} refine={refine} onRefine={setRefine} />
            <ShopScene key={image.id} image={image} onSearchBox={setBox} />
          </>
        )}
      </aside>
      <section aria-labelledby="image-results-heading" className="min-w-0 flex-1">
        <div className="mb-4 flex flex-wrap items-baseline gap-x-3 gap-y-1">
          <h1 id="image-results-heading" className="text-xl font-semibold text-neutral-900">
            {refine ? (
              <>Visual matches for “{refine}”</>
            ) : isWholePicture(box) ? (
              "Visual matches for the whole picture"
            ) : box ? (
              "Visual matches for the box"
            ) : (
              "Visual matches"
            )}
          </h1>
          {search.isPlaceholderData ? (
            <p className="text-sm text-neutral-500" role="status">
              Refining…
            </p>
          ) : search.data && (
            // The model's id is for developers: in the tooltip, not in the sentence people read.
            <p className="text-sm text-neutral-500" title={`model ${search.data.model}`}>
              {Math.round(search.data.tookMs)} ms
            </p>
          )}
        </div>
        {!online && !search.data ? (
          <DeviceImageResults image={image} />
        ) : search.isPending ? (
          <GridSkeleton label="Searching" />
        ) : search.isError ? (
          <ErrorMessage error={search.error} onRetry={() => void search.refetch()} className="mt-6" />
        ) : (
          <SearchResults results={search.data.results} minRelevantScore={search.data.minRelevantScore} />
        )}
      </section>
    </div>
  );
}

function ChooseImagePrompt() {
  return (
    <div data-testid="choose-image-prompt" className="mx-auto mt-16 flex max-w-md flex-col items-center text-center">
      <div className="flex h-20 w-20 items-center justify-center rounded-full bg-neutral-100 text-neutral-700">
        <ImageIcon width={36} height={36} />
      </div>
      <h1 className="mt-5 text-2xl font-semibold text-neutral-900">Search with an image</h1>
      <p className="mt-2 text-neutral-600">
        Choose a photo, paste one with <kbd className="rounded bg-neutral-100 px-1.5 py-0.5 font-mono text-sm">Ctrl</kbd>/
        <kbd className="rounded bg-neutral-100 px-1.5 py-0.5 font-mono text-sm">⌘</kbd>+
        <kbd className="rounded bg-neutral-100 px-1.5 py-0.5 font-mono text-sm">V</kbd>, or drop it anywhere on this page.
      </p>
      <ImagePickerButton label="Choose an image" tone="primary" className="mt-6" />
    </div>
  );
}
