"use client";
// Paste (Ctrl/Cmd-V) or drop an image anywhere: it starts an image search, or goes to
// whichever page has claimed images (the add-pin form). A full-page overlay shows while
// a file is dragged over the window.
import { useEffect, useRef, useState } from "react";
import { carriesFiles, imageFromDataTransfer } from "@/lib/client/image-files";
import { currentImageIntakeClaim, useImageIntakeClaimState } from "@/lib/client/image-intake";
import { ImageIcon } from "@/components/ui/icons";
import { useStartImageSearch } from "./use-start-image-search";

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
}

export function ImageIntake() {
  const startImageSearch = useStartImageSearch();
  const claim = useImageIntakeClaimState();
  const [dragging, setDragging] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // dragenter/dragleave fire for every child crossed; a depth count tells when the drag truly left.
  const dragDepth = useRef(0);

  useEffect(() => {
    function deliver(file: File) {
      const target = currentImageIntakeClaim();
      if (target) target.accept(file);
      else startImageSearch(file);
    }

    function onPaste(event: ClipboardEvent) {
      const file = imageFromDataTransfer(event.clipboardData);
      if (!file) return;
      // Office apps put a picture of the copied cells beside their text; in a text field
      // the text is what the person meant.
      if (isTextField(event.target) && event.clipboardData?.types.includes("text/plain")) return;
      event.preventDefault();
      deliver(file);
    }

    function onDragEnter(event: DragEvent) {
      if (!carriesFiles(event.dataTransfer)) return;
      event.preventDefault();
      dragDepth.current += 1;
      setDragging(true);
    }
    function onDragOver(event: DragEvent) {
      if (!carriesFiles(event.dataTransfer)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = "copy";
    }
    function onDragLeave(event: DragEvent) {
      if (!carriesFiles(event.dataTransfer)) return;
      dragDepth.current = Math.max(0, dragDepth.current - 1);
      if (dragDepth.current === 0) setDragging(false);
    }
    function onDrop(event: DragEvent) {
      if (!carriesFiles(event.dataTransfer)) return;
      // Without this the browser would navigate away to show the file.
      event.preventDefault();
      dragDepth.current = 0;
      setDragging(false);
      const file = imageFromDataTransfer(event.dataTransfer);
      if (file) deliver(file);
      else setNotice("That file isn't an image. Try a JPEG, PNG, WebP or HEIC.");
    }

    window.addEventListener("paste", onPaste);
    window.addEventListener("dragenter", onDragEnter);
    window.addEventListener("dragover", onDragOver);
    window.addEventListener("dragleave", onDragLeave);
    window.addEventListener("drop", onDrop);
    return () => {
      window.removeEventListener("paste", onPaste);
      window.removeEventListener("dragenter", onDragEnter);
      window.removeEventListener("dragover", onDragOver);
      window.removeEventListener("dragleave", onDragLeave);
      window.removeEventListener("drop", onDrop);
    };
  }, [startImageSearch]);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 4000);
    return () => clearTimeout(timer);
  }, [notice]);

  return (
    <>
      {dragging && (
        <div
          data-testid="drop-overlay"
          className="pointer-events-none fixed inset-0 z-50 flex items-center justify-center bg-neutral-900/60 p-6 backdrop-blur-sm"
        >
          <div className="flex flex-col items-center gap-3 rounded-3xl border-2 border-dashed border-white/80 px-10 py-12 text-center text-white">
            <ImageIcon width={48} height={48} />
            <p className="text-2xl font-semibold">{claim?.dropLabel ?? "Drop an image to search"}</p>
            <p className="text-sm text-white/80">JPEG, PNG, WebP, GIF, AVIF or HEIC</p>
          </div>
        </div>
      )}
      {notice && (
        <div
          role="status"
          data-testid="intake-notice"
          className="fixed bottom-6 left-1/2 z-50 -translate-x-1/2 rounded-full bg-neutral-900 px-5 py-3 text-sm text-white shadow-lg"
        >
          {notice}
        </div>
      )}
    </>
  );
}
