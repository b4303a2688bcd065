import "server-only";
// Every backbone the server runs, on ONNX Runtime: the packaged TF.js networks converted by
// `npm run convert-models`, or a network exported to ONNX elsewhere (e.g. a PyTorch ResNeXt).
// The same input preparation, pooled parts and channel-summed maps as the browser's TF.js
// backbones, so the manifest's head and the evaluation apply unchanged.
import type { RgbImage } from "@/lib/image/types";
import type { BackboneOutput, BackboneRunner } from "./backbone";
import { GEM_EPSILON, serverModelFile, type BackboneSpec, type PartSpec } from "./manifest";
import { createOnnxSession, type DenseTensor, type OnnxSession } from "./onnx-session";
import { toModelInput } from "./preprocess";
import type { ActivationMap } from "./saliency";

export type Layout = "nhwc" | "nchw";

/** A batch laid out image by image as toModelInput returns it (NHWC) → NCHW. */
export function nhwcToNchw(src: Float32Array, n: number, h: number, w: number, c: number): Float32Array {
  const out = new Float32Array(src.length);
  const plane = h * w;
  for (let b = 0; b < n; b++) {
    const base = b * plane * c;
    for (let p = 0; p < plane; p++) {
      for (let ch = 0; ch < c; ch++) out[base + ch * plane + p] = src[base + p * c + ch]!;
    }
  }
  return out;
}

/** [N, C, H, W] or [N, H, W, C] as sizes, whichever the layout says; throws on another rank. */
function mapShape(t: DenseTensor, layout: Layout, where: string): { n: number; c: number; h: number; w: number } {
  if (t.dims.length !== 4) throw new Error(`${where}: expected a rank-4 ${layout.toUpperCase()} map, got [${t.dims.join(", ")}]`);
  const [n, a, b, d] = t.dims as [number, number, number, number];
  return layout === "nchw" ? { n, c: a, h: b, w: d } : { n, h: a, w: b, c: d };
}

/** One vector per image: a map pooled over its spatial axes ("mean", "gem"), or the output as it is ("none"). */
export function poolPart(t: DenseTensor, part: PartSpec, layout: Layout, where: string): Float32Array[] {
  const n = t.dims[0] ?? 0;
  if (part.pool === "none") {
    const per = n > 0 ? t.data.length / n : 0;
    if (per !== part.dim) throw new Error(`${where}: expected ${part.dim} values per image, got ${per} (dims [${t.dims.join(", ")}])`);
    return Array.from({ length: n }, (_, b) => t.data.slice(b * per, (b + 1) * per));
  }
  const { c, h, w } = mapShape(t, layout, where);
  if (c !== part.dim) throw new Error(`${where}: expected ${part.dim} channels, got ${c} (dims [${t.dims.join(", ")}])`);
  const plane = h * w;
  return Array.from({ length: n }, (_, b) => {
    const out = new Float32Array(c);
    const base = b * plane * c;
    // Element (ch, p) of image b sits at base + ch·plane + p (NCHW) or base + p·c + ch (NHWC).
    const [chStride, pStride] = layout === "nchw" ? [plane, 1] : [1, c];
    const gem = part.pool === "gem";
    const power = gem ? part.power! : 1;
    for (let ch = 0; ch < c; ch++) {
      let s = 0;
      if (!gem) {
        for (let p = 0; p < plane; p++) s += t.data[base + ch * chStride + p * pStride]!;
      } else {
        // x ** 3 through Math.pow costs about 20× a product here, and 3 is the usual power.
        for (let p = 0; p < plane; p++) {
          const x = Math.max(t.data[base + ch * chStride + p * pStride]!, GEM_EPSILON);
          s += power === 3 ? x * x * x : x ** power;
        }
      }
      out[ch] = gem ? (s / plane) ** (1 / power) : s / plane;
    }
    return out;
  });
}

/** Σ|activation| over channels, one H×W map per image. */
export function channelAbsSum(t: DenseTensor, layout: Layout, where: string): ActivationMap[] {
  const { n, c, h, w } = mapShape(t, layout, where);
  const plane = h * w;
  return Array.from({ length: n }, (_, b) => {
    const values = new Float32Array(plane);
    const base = b * plane * c;
    const [chStride, pStride] = layout === "nchw" ? [plane, 1] : [1, c];
    for (let p = 0; p < plane; p++) {
      let s = 0;
      for (let ch = 0; ch < c; ch++) s += Math.abs(t.data[base + ch * chStride + p * pStride]!);
      values[p] = s;
    }
    return { values, width: w, height: h };
  });
}

const known = (d: number | string | undefined): d is number => typeof d === "number" && d > 0;

/** A part's size as the file states it: the channel axis of a map, or all of a vector; else undefined. */
function statedDim(shape: ReadonlyArray<number | string>, part: PartSpec, cAxis: number): number | undefined {
  if (part.pool !== "none") return known(shape[cAxis]) ? shape[cAxis] : undefined;
  const rest = shape.slice(1);
  return rest.length > 0 && rest.every(known) ? rest.reduce((a, b) => a * b, 1) : undefined;
}

