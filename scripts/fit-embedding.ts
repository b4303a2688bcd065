// Fits the server embedder's mean, whitening projection and minRelevantScore on non-emoji
// images (openclipart + Debian wallpaper photos), then rewrites models/<model>/.
//   npm run fit-embedding -- [--model glimpse-concat-pca256] [--clipart 1500] [--photos 400]
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    model: { type: "string", default: "glimpse-concat-pca256" },
    clipart: { type: "string", default: "1500" },
    photos: { type: "string", default: "400" },
    seed: { type: "string", default: "20240611" },
    cache: { type: "string", default: "/tmp/glimpse-embedding-cache" },
  },
});
const { fitModel } = await import("@/training/eval/fit");
const root = process.cwd();
const fitted = await fitModel(path.join(root, "models", values.model), root, {
  clipart: Number(values.clipart),
  photos: Number(values.photos),
  seed: Number(values.seed),
  cacheDir: values.cache,
});
console.log(JSON.stringify(fitted, null, 2));
