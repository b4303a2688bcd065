"use client";
// Watches a playing video and hands over a frame whenever the picture changed enough since the
// last frame handed over (see frame-change.ts) — at most every TICK_MS, and never while the
// previous one is still being searched.
import { useEffect, useRef } from "react";
import { frameChanged, greyThumbnail, THUMBNAIL_SIDE } from "@/lib/client/on-device/frame-change";

const TICK_MS = 200;

/**
 * `onFrame` receives the video element when a new picture should be searched and resolves when
 * that search is done. Changing `resetKey` forgets the last picture, so the current one is
 * searched again (e.g. once the on-device model is ready).
 */
export function useFrameWatch(
  video: HTMLVideoElement | null,
  enabled: boolean,
  onFrame: (video: HTMLVideoElement) => Promise<void>,
  resetKey: unknown,
): void {
  const onFrameRef = useRef(onFrame);
  useEffect(() => {
    onFrameRef.current = onFrame;
  }, [onFrame]);

  useEffect(() => {
    if (!video || !enabled) return;
    const canvas = document.createElement("canvas");
    canvas.width = THUMBNAIL_SIDE;
    canvas.height = THUMBNAIL_SIDE;
    const context = canvas.getContext("2d", { willReadFrequently: true });
    if (!context) return;
    let last: Uint8Array | null = null;
    let busy = false;
    const timer = window.setInterval(() => {
      if (busy || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.videoWidth === 0) return;
      context.drawImage(video, 0, 0, THUMBNAIL_SIDE, THUMBNAIL_SIDE);
      const thumb = greyThumbnail(context.getImageData(0, 0, THUMBNAIL_SIDE, THUMBNAIL_SIDE).data);
      if (!frameChanged(last, thumb)) return;
      last = thumb;
      busy = true;
      onFrameRef.current(video)
        .catch(() => undefined)
        .finally(() => {
          busy = false;
        });
    }, TICK_MS);
    return () => window.clearInterval(timer);
  }, [video, enabled, resetKey]);
}
