// Shop the Look: finds the shoppable objects in a scene (an upload or a stored pin). Each of the
// detector's proposals is cropped with some context, embedded and searched among the catalog's
// products (preferring products whose category agrees with what the detector saw); the scene
// then shows the proposals that matched products best, only those whose best product passes
// the model's relevance cut-off, and a single one on a picture of one product. Answers the
// contract's ShopResponse.
import "server-only";
import type { ShopFields, ShopObject, ShopResponse } from "@/lib/contracts";
import { selectObjects, type Detection } from "@/lib/detect";
import { oneObjectOnPlainBackground } from "@/lib/detect/plain-background";
import { rerankByCategory } from "@/lib/detect/rerank";
import { scoreOf } from "@/lib/embedding/vectors";
import { AppError } from "@/lib/errors";
import { validateImage, type RgbImage, type ValidatedImage } from "@/lib/image";
import { catalogPixels, regionSource } from "./catalog-pixels";
import { serverContext } from "./context";
import { withServingModel } from "./image-models";
import { objectCrops } from "./object-views";
import type { LoadedModel } from "./loaded-model";
import { getPinRecord, toPin } from "./pins";
import type { SceneAnalysis } from "@/lib/store";

/** Candidates fetched per object before the category re-rank picks k. */
const CANDIDATES_PER_RESULT = 4;
/** Similarity bonus for a product in the category the detector's label points to. */
const CATEGORY_BONUS = 0.05;

/** Which matched proposals a scene shows (varied by scripts/eval-shop-demo.ts). */
export interface ShopPolicy {
  /** Hide an object whose best product scores under the model's relevance cut-off. */
  relevantOnly: boolean;
  /**
   * A picture of one product shows one object, not dots on its parts and background. It is one
   * when the whole picture matches a product at least as well as any object in it...
   */
  wholePictureMatch: boolean;
  /** ...or when it is one object on a plain background (plain-background.ts). */
  plainBackground: boolean;
}

export const SHOP_POLICY: ShopPolicy = { relevantOnly: true, wholePictureMatch: true, plainBackground: true };

function elapsed(start: number): number {
  return Math.round((performance.now() - start) * 10) / 10;
}

async function productsFor({ vectors }: LoadedModel, detection: Detection, view: Float32Array, k: number, exclude?: bigint): Promise<ShopObject> {
  const hits = await vectors.nearest([view], k * CANDIDATES_PER_RESULT, { kind: "product" }, exclude);
  const ranked = rerankByCategory(
    detection.label,
    hits.map((h) => ({ item: h.record, similarity: h.similarity, category: h.record.category })),
    CATEGORY_BONUS,
    k,
  );
  const products = ranked.map(({ item, similarity }) => ({ id: item.id, score: scoreOf(similarity), pin: toPin(item) }));
  return { box: detection.box, label: detection.label, score: detection.score, products };
}

/** A scene decoded twice by sharp: as regions are cut from it, and as catalog images are embedded. */
interface ScenePixels {
  scene: RgbImage;
  picture: RgbImage;
}

async function decodeScene(image: ValidatedImage): Promise<ScenePixels> {
  const [scene, picture] = await Promise.all([regionSource(image), catalogPixels(image)]);
  return { scene, picture };
}

/** What a scene holds, ready to be matched: its objects with their vectors, and the whole picture's vector. */
interface AnalyzedScene {
  analysis: SceneAnalysis;
  whole: Float32Array;
}

/** Detects the scene's objects and embeds each (with context) and the whole picture: the costly half. */
async function analyzePixels(model: LoadedModel, { scene, picture }: ScenePixels): Promise<AnalyzedScene> {
  const cropped = await objectCrops(scene);
  // One catalog-style vector per proposal and one for the whole picture, all in one batch: a
  // crop is already the object, so the query views' saliency crops only cost time (on the dev
  // benchmark they also matched worse, match@5 32.9% vs 36.6%).
  const [whole, ...vectors] = await model.embedder.embedAll([picture, ...cropped.map((c) => c.crop)]);
  const analysis = { objects: cropped.map((c) => c.detection), vectors, oneObjectOnPlainBackground: oneObjectOnPlainBackground(picture) !== null };
  return { analysis, whole: whole! };
}

