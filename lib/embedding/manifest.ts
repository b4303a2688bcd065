// The manifest of an image-embedding model (models/<name>/manifest.json): which backbones it
// runs, how their input is prepared, which inner layers become parts of the vector, and the
// fitted parameters that turn those parts into the final embedding. Shared by browser and
// server, so it imports nothing Node-only.
import { z } from "zod";

/** Per-channel normalization in 0–255 pixel units: x = (pixel − mean) / std. */
export const InputSpec = z
  .object({
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    mean: z.tuple([z.number(), z.number(), z.number()]),
    std: z.tuple([z.number().positive(), z.number().positive(), z.number().positive()]),
  })
  .strict();
export type InputSpec = z.infer<typeof InputSpec>;

/** An inner layer read out of a backbone and reduced to one vector per image. */
export const PartSpec = z
  .object({
    name: z.string().min(1),
    node: z.string().min(1),
    /**
     * Over the spatial axes of an NHWC map: "mean", the global average; "gem", the generalized
     * mean (mean of x^power)^(1/power) of the map clamped at 0, which leans towards the strongest
     * activations as power grows (1 is the mean, ∞ the max). "none": the output is already [N, C].
     */
    pool: z.enum(["mean", "gem", "none"]),
    /** GeM's exponent; only with pool "gem". */
    power: z.number().min(1).max(16).optional(),
    dim: z.number().int().positive(),
  })
  .strict()
  .refine((p) => (p.pool === "gem") === (p.power !== undefined), { message: 'pool "gem" takes a power, and only it does', path: ["power"] });
export type PartSpec = z.infer<typeof PartSpec>;

/** GeM's clamp: hard-swish maps go slightly negative, and x^(1/p) needs x ≥ 0. */
export const GEM_EPSILON = 1e-6;

/** A little-endian float32 file beside the manifest. */
const Float32File = z
  .object({
    file: z.string().min(1),
    shape: z.array(z.number().int().positive()).min(1),
  })
  .strict();
export type Float32File = z.infer<typeof Float32File>;

/** An activation map whose hot region becomes a query crop (see saliency.ts). */
export const SaliencySpec = z
  .object({
    name: z.string().min(1),
    node: z.string().min(1),
    /** "rel": halfway between min and max; "std": mean + 1 standard deviation. */
    threshold: z.enum(["rel", "std"]),
  })
  .strict();
export type SaliencySpec = z.infer<typeof SaliencySpec>;

export const BackboneSpec = z
  .object({
    name: z.string().min(1),
    /**
     * "tfjs-graph": a model.json and .bin shards; "umd-base64": the same content as CommonJS
     * modules whose exports are the model JSON and base64 weight shards (how nsfwjs ships);
     * "onnx": one .onnx file run by ONNX Runtime on the server, where `inputNode` is the graph
     * input's name and part and saliency `node`s are graph output names.
     */
    format: z.enum(["tfjs-graph", "umd-base64", "onnx"]),
    /** Paths relative to the repository root. */
    model: z.string().min(1),
    weights: z.array(z.string().min(1)).optional(),
    /**
     * The same network converted to ONNX (`npm run convert-models`), which the server runs on
     * ONNX Runtime; the TF.js graph above is what the browser runs. Required for TF.js formats
     * on the server; an "onnx" backbone is its own file.
     */
    onnx: z.string().min(1).optional(),
    licence: z.string().min(1),
    inputNode: z.string().min(1),
    /** Rewrite the input placeholder to a dynamic shape so the graph runs at `input` size. */
    dynamicInput: z.boolean().default(false),
    /**
     * Axis order of the input and of the maps read out of it: "nhwc" (TensorFlow; the default
     * when absent) or "nchw" (PyTorch exports, "onnx" only). Optional rather than defaulted so
     * that specs written in code need not name it.
     */
    layout: z.enum(["nhwc", "nchw"]).optional(),
    input: InputSpec,
    parts: z.array(PartSpec).min(1),
    saliency: z.array(SaliencySpec).default([]),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.format === "onnx" && b.onnx !== undefined) {
      ctx.addIssue({ code: "custom", path: ["onnx"], message: `an "onnx" backbone is its own file: name it in "model" alone` });
    }
    if (b.layout === "nchw" && b.format !== "onnx") {
      ctx.addIssue({ code: "custom", path: ["layout"], message: `layout "nchw" needs format "onnx", not "${b.format}"` });
    }
  });
