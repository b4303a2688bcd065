// The on-device student's backbone: the teacher's CenterNet/MobileNetV3 part alone, at a lower
// input size, with a head of its own that regresses into the teacher's space.
import { modelKey, type BackboneSpec, type EmbeddingManifest } from "@/lib/embedding/manifest";

export const STUDENT_BACKBONE = "centernet_mobilenet_v3";

export function studentBackbone(teacher: EmbeddingManifest, size: number): BackboneSpec {
  const backbone = teacher.backbones.find((b) => b.name === STUDENT_BACKBONE);
  if (!backbone) throw new Error(`the teacher has no ${STUDENT_BACKBONE} backbone to derive a student from`);
  return { ...backbone, input: { ...backbone.input, width: size, height: size } };
}

/** The student's manifest before its head is fitted (shapes only). */
export function studentManifest(teacher: EmbeddingManifest, id: string, version: number, size: number): EmbeddingManifest {
  const backbone = studentBackbone(teacher, size);
  const width = backbone.parts.reduce((s, p) => s + p.dim, 0);
  return {
    id,
    version,
    dim: teacher.dim,
    minRelevantScore: teacher.minRelevantScore,
    space: modelKey(teacher),
    backbones: [backbone],
    postprocess: {
      sqrt: true,
      mean: { file: "mean.f32.bin", shape: [width] },
      projection: { file: "projection.f32.bin", shape: [teacher.dim, width] },
    },
    queryViews: { saliency: backbone.saliency.map((s) => s.name), margin: teacher.queryViews.margin },
  };
}