/** Checks the names and every statically known size against the manifest, before any run. */
function checkSignature(spec: BackboneSpec, file: string, session: OnnxSession, layout: Layout): void {
  const where = `backbone ${spec.name} (${file})`;
  const shapes = new Map<string, ReadonlyArray<number | string>>();
  for (const m of [...session.inputMetadata, ...session.outputMetadata]) if (m.isTensor) shapes.set(m.name, m.shape);
  if (!session.inputNames.includes(spec.inputNode)) {
    throw new Error(`${where}: no input "${spec.inputNode}"; inputs: ${session.inputNames.join(", ")}`);
  }
  const input = shapes.get(spec.inputNode) ?? [];
  const [hAxis, wAxis, cAxis] = layout === "nchw" ? [2, 3, 1] : [1, 2, 3];
  const expected: Array<[number, number, string]> = [[cAxis, 3, "channels"], [hAxis, spec.input.height, "height"], [wAxis, spec.input.width, "width"]];
  for (const [axis, size, what] of expected) {
    const d = input[axis];
    if (input.length === 4 && known(d) && d !== size) {
      throw new Error(`${where}: input "${spec.inputNode}" [${input.join(", ")}] has ${what} ${d}, the manifest says ${size} (layout ${layout})`);
    }
  }
  const outputs = [
    ...spec.parts.map((p) => ({ node: p.node, what: `part ${p.name}`, part: p })),
    ...spec.saliency.map((s) => ({ node: s.node, what: `saliency map ${s.name}`, part: undefined })),
  ];
  for (const { node, what, part } of outputs) {
    if (!session.outputNames.includes(node)) {
      throw new Error(`${where}: ${what} reads output "${node}", which the model lacks; outputs: ${session.outputNames.join(", ")}`);
    }
    const shape = shapes.get(node) ?? [];
    const rank4 = !part || part.pool !== "none";
    if (rank4 && shape.length > 0 && shape.length !== 4) {
      throw new Error(`${where}: ${what} needs a rank-4 map, output "${node}" is [${shape.join(", ")}]`);
    }
    const size = part && statedDim(shape, part, cAxis);
    if (part && known(size) && size !== part.dim) {
      throw new Error(`${where}: ${what} has dim ${part.dim} in the manifest, output "${node}" is [${shape.join(", ")}]`);
    }
  }
}

export class OnnxBackbone implements BackboneRunner {
  private constructor(
    private readonly onnx: OnnxSession,
    readonly spec: BackboneSpec,
    /** Exports with a fixed batch of 1 run image by image. */
    private readonly singleImage: boolean,
  ) {}

  /** The providers the session was created with, in order of preference. */
  get providers(): readonly string[] {
    return this.onnx.providers;
  }

  /** The model file resolves against `root`, the repository root. */
  static async load(spec: BackboneSpec, root: string): Promise<OnnxBackbone> {
    const file = serverModelFile(spec);
    const onnx = await createOnnxSession(file, root, `backbone ${spec.name}`);
    const layout = spec.layout ?? "nhwc";
    try {
      checkSignature(spec, file, onnx, layout);
    } catch (e) {
      onnx.dispose();
      throw e;
    }
    const input = onnx.inputMetadata.find((m) => m.name === spec.inputNode);
    const singleImage = input?.isTensor === true && input.shape[0] === 1;
    return new OnnxBackbone(onnx, spec, singleImage);
  }

  async run(images: readonly RgbImage[], withMaps: boolean): Promise<BackboneOutput[]> {
    if (this.singleImage && images.length > 1) {
      const out: BackboneOutput[] = [];
      for (const img of images) out.push(...(await this.run([img], withMaps)));
      return out;
    }
    if (images.length === 0) return [];
    const { spec } = this;
    const layout = spec.layout ?? "nhwc";
    const { width, height } = spec.input;
    const n = images.length;
    const per = width * height * 3;
    const batch = new Float32Array(n * per);
    images.forEach((img, i) => batch.set(toModelInput(img, spec.input), i * per));
    const input =
      layout === "nchw" ? { data: nhwcToNchw(batch, n, height, width, 3), dims: [n, 3, height, width] } : { data: batch, dims: [n, height, width, 3] };
    const maps = withMaps ? spec.saliency : [];
    const fetches = [...new Set([...spec.parts.map((p) => p.node), ...maps.map((m) => m.node)])];
    const result = await this.onnx.run({ [spec.inputNode]: input }, fetches);
    const dense = (node: string, where: string): DenseTensor => {
      const t = result[node];
      if (!t) throw new Error(`${where}: output "${node}" is missing`);
      if (t.dims[0] !== n) throw new Error(`${where}: output "${node}" has batch ${t.dims[0]}, expected ${n}`);
      return t;
    };
    const parts = spec.parts.map((p) => {
      const where = `${spec.name}/${p.name}`;
      return poolPart(dense(p.node, where), p, layout, where);
    });
    const summed = maps.map((m) => {
      const where = `${spec.name}/${m.name}`;
      return channelAbsSum(dense(m.node, where), layout, where);
    });
    return images.map((_, b) => ({
      parts: parts.map((p) => p[b]!),
      maps: new Map(maps.map((m, i) => [m.name, summed[i]![b]!] as const)),
    }));
  }

  dispose(): void {
    this.onnx.dispose();
  }
}
