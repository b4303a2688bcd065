// /lens — search with the live camera, on this device first.
import type { Metadata } from "next";
import { LensView } from "@/components/lens/lens-view";

export const metadata: Metadata = { title: "Lens" };

export default function LensPage() {
  return <LensView />;
}
