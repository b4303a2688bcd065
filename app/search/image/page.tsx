// /search/image — search by the image the person pasted, dropped or picked.
import type { Metadata } from "next";
import { Suspense } from "react";
import { ImageSearchView } from "@/components/search/image-search-view";

export const metadata: Metadata = { title: "Image search" };

export default function ImageSearchPage() {
  return (
    <Suspense>
      <ImageSearchView />
    </Suspense>
  );
}
