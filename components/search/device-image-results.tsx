"use client";
// An image search with the network off: the picture is searched on this device, with the
// on-device model and the kept copy of the catalog's codes, as Lens does, and marked as offline.
import { useQuery } from "@tanstack/react-query";
import type { QueryImage } from "@/lib/client/query-image";
import { useOnDeviceSearch } from "@/lib/client/on-device/use-on-device";
import { GridSkeleton } from "@/components/pin/grid-skeleton";
import { SearchResults } from "./search-results";

const DEVICE_K = 48;

export function DeviceImageResults({ image }: { image: QueryImage }) {
  const { status, client } = useOnDeviceSearch();
  const found = useQuery({
    queryKey: ["search", "device", image.id],
    queryFn: async () => client!.lookup(await createImageBitmap(image.file), undefined, DEVICE_K),
    enabled: status.state === "ready" && client !== null,
    // Nothing here needs the network: the query runs offline.
    networkMode: "always",
    staleTime: Infinity,
    retry: false,
  });
  const unavailable = status.state === "error" || status.state === "unavailable" || found.isError;
  return (
    <div data-testid="device-image-results" data-offline="true">
      <p className="mb-3">
        <span className="rounded-full bg-amber-50 px-2.5 py-0.5 text-xs font-semibold text-amber-800">Offline · found on this device</span>
      </p>
      {unavailable ? (
        <p className="py-8 text-center text-sm text-neutral-600">
          You&apos;re offline, and this device has no copy of the catalog to search. Open Lens once while online to keep one.
        </p>
      ) : found.data && status.state === "ready" ? (
        <SearchResults results={found.data.results} minRelevantScore={status.minRelevantScore} />
      ) : (
        <GridSkeleton label="Searching on this device" />
      )}
    </div>
  );
}
