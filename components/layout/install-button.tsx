"use client";
// "Install" in the header where the browser offers to install Glimpse as an app (Chrome and
// Edge fire `beforeinstallprompt` once the manifest and service worker qualify); the button
// shows that browser's own prompt, and goes away once the app is installed.
import { useEffect, useState } from "react";
import { buttonClass } from "@/components/ui/button";

/** The event Chromium fires when it could install the app (not in the DOM's types). */
interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: "accepted" | "dismissed" }>;
}

export function InstallButton() {
  const [offer, setOffer] = useState<InstallPromptEvent | null>(null);
  useEffect(() => {
    const keep = (event: Event) => {
      // The browser's own mini-infobar stays away; the header's button offers it instead.
      event.preventDefault();
      setOffer(event as InstallPromptEvent);
    };
    const installed = () => setOffer(null);
    window.addEventListener("beforeinstallprompt", keep);
    window.addEventListener("appinstalled", installed);
    return () => {
      window.removeEventListener("beforeinstallprompt", keep);
      window.removeEventListener("appinstalled", installed);
    };
  }, []);
  if (!offer) return null;
  return (
    <button
      type="button"
      data-testid="install-app"
      className={buttonClass("outline", "hidden shrink-0 sm:inline-flex")}
      onClick={async () => {
        await offer.prompt();
        if ((await offer.userChoice).outcome === "accepted") setOffer(null);
      }}
    >
      Install
    </button>
  );
}
