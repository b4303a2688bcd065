import "server-only";
// The objects in a scene, as crops to embed: the scene detector's proposals and the objects the
// class-agnostic localizer finds, each cut with context from the picture as regionSource
// decodes it, for Shop the Look to match to products.
import { withMargin, type Detection } from "@/lib/detect";
import { MIN_REGION_SIDE, boxToPixelRect, cropRgb, type RgbImage } from "@/lib/image";
import { serverContext } from "./context";

/**
 * Context kept around each object, as a share of its box on every side. Generous because boxes
 * (the fallback's above all) are often tight or partial: on the dev benchmark match@5 rose from
 * 33% at 0 to 37% at 0.08 and 51% at 0.35.
 */
const CROP_MARGIN = 0.35;

export interface ObjectCrop {
  detection: Detection;
  crop: RgbImage;
}

/** The crop a proposal is embedded from: its box with context, or null when too small to search. */
function objectCrop(source: RgbImage, detection: Detection): RgbImage | null {
  const rect = boxToPixelRect(withMargin(detection.box, CROP_MARGIN), source.width, source.height);
  if (rect.width < MIN_REGION_SIDE || rect.height < MIN_REGION_SIDE) return null;
  return cropRgb(source, rect);
}

/** How many of the localizer's objects join the detector's proposals. */
const LOCALIZER_PROPOSALS = 3;

/** The proposals for `source` (a regionSource picture), the detector's first, with their crops. */
export async function objectCrops(source: RgbImage): Promise<ObjectCrop[]> {
  const context = await serverContext();
  const [proposals, located] = await Promise.all([
    context.detector().then((detector) => detector.detect(source)),
    context.localizer().then((localizer) => localizer.locate(source, LOCALIZER_PROPOSALS)),
  ]);
  const detections: Detection[] = [...proposals, ...located.map((o) => ({ box: o.box, label: "object", score: o.score, source: "localizer" as const }))];
  return detections.flatMap((detection) => {
    const crop = objectCrop(source, detection);
    return crop ? [{ detection, crop }] : [];
  });
}
