// The frame of every page: header, the paste/drop image intake, and the query client.
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/site-header";
import { Providers } from "@/components/providers";
import { ImageIntake } from "@/components/search/image-intake";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Glimpse", template: "%s · Glimpse" },
  description: "Find ideas and products that look like what you see.",
};

export const viewport: Viewport = {
  themeColor: "#ffffff",
  width: "device-width",
  initialScale: 1,
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh">
        <Providers>
          <SiteHeader />
          <ImageIntake />
          {/* scroll-mt keeps the page top clear of the sticky header when navigation scrolls it into view. */}
          <main className="mx-auto max-w-[1800px] scroll-mt-16 px-3 pt-4 pb-16 sm:px-4">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
