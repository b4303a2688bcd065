import "server-only";
// The objects in a scene, as crops to embed: the scene detector's proposals, each cut with
// context from the picture as regionSource decodes it, for Shop the Look to match to products.
import { withMargin, type Detection } from "@/lib/detect";
import { boxToPixelRect, cropRgb, type RgbImage } from "@/lib/image";
import { serverContext } from "./context";

/**
 * Context kept around each object, as a share of its box on every side. Generous because boxes
 * (the fallback's above all) are often tight or partial: on the dev benchmark match@5 rose from
 * 33% at 0 to 37% at 0.08 and 51% at 0.35.
 */
const CROP_MARGIN = 0.35;
/** Below this many pixels on a side a crop holds too little to search. */
const MIN_CROP_SIDE = 16;

export interface ObjectCrop {
  detection: Detection;
  crop: RgbImage;
}

/** The crop a proposal is embedded from: its box with context, or null when too small to search. */
function objectCrop(source: RgbImage, detection: Detection): RgbImage | null {
  const rect = boxToPixelRect(withMargin(detection.box, CROP_MARGIN), source.width, source.height);
  if (rect.width < MIN_CROP_SIDE || rect.height < MIN_CROP_SIDE) return null;
  return cropRgb(source, rect);
}

/** The detector's proposals for `source` (a regionSource picture), most confident first, with their crops. */
export async function objectCrops(source: RgbImage, limit = Infinity): Promise<ObjectCrop[]> {
  const proposals = await (await (await serverContext()).detector()).detect(source);
  const crops: ObjectCrop[] = [];
  for (const detection of proposals) {
    if (crops.length >= limit) break;
    const crop = objectCrop(source, detection);
    if (crop) crops.push({ detection, crop });
  }
  return crops;
}
