"use client";
// Starting an image search from anywhere: keep the file, then open the results page. Offline,
// the results page loads in full from the service worker, so the file is handed over to it.
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { handOverQueryImage, setQueryImage } from "@/lib/client/query-image";

export function useStartImageSearch(): (file: File) => void {
  const router = useRouter();
  return useCallback(
    (file: File) => {
      setQueryImage(file);
      if (navigator.onLine) router.push("/search/image");
      else void handOverQueryImage(file).then(() => router.push("/search/image"));
    },
    [router],
  );
}