/** Matches an analyzed scene's objects to the catalog's products and picks the ones to show. */
async function matchScene(model: LoadedModel, { analysis, whole }: AnalyzedScene, k: number, policy: ShopPolicy, exclude?: bigint): Promise<ShopObject[]> {
  const matched = await Promise.all(
    analysis.objects.map(async (detection, i) => {
      const object = await productsFor(model, detection, analysis.vectors[i]!, k, exclude);
      return { detection, bestMatch: object.products[0]?.score ?? 0, object };
    }),
  );
  const cutOff = policy.relevantOnly ? model.embedder.minRelevantScore : 0;
  let shown = selectObjects(matched.filter((m) => m.bestMatch >= cutOff));
  if (shown.length > 1 && policy.plainBackground && analysis.oneObjectOnPlainBackground) shown = shown.slice(0, 1);
  if (shown.length > 1 && policy.wholePictureMatch) {
    const [best] = await model.vectors.nearest([whole], 1, { kind: "product" }, exclude);
    if (best && scoreOf(best.similarity) >= Math.max(...shown.map((m) => m.bestMatch))) shown = shown.slice(0, 1);
  }
  return shown.map((m) => m.object);
}

export async function shopScene(bytes: Uint8Array, fields: ShopFields, policy: ShopPolicy = SHOP_POLICY): Promise<ShopResponse> {
  const start = performance.now();
  return (await serverContext()).limits.imageWork.run(async () => {
    const pixels = await decodeScene(await validateImage(bytes));
    return withServingModel(async (model) => {
      const objects = await matchScene(model, await analyzePixels(model, pixels), fields.k, policy);
      return { objects, tookMs: elapsed(start), minRelevantScore: model.embedder.minRelevantScore };
    });
  });
}

/**
 * The analysis of a stored image with the model: the one the scene-analysis job stored, or made
 * (and stored) now, at a background job's priority when `background`. Answers null when the
 * pin's vector is not there yet (a model switch).
 */
export async function storedSceneAnalysis(model: LoadedModel, imageSha256: string, background = false): Promise<AnalyzedScene | null> {
  const { pins: repository, images, limits } = await serverContext();
  const whole = await repository.findEmbedding(imageSha256, model.key);
  if (!whole) return null;
  const stored = await repository.findSceneAnalysis(imageSha256, model.key);
  if (stored) return { analysis: stored, whole };
  const original = await images.original(imageSha256);
  if (!original) throw new AppError("unavailable", "This pin's image is not in the image store.", 503);
  const analyze = async () => analyzePixels(model, await decodeScene(await validateImage(original)));
  const gate = limits.imageWork;
  const analyzed = await (background ? gate.runInBackground(analyze) : gate.run(analyze));
  await repository.putSceneAnalysis(imageSha256, model.key, analyzed.analysis);
  return { analysis: analyzed.analysis, whole };
}

/** Shop the Look for a stored pin: its stored analysis, matched against today's products. */
export async function shopPin(id: string, fields: ShopFields): Promise<ShopResponse> {
  const start = performance.now();
  const record = await getPinRecord(id);
  return withServingModel(async (model) => {
    const analyzed = await storedSceneAnalysis(model, record.imageSha256);
    if (!analyzed) throw new AppError("warming_up", "This pin has not been embedded with the current model yet.", 503, 30);
    // The pin itself is a product too: it must not be offered as what its own scene contains.
    const objects = await matchScene(model, analyzed, fields.k, SHOP_POLICY, record.seq);
    return { objects, tookMs: elapsed(start), minRelevantScore: model.embedder.minRelevantScore };
  });
}
