// Downloads the distilled student as `GET /api/models/student` describes it: each backbone's
// model.json and weight shards, and the fitted mean and projection, counting bytes as they
// arrive for the progress bar. The files are immutable under versioned URLs and kept in Cache
// Storage (kept-files.ts), so a second visit, online or not, reads them from the device.
import * as tf from "@tensorflow/tfjs-core";
import { loadGraphModel, type GraphModel } from "@tensorflow/tfjs-converter";
import type { StudentModelResponse } from "@/lib/contracts";
import { parseManifest, type BackboneSpec, type EmbeddingManifest } from "@/lib/embedding/manifest";
import type { Postprocess } from "@/lib/embedding/postprocess";
import { concatBytes } from "@/lib/bytes";
import { float32FromBytes } from "@/lib/embedding/vectors";
import { immutableFile } from "./kept-files";

export interface StudentFiles {
  manifest: EmbeddingManifest;
  graphs: { spec: BackboneSpec; artifacts: tf.io.ModelArtifacts }[];
  post: Postprocess;
}

export interface DownloadedStudent extends StudentFiles {
  /** Every file the model is made of. */
  urls: string[];
}

/** Bytes received so far, across every file being fetched. */
export type OnBytes = (received: number) => void;

/** The files fetched so far and a counter of their bytes. */
interface Download {
  urls: string[];
  count: (bytes: number) => void;
}

async function fetchBytes(url: string, { urls, count: onChunk }: Download): Promise<Uint8Array> {
  urls.push(url);
  const response = await immutableFile(url);
  if (!response.body) {
    const whole = new Uint8Array(await response.arrayBuffer());
    onChunk(whole.byteLength);
    return whole;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    onChunk(value.byteLength);
  }
  return concatBytes(chunks);
}

async function fetchGraph(spec: BackboneSpec, download: Download): Promise<tf.io.ModelArtifacts> {
  if (spec.format !== "tfjs-graph") throw new Error(`${spec.name}: the browser runs only tfjs-graph backbones, not ${spec.format}`);
  const modelUrl = new URL(spec.model, self.location.href);
  const json = JSON.parse(new TextDecoder().decode(await fetchBytes(modelUrl.href, download))) as tf.io.ModelJSON;
  // Shards resolve relative to model.json and are joined in manifest order, as tfjs's own loader does.
  const paths = json.weightsManifest.flatMap((group) => group.paths);
  const shards = await Promise.all(paths.map((p) => fetchBytes(new URL(p, modelUrl).href, download)));
  const weights = concatBytes(shards).buffer;
  return tf.io.getModelArtifactsForJSON(json, async (manifest) => [manifest.flatMap((group) => group.weights), weights]);
}

async function fetchFloat32(url: string, shape: readonly number[], download: Download): Promise<Float32Array> {
  return float32FromBytes(await fetchBytes(new URL(url, self.location.href).href, download), shape.reduce((a, b) => a * b, 1));
}

export async function downloadStudent(student: StudentModelResponse, onBytes: OnBytes): Promise<DownloadedStudent> {
  const manifest = parseManifest(student.manifest);
  let received = 0;
  const download: Download = {
    urls: [],
    count: (bytes) => {
      received += bytes;
      onBytes(received);
    },
  };
  const { mean, projection, sqrt } = manifest.postprocess;
  const [graphs, meanValues, projectionValues] = await Promise.all([
    Promise.all(manifest.backbones.map(async (spec) => ({ spec, artifacts: await fetchGraph(spec, download) }))),
    fetchFloat32(mean.file, mean.shape, download),
    fetchFloat32(projection.file, projection.shape, download),
  ]);
  return {
    manifest,
    graphs,
    post: { sqrt, mean: meanValues, projection: projectionValues, dim: manifest.dim },
    urls: download.urls,
  };
}

/** Builds a graph model on the backend that is running now (its weights go to that device). */
export function graphModelFrom(artifacts: tf.io.ModelArtifacts): Promise<GraphModel> {
  return loadGraphModel({ load: async () => artifacts });
}
