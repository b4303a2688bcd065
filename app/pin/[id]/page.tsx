// /pin/[id] — one pin up close, with more like it. The page's metadata is rendered on the
// server, so a shared link shows the pin's picture and title (OpenGraph and Twitter cards).
import type { Metadata } from "next";
import { headers } from "next/headers";
import { PinDetail } from "@/components/pin/pin-detail";
import { AppError } from "@/lib/errors";
import { getPin } from "@/lib/server/pins";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  let pin;
  try {
    pin = await getPin(id);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return { title: "Pin not found" };
    throw error;
  }
  // Link previews need absolute URLs: the address this page was asked for.
  const request = await headers();
  const base = `${request.get("x-forwarded-proto") ?? "http"}://${request.get("x-forwarded-host") ?? request.get("host") ?? "localhost"}`;
  const title = pin.title || "A pin on Glimpse";
  const description = pin.description || (pin.kind === "product" ? "A product on Glimpse" : "An idea on Glimpse");
  const image = { url: new URL(pin.imageUrl, base).toString(), width: pin.width, height: pin.height, alt: title };
  const url = new URL(`/pin/${encodeURIComponent(pin.id)}`, base).toString();
  return {
    title,
    description,
    alternates: { canonical: url },
    openGraph: { type: "website", siteName: "Glimpse", title, description, url, images: [image] },
    twitter: { card: "summary_large_image", title, description, images: [image.url] },
  };
}

export default async function PinPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <PinDetail key={id} id={id} />;
}
