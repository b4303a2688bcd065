"use client";
// The Lens viewfinder: the live camera, or the frozen frame (or chosen photo) with a box drawn on
// it. The frame keeps the picture's aspect ratio and is held to about half the screen's height,
// so the results stay in view on a phone; the box layer covers the picture exactly.
import { useCallback, useEffect, useRef, type CSSProperties, type ReactNode } from "react";
import type { Box } from "@/lib/contracts";
import { RegionSelect } from "./region-select";

export interface Still {
  id: string;
  bitmap: ImageBitmap;
  /** A photo chosen from a file rather than a frozen camera frame. */
  fromFile: boolean;
  /** The file itself: the server gets its original bytes rather than a re-encoding. */
  file?: Blob;
}

function StillCanvas({ still }: { still: Still }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext("2d");
    if (!element || !context) return;
    element.width = still.bitmap.width;
    element.height = still.bitmap.height;
    context.drawImage(still.bitmap, 0, 0);
  }, [still]);
  return <canvas ref={canvas} data-testid="lens-still" className="absolute inset-0 h-full w-full" />;
}

export function LensPreview({
  stream,
  still,
  box,
  aspect,
  onVideo,
  onAspect,
  onTap,
  onBox,
  children,
}: {
  /** The running camera (the video shows unless a still covers it). */
  stream: MediaStream | null;
  still: Still | null;
  box: Box | null;
  /** Width over height of the picture shown. */
  aspect: number;
  onVideo: (video: HTMLVideoElement | null) => void;
  onAspect: (aspect: number) => void;
  onTap: () => void;
  onBox: (box: Box) => void;
  children?: ReactNode;
}) {
  const video = useRef<HTMLVideoElement | null>(null);
  useEffect(() => {
    const element = video.current;
    if (!element) return;
    element.srcObject = stream;
    if (stream) void element.play().catch(() => undefined);
  }, [stream]);
  const attachVideo = useCallback(
    (element: HTMLVideoElement | null) => {
      video.current = element;
      onVideo(element);
    },
    [onVideo],
  );
  const live = stream !== null;
  const style = { aspectRatio: `${aspect}`, width: `min(100%, calc(56dvh * ${aspect}))` } as CSSProperties;
  return (
    <div
      data-testid="lens-preview"
      data-mode={still ? "still" : live ? "live" : "off"}
      className="relative mx-auto overflow-hidden rounded-3xl bg-neutral-900"
      style={style}
    >
      <video
        ref={attachVideo}
        data-testid="lens-video"
        muted
        playsInline
        autoPlay
        onLoadedMetadata={(e) => {
          const v = e.currentTarget;
          if (v.videoWidth > 0 && v.videoHeight > 0) onAspect(v.videoWidth / v.videoHeight);
        }}
        onResize={(e) => {
          const v = e.currentTarget;
          if (v.videoWidth > 0 && v.videoHeight > 0) onAspect(v.videoWidth / v.videoHeight);
        }}
        className={`absolute inset-0 h-full w-full object-cover ${live && !still ? "" : "invisible"}`}
      />
      {still && <StillCanvas still={still} />}
      {(live || still) && (
        <RegionSelect
          box={box}
          allowBox={still !== null}
          onTap={onTap}
          onBox={onBox}
          testId="lens-region"
          label={still ? "Drag a box around what to search; tap to go back to the camera" : "Tap to freeze the picture"}
        />
      )}
      {children}
    </div>
  );
}
