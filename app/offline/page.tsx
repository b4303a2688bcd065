// What the service worker shows for a page it cannot fetch and has not kept: Lens still works
// from what this device keeps.
import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Offline" };

export default function OfflinePage() {
  return (
    <div className="mx-auto mt-20 max-w-md text-center">
      <h1 className="text-2xl font-semibold text-neutral-900">You&apos;re offline</h1>
      <p className="mt-2 text-neutral-600">
        This page needs a network. Lens still searches with your camera or a photo, from the copy of the catalog kept on this
        device.
      </p>
      <Link href="/lens" className={buttonClass("primary", "mt-6")}>
        Open Lens
      </Link>
    </div>
  );
}
