import "server-only";
// The scene detector for Shop the Look: CenterNet (MobileNetV3, COCO) at its native 512×512
// input, converted to ONNX and run by ONNX Runtime, plus the class-agnostic foreground fallback,
// merged into proposals by a loose NMS under size limits and a cap.
import { createOnnxSession, type OnnxSession } from "@/lib/embedding/onnx-session";
import { resizeToFloat } from "@/lib/embedding/resample";
import type { RgbImage } from "@/lib/image/types";
import { withinSize } from "./boxes";
import { decodeCenternet } from "./centernet-decode";
import { DEFAULT_DETECTOR_CONFIG, type DetectorConfig } from "./config";
import { foregroundProposals } from "./foreground";
import { suppress } from "./nms";
import type { Detection, Detector } from "./types";

export class SceneDetector implements Detector {
  private constructor(
    private readonly onnx: OnnxSession,
    readonly config: DetectorConfig,
  ) {}

  /** `root` is the repository root, against which `config.model` resolves. */
  static async load(root: string, config: DetectorConfig = DEFAULT_DETECTOR_CONFIG): Promise<SceneDetector> {
    const onnx = await createOnnxSession(config.model, root, "scene detector");
    if (!onnx.inputNames.includes(config.inputNode) || !onnx.outputNames.includes(config.outputNode)) {
      onnx.dispose();
      throw new Error(`scene detector ${config.model}: expected input ${config.inputNode} and output ${config.outputNode}, found ${onnx.inputNames.join(", ")} → ${onnx.outputNames.join(", ")}`);
    }
    return new SceneDetector(onnx, config);
  }

  /** The raw [N, 6] detections for the image stretched to the model's square input. */
  async rawDetections(image: RgbImage): Promise<Float32Array> {
    const { config } = this;
    const size = config.inputSize;
    // The model takes raw 0–255 pixels.
    const pixels = resizeToFloat(image, size, size);
    const result = await this.onnx.run({ [config.inputNode]: { data: pixels, dims: [1, size, size, 3] } }, [config.outputNode]);
    const out = result[config.outputNode];
    if (!out) throw new Error(`scene detector: output ${config.outputNode} is missing`);
    return out.data;
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
    this.onnx.dispose();
  }
}
