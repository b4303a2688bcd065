"use client";
// /lens: point the camera at something and see matching pins, found on this device by the
// distilled student as the picture changes, then refined by the server. Tap to freeze the
// picture: the object the server searched in it shows as a box, whose corners adjust it, or drag
// a new box to search another part; without a camera, a photo does the same.
import { useCallback, useEffect, useRef, useState } from "react";
import type { Box } from "@/lib/contracts";
import { bitmapToJpeg } from "@/lib/client/on-device/frame-capture";
import { useOnDeviceSearch } from "@/lib/client/on-device/use-on-device";
import type { ImageRegion } from "@/lib/client/queries";
import { useStartImageSearch } from "@/components/search/use-start-image-search";
import { buttonClass } from "@/components/ui/button";
import { dottedObjects, ObjectDots } from "@/components/search/object-dots";
import { LensFilePicker } from "./lens-file-picker";
import { LensPreview, type Still } from "./lens-preview";
import { ModelStatus } from "./model-status";
import { RefinedResultsView } from "./refined-results";
import { useBenchHook } from "./use-bench-hook";
import { useCamera } from "./use-camera";
import { useFrameWatch } from "./use-frame-watch";
import { useRefinedSearch } from "./use-refined-search";

let stills = 0;

export function LensView() {
  const { status, client } = useOnDeviceSearch();
  const [photoOnly, setPhotoOnly] = useState(false);
  const camera = useCamera(!photoOnly);
  const [video, setVideo] = useState<HTMLVideoElement | null>(null);
  const [videoAspect, setVideoAspect] = useState(3 / 4);
  const [still, setStill] = useState<Still | null>(null);
  const [box, setBox] = useState<Box | null>(null);
  const lens = useRefinedSearch(status, client);
  const { search } = lens;
  useBenchHook(video, client);

  // The picture the server may need: only the latest is kept (a camera frame is megabytes).
  const kept = useRef<ImageBitmap | null>(null);
  useEffect(() => () => kept.current?.close(), []);

  // Whether a still picture is shown; set as the picture freezes, before React renders it, so a
  // live frame whose search lands after that is stale.
  const frozen = useRef(false);
  useEffect(() => {
    frozen.current = still !== null;
  }, [still]);

  const searchPicture = useCallback(
    async (source: HTMLVideoElement | ImageBitmap, region: Box | undefined, original?: Blob) => {
      const live = source instanceof HTMLVideoElement;
      const stale = () => live && frozen.current;
      const [frame, keep] = await Promise.all([createImageBitmap(source), createImageBitmap(source)]);
      if (stale()) {
        frame.close();
        keep.close();
        return;
      }
      kept.current?.close();
      kept.current = keep;
      const image: ImageRegion = {
        id: `picture-${++stills}`,
        image: () => (original ? Promise.resolve(original) : bitmapToJpeg(keep)),
        box: region,
      };
      await search({ frame, box: region, region: image, stale });
    },
    [search],
  );

  const live = camera.state === "live";
  // Search the camera's picture when it changes; again from scratch once the model is ready.
  useFrameWatch(video, live && !still, (v) => searchPicture(v, undefined), status.state);

  const freeze = useCallback(async () => {
    if (!video || still) return;
    frozen.current = true;
    const bitmap = await createImageBitmap(video);
    setStill({ id: `still-${++stills}`, bitmap, fromFile: false });
  }, [video, still]);

  const unfreeze = useCallback(() => {
    if (!still || still.fromFile) return;
    still.bitmap.close();
    setStill(null);
    setBox(null);
  }, [still]);

  const searchOnServer = useStartImageSearch();
  const choosePhoto = useCallback(
    async (file: File) => {
      let bitmap: ImageBitmap;
      try {
        bitmap = await createImageBitmap(file);
      } catch {
        // A format this browser cannot decode (HEIC outside Safari): the server reads it.
        searchOnServer(file);
        return;
      }
      still?.bitmap.close();
      setPhotoOnly(true);
      setStill({ id: `photo-${++stills}`, bitmap, fromFile: true, file });
      setBox(null);
      await searchPicture(bitmap, undefined, file);
    },
    [still, searchPicture, searchOnServer],
  );

  const searchBox = useCallback(
    (chosen: Box) => {
      if (!still) return;
      setBox(chosen);
      void searchPicture(still.bitmap, chosen, still.file);
    },
    [still, searchPicture],
  );

  // On a still picture, the object the server found in it shows as the box until one is drawn,
  // and the other objects it found as dots: once its answer is final, so they do not come and go
  // while it refines.
  const found = (still && lens.shown?.source === "server" && !lens.refining && lens.shown.objectBoxes) || [];
  const shownBox = box ?? found[0] ?? null;
  const otherObjects = box ? [] : dottedObjects(found.slice(1), shownBox);
  const aspect = still ? still.bitmap.width / still.bitmap.height : videoAspect;
  const cameraProblem = camera.state === "unavailable" ? camera.message : null;
  const lastMs = lens.shown?.device?.totalMs;

  return (
    <div className="mx-auto flex max-w-[1400px] flex-col gap-5 md:flex-row md:items-start">
      <aside className="flex flex-col gap-3 md:sticky md:top-20 md:w-[min(44%,520px)] md:shrink-0">
        <h1 className="sr-only">Lens</h1>
        {cameraProblem && !still ? (
          <div data-testid="lens-camera-problem" role="alert" className="rounded-3xl bg-neutral-100 px-5 py-8 text-center">
            <p className="font-semibold text-neutral-900">No camera</p>
            <p className="mt-1 text-sm text-neutral-700">{cameraProblem}</p>
            <LensFilePicker onFile={choosePhoto} tone="primary" className="mt-4" label="Take or choose a photo" />
          </div>
        ) : (
          <LensPreview
            stream={camera.state === "live" ? camera.stream : null}
            still={still}
            box={shownBox}
            aspect={aspect}
            onVideo={setVideo}
            onAspect={setVideoAspect}
            onTap={() => (still ? unfreeze() : void freeze())}
            onBox={searchBox}
          >
            {camera.state === "starting" && !still && (
              <p className="absolute inset-0 flex items-center justify-center text-sm text-white/80">Starting the camera…</p>
            )}
            <ObjectDots objects={otherObjects} onPick={searchBox} testId="lens-object" />
            {(live || still) && (
              <span className="pointer-events-none absolute top-3 left-3 rounded-full bg-black/55 px-2.5 py-1 text-xs font-semibold text-white">
                {still ? (still.fromFile ? "Photo" : "Frozen") : "Live"}
              </span>
            )}
          </LensPreview>
        )}
        {(live || still) && (
          <div className="flex flex-wrap items-center gap-2">
            {live && (
              <button
                type="button"
                data-testid="lens-freeze"
                aria-pressed={still !== null}
                onClick={() => (still ? unfreeze() : void freeze())}
                className={buttonClass(still ? "primary" : "secondary")}
              >
                {still ? "Resume" : "Freeze"}
              </button>
            )}
            {still?.fromFile && !cameraProblem && (
              <button
                type="button"
                data-testid="lens-use-camera"
                onClick={() => {
                  still.bitmap.close();
                  setStill(null);
                  setBox(null);
                  setPhotoOnly(false);
                }}
                className={buttonClass("secondary")}
              >
                Use the camera
              </button>
            )}
            {box && (
              <button
                type="button"
                data-testid="lens-clear-box"
                onClick={() => {
                  setBox(null);
                  if (still) void searchPicture(still.bitmap, undefined, still.file);
                }}
                className={buttonClass("ghost")}
              >
                Clear box
              </button>
            )}
            <LensFilePicker onFile={choosePhoto} tone="outline" label={still?.fromFile ? "Another photo" : "Photo"} />
          </div>
        )}
        <p className="text-sm text-neutral-600">
          {still ? "Drag a box around the thing you want to find." : live ? "Point at something. Tap the picture to freeze it." : ""}
        </p>
        <ModelStatus status={status} lastMs={lastMs} />
        {lens.deviceFailure && <p className="text-xs text-neutral-500">On-device search failed: {lens.deviceFailure}</p>}
      </aside>
      <div className="min-w-0 flex-1">
        <RefinedResultsView
          testId="lens-results"
          shown={lens.shown}
          refining={lens.refining}
          serverError={lens.serverError}
          offline={lens.offline}
          hasQuery={lens.hasQuery}
          idleText={cameraProblem ? "Choose a photo to see what matches it." : "Matches for what the camera sees show up here."}
        />
      </div>
    </div>
  );
}