export type BackboneSpec = z.infer<typeof BackboneSpec>;

/** The ONNX file the server runs for a backbone, relative to the repository root. */
export function serverModelFile(spec: Pick<BackboneSpec, "name" | "format" | "model" | "onnx">): string {
  if (spec.format === "onnx") return spec.model;
  if (!spec.onnx) throw new Error(`backbone ${spec.name}: the server runs ONNX, and this ${spec.format} backbone names no "onnx" file (npm run convert-models)`);
  return spec.onnx;
}


export const EmbeddingManifest = z
  .object({
    id: z.string().min(1),
    version: z.number().int().positive(),
    dim: z.number().int().positive(),
    /** Score (max(0, cosine)) above which two images are plausibly the same kind of thing. */
    minRelevantScore: z.number().min(0).max(1),
    /**
     * The cut-off for a whole photo searched together with the objects found in it: a pin scores
     * its best of about nine views, so unrelated pins score higher than against one picture.
     * Calibrated on phone photos by npm run eval-phone-photos; absent, minRelevantScore.
     */
    minRelevantPhotoScore: z.number().min(0).max(1).optional(),
    /**
     * The model key ("id@version") whose vector space this model's vectors live in: a student
     * distilled into a teacher's space names the teacher. Absent: its own space.
     */
    space: z.string().min(1).optional(),
    backbones: z.array(BackboneSpec).min(1),
    postprocess: z
      .object({
        /** Square root of the ReLU'd features before per-part L2 normalization. */
        sqrt: z.boolean(),
        mean: Float32File,
        /** Row-major [dim, Σ part dims]: whitening already folded into the rows. */
        projection: Float32File,
      })
      .strict(),
    queryViews: z
      .object({
        /** Saliency maps (by name) whose crops join the full frame as query views. */
        saliency: z.array(z.string()),
        /** Margin added on every side of a saliency box, as a share of its longer side. */
        margin: z.number().min(0).max(1),
      })
      .strict(),
    fitted: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    const total = m.backbones.flatMap((b) => b.parts).reduce((s, p) => s + p.dim, 0);
    const [rows, cols] = m.postprocess.projection.shape;
    if (rows !== m.dim || cols !== total) {
      ctx.addIssue({
        code: "custom",
        path: ["postprocess", "projection", "shape"],
        message: `projection must be [${m.dim}, ${total}], got [${m.postprocess.projection.shape.join(", ")}]`,
      });
    }
    if (m.postprocess.mean.shape[0] !== total) {
      ctx.addIssue({ code: "custom", path: ["postprocess", "mean", "shape"], message: `mean must be [${total}]` });
    }
    const maps = new Set(m.backbones.flatMap((b) => b.saliency.map((s) => s.name)));
    for (const name of m.queryViews.saliency) {
      if (!maps.has(name)) {
        ctx.addIssue({ code: "custom", path: ["queryViews", "saliency"], message: `unknown saliency map ${name}` });
      }
    }
  });
export type EmbeddingManifest = z.infer<typeof EmbeddingManifest>;

/** The identity stored next to every vector, e.g. "glimpse-concat-pca256@1". */
export function modelKey(manifest: Pick<EmbeddingManifest, "id" | "version">): string {
  return `${manifest.id}@${manifest.version}`;
}

/** The key of the vector space a model's vectors can be compared in. */
export function spaceKey(manifest: Pick<EmbeddingManifest, "id" | "version" | "space">): string {
  return manifest.space ?? modelKey(manifest);
}

/** Sum of the part dimensions: the length of the vector before projection. */
export function featureDim(manifest: Pick<EmbeddingManifest, "backbones">): number {
  return manifest.backbones.flatMap((b) => b.parts).reduce((s, p) => s + p.dim, 0);
}

export function parseManifest(json: unknown): EmbeddingManifest {
  return EmbeddingManifest.parse(json);
}
