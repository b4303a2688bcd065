"use client";
// Starting an image search from anywhere: keep the file, then open the results page.
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { setQueryImage } from "@/lib/client/query-image";

export function useStartImageSearch(): (file: File) => void {
  const router = useRouter();
  return useCallback(
    (file: File) => {
      setQueryImage(file);
      router.push("/search/image");
    },
    [router],
  );
}
