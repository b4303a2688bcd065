import "server-only";
// The scene detector for Shop the Look: CenterNet (MobileNetV3, COCO) at its native 512×512
// input on the shared TensorFlow.js WASM runtime, plus the class-agnostic foreground fallback,
// merged into proposals by a loose NMS under size limits and a cap. Every tensor is disposed
// before detect returns.
import type * as tfc from "@tensorflow/tfjs-core";
import type { GraphModel } from "@tensorflow/tfjs-converter";
import { loadBackbone } from "@/lib/embedding/graph-loader";
import type { BackboneSpec } from "@/lib/embedding/manifest";
import { resizeToFloat } from "@/lib/embedding/resample";
import { tfjsWasm } from "@/lib/embedding/tfjs-runtime";
import type { RgbImage } from "@/lib/image/types";
import { withinSize } from "./boxes";
import { decodeCenternet } from "./centernet-decode";
import { DEFAULT_DETECTOR_CONFIG, type DetectorConfig } from "./config";
import { foregroundProposals } from "./foreground";
import { suppress } from "./nms";
import type { Detection, Detector } from "./types";

export class SceneDetector implements Detector {
  private constructor(
    private readonly tf: typeof tfc,
    private readonly model: GraphModel,
    readonly config: DetectorConfig,
  ) {}

  /** `root` is the repository root, against which `config.model` resolves. */
  static async load(root: string, config: DetectorConfig = DEFAULT_DETECTOR_CONFIG): Promise<SceneDetector> {
    const tf = await tfjsWasm();
    // The graph loader only reads where the files are and which node is the input.
    const spec: BackboneSpec = {
      name: "centernet-detector",
      format: "tfjs-graph",
      model: config.model,
      licence: config.licence,
      inputNode: config.inputNode,
      dynamicInput: false,
      input: { width: config.inputSize, height: config.inputSize, mean: [0, 0, 0], std: [1, 1, 1] },
      parts: [],
      saliency: [],
    };
    return new SceneDetector(tf, await loadBackbone(tf, spec, root), config);
  }

  /** The raw [N, 6] detections for the image stretched to the model's square input. */
  async rawDetections(image: RgbImage): Promise<Float32Array> {
    const { tf, config } = this;
    const size = config.inputSize;
    // The model takes raw 0–255 pixels.
    const pixels = resizeToFloat(image, size, size);
    const output = tf.tidy(() => {
      const result = this.model.execute(tf.tensor4d(pixels, [1, size, size, 3]), config.outputNode);
      return Array.isArray(result) ? result[0]! : result;
    });
    try {
      return (await output.data()) as Float32Array;
    } finally {
      output.dispose();
    }
  }

  async detect(image: RgbImage): Promise<Detection[]> {
    const { config } = this;
    const found = decodeCenternet(await this.rawDetections(image), { inputSize: config.inputSize, minScore: config.minScore });
    const fallback: Detection[] = config.fallback
      ? foregroundProposals(image, config.foreground).map((p) => ({ box: p.box, label: "object", score: p.score * config.fallbackScale, source: "saliency" }))
      : [];
    const candidates = [...found, ...fallback].filter((d) => withinSize(d.box, config.size));
    return suppress(candidates, config.proposals);
  }

  dispose(): void {
    this.model.dispose();
  }
}
