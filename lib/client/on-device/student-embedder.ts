// The student at run time in the worker: the same Backbone and ManifestEmbedder the server runs
// (lib/embedding/backbone.ts, view-embedder.ts) — same input preparation, part nodes, pooling,
// saliency crops and post-processing — so its vectors match what it was distilled against. It
// adds only a warm-up, so shader compilation and weight upload do not land on the first frame.
import * as tf from "@tensorflow/tfjs-core";
import type { RgbImage } from "@/lib/image/types";
import { Backbone } from "@/lib/embedding/backbone";
import { ManifestEmbedder } from "@/lib/embedding/view-embedder";
import { graphModelFrom, type StudentFiles } from "./student-files";

export class StudentEmbedder extends ManifestEmbedder {
  /** Call with the backend already chosen: the weights are uploaded to it. */
  static async create(files: StudentFiles): Promise<StudentEmbedder> {
    const backbones: Backbone[] = [];
    for (const { spec, artifacts } of files.graphs) backbones.push(new Backbone(tf, await graphModelFrom(artifacts), spec));
    return new StudentEmbedder(files.manifest, backbones, files.post);
  }

  /**
   * Runs each shape a query will use once on a blank picture, so shader compilation and weight
   * upload happen now rather than on the first camera frame. Returns the milliseconds it took.
   */
  async warmUp(): Promise<number> {
    const start = performance.now();
    const size = this.manifest.backbones[0]!.input;
    const blank: RgbImage = { data: new Uint8Array(size.width * size.height * 3).fill(128), width: size.width, height: size.height };
    await this.features([blank], true);
    const crops = this.manifest.queryViews.saliency.length;
    if (crops > 0) await this.features(Array.from({ length: crops }, () => blank));
    return performance.now() - start;
  }
}
