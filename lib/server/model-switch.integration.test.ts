// Switching the active image model: the catalog is re-embedded in the background while search
// keeps answering with the previous model, then serving moves over. Real embedders (two copies
// of the shipped model, the second with one projection row negated, so its vectors differ in
// exactly one sign), a real store (PGlite in a temporary DATA_DIR) and a real index; the
// pictures are drawn by the test (lib/testing/pictures.ts).
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { picture } from "@/lib/testing/pictures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import type { EmbeddingManifest } from "@/lib/embedding/manifest";
import { publishModel } from "@/training/publish-model";

const shipped = path.join(process.cwd(), "models", "glimpse-concat-pca256");
const modelsRoot = mkdtempSync(path.join(tmpdir(), "glimpse-models-"));
const BASE = "glimpse-concat-pca256@1";
const NEXT = "glimpse-next@1";
const STUDENT = "glimpse-student@1";

function copyModel(dir: string, edit: (manifest: Record<string, unknown>) => void, projection?: (values: Float32Array) => void) {
  const target = path.join(modelsRoot, dir);
  mkdirSync(target);
  const manifest = JSON.parse(readFileSync(path.join(shipped, "manifest.json"), "utf8")) as Record<string, unknown>;
  edit(manifest);
  writeFileSync(path.join(target, "manifest.json"), JSON.stringify(manifest));
  copyFileSync(path.join(shipped, "mean.f32.bin"), path.join(target, "mean.f32.bin"));
  const bytes = readFileSync(path.join(shipped, "projection.f32.bin"));
  const values = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  projection?.(values);
  writeFileSync(path.join(target, "projection.f32.bin"), new Uint8Array(values.buffer));
}

const FEATURES = 3520;
copyModel("base", () => {});
copyModel(
  "next",
  (m) => (m.id = "glimpse-next"),
  (values) => {
    for (let i = 0; i < FEATURES; i++) values[i] = -values[i]!;
  },
);
// A browser student distilled into the next model's space: only its manifest is ever read.
copyModel("student", (m) => {
  m.id = "glimpse-student";
  m.space = NEXT;
});
// A folder without a manifest is not a model and must not get in the way.
mkdirSync(path.join(modelsRoot, "notes"));

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "glimpse-switch-"));
process.env.DATABASE_URL = "";
process.env.GLIMPSE_MODELS_DIR = modelsRoot;
process.env.GLIMPSE_IMAGE_MODEL = "base";
// The test asks for the check for a new version itself, when it wants it.
process.env.GLIMPSE_MODEL_CHECK_MS = "0";

const { createPin, deletePin } = await import("./pins");
const { searchByEmbedding, searchByImage } = await import("./search");
const { health } = await import("./health");
const { closeServerContext, serverContext } = await import("./context");
const { loadedImageModels } = await import("./embedder");

const fields = (title: string) => ({ title, description: "", category: undefined, kind: "pin" as const, boardId: undefined });
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const search = async (image: Buffer) => searchByImage(new Uint8Array(image), { k: 3 });
const models = async () => (await health()).models;

async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function vectorOf(image: Buffer, model: string): Promise<Float32Array | null> {
  return (await serverContext()).pins.findEmbedding(sha256(image), model);
}

async function embeddingSearch(vector: Float32Array, model: string) {
  try {
    return await searchByEmbedding({ embedding: Array.from(vector), model, k: 3 });
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

const pins: { id: string; image: Buffer }[] = [];

beforeAll(async () => {
  for (const seed of [1, 2, 3]) {
    const image = await picture(seed);
    const pin = await createPin(new Uint8Array(image), fields(`Picture ${seed}`));
    pins.push({ id: pin.id, image });
  }
}, 300_000);

afterAll(async () => {
  await closeServerContext();
});

describe("switching the image model", () => {
  it("serves the first model directly when it covers the catalog", async () => {
    expect(await models()).toMatchObject({ image: BASE, active: BASE, reembed: null });
    const found = await search(pins[1]!.image);
    expect(found.model).toBe(BASE);
    expect(found.results[0]!.id).toBe(pins[1]!.id);
  });

  it("re-embeds in the background while the previous model serves, resumes after a restart, then switches", async () => {
    const [first, second, third] = pins as [(typeof pins)[0], (typeof pins)[0], (typeof pins)[0]];
    await closeServerContext();
    process.env.GLIMPSE_IMAGE_MODEL = "next";
    // A long rest between images holds the run open while the checks below happen.
    process.env.GLIMPSE_REEMBED_PAUSE_MS = "10000";

    const started = await models();
    expect(started).toMatchObject({ image: BASE, active: NEXT, reembed: { from: BASE, to: NEXT, total: 3, failed: 0 } });
    expect(Number.isNaN(Date.parse(started.reembed!.startedAt))).toBe(false);

    const during = await search(second.image);
    expect(during.model).toBe(BASE);
    expect(during.results[0]!.id).toBe(second.id);

    // Vectors of the serving model, or of a model in its space, are searched; the student lives
    // in the next model's space, which does not serve yet.
    const baseVector = (await vectorOf(second.image, BASE))!;
    expect(await embeddingSearch(baseVector, STUDENT)).toBe("model_mismatch");
    expect(((await embeddingSearch(baseVector, BASE)) as { results: { id: string }[] }).results[0]!.id).toBe(second.id);

    // A pin added now gets vectors of both models and is found at once.
    const addedImage = await picture(7);
    const added = await createPin(new Uint8Array(addedImage), fields("Added during"));
    expect(await vectorOf(addedImage, BASE)).not.toBeNull();
    expect(await vectorOf(addedImage, NEXT)).not.toBeNull();
    expect((await search(addedImage)).results[0]!.id).toBe(added.id);

    await waitFor(async () => ((await models()).reembed?.done ?? 0) >= 1);
    const progress = (await models()).reembed!;
    expect(progress.done).toBeLessThan(3);
    expect((await models()).image).toBe(BASE);
    // The oldest pin went first; deleting it now takes it out of both indexes.
    expect(await vectorOf(first.image, NEXT)).not.toBeNull();
    await deletePin(first.id);
    expect((await search(first.image)).results.map((r) => r.id)).not.toContain(first.id);
    expect(loadedImageModels()).toHaveLength(2);

    // A restart picks up only what is still missing.
    await closeServerContext();
    process.env.GLIMPSE_REEMBED_PAUSE_MS = "0";
    const resumed = (await models()).reembed!;
    expect(resumed).toMatchObject({ from: BASE, to: NEXT });
    expect(resumed.total).toBeGreaterThan(0);
    expect(resumed.total).toBeLessThanOrEqual(2);

    await waitFor(async () => (await models()).reembed === null);
    expect(await models()).toMatchObject({ image: NEXT, active: NEXT, reembed: null });
    expect((await health()).index.size).toBe(3);
    // The old model leaves memory once the switch is done.
    await waitFor(() => loadedImageModels().length === 1);
    expect(loadedImageModels()).toEqual([NEXT]);

    const repository = (await serverContext()).pins;
    expect(await repository.countPinsWithoutEmbedding(NEXT)).toBe(0);
    // The next model's vectors are the base model's with the first component negated.
    for (const image of [second.image, third.image, addedImage]) {
      const base = (await vectorOf(image, BASE))!;
      const next = (await vectorOf(image, NEXT))!;
      expect(next[0]).toBeCloseTo(-base[0]!, 4);
      for (let i = 1; i < base.length; i++) expect(next[i]).toBeCloseTo(base[i]!, 4);
    }

    for (const { id, image } of [second, third, { id: added.id, image: addedImage }]) {
      const after = await search(image);
      expect(after.model).toBe(NEXT);
      expect(after.results[0]!.id).toBe(id);
    }
    expect((await search(first.image)).results.map((r) => r.id)).not.toContain(first.id);

    // Now the student's vectors are answered, and the old model's are not.
    const nextVector = (await vectorOf(third.image, NEXT))!;
    expect(((await embeddingSearch(nextVector, STUDENT)) as { results: { id: string }[] }).results[0]!.id).toBe(third.id);
    expect(await embeddingSearch(nextVector, BASE)).toBe("model_mismatch");
  });

  it("serves the active model at once when the previous model's folder is gone", async () => {
    const image = await picture(11);
    const added = await createPin(new Uint8Array(image), fields("Only next"));
    expect(await vectorOf(image, BASE)).toBeNull();

    // Back to the base model, with the next model's folder deleted: nothing else can serve, so
    // the base model does at once and embeds the pin it lacks in the background.
    await closeServerContext();
    renameSync(path.join(modelsRoot, "next"), `${modelsRoot}-next-removed`);
    process.env.GLIMPSE_IMAGE_MODEL = "base";
    expect(await models()).toMatchObject({ image: BASE, active: BASE, reembed: { from: null, to: BASE, total: 1 } });
    await waitFor(async () => (await models()).reembed === null);
    expect(await vectorOf(image, BASE)).not.toBeNull();
    const found = await search(image);
    expect(found.model).toBe(BASE);
    expect(found.results[0]!.id).toBe(added.id);
  });

  it("moves to a new version published to the active folder while it runs, the replaced one serving meanwhile", async () => {
    const V2 = "glimpse-concat-pca256@2";
    const image = await picture(13);
    const added = await createPin(new Uint8Array(image), fields("Before the new version"));
    expect(await models()).toMatchObject({ image: BASE, active: BASE, reembed: null });
    const running = await (await serverContext()).models();
    expect(await running.checkForNewVersion()).toBeNull();

    // What npm run train does with a version that beats the current one.
    const folder = path.join(modelsRoot, "base");
    const manifest = JSON.parse(readFileSync(path.join(folder, "manifest.json"), "utf8")) as EmbeddingManifest;
    const read = (file: string) => {
      const bytes = readFileSync(path.join(folder, file));
      return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    };
    const projection = read("projection.f32.bin");
    for (let i = 0; i < FEATURES; i++) projection[i] = -projection[i]!;
    process.env.GLIMPSE_REEMBED_PAUSE_MS = "2000";
    await publishModel(folder, { ...manifest, version: 2 }, { mean: read("mean.f32.bin"), projection });
    expect(JSON.parse(readFileSync(path.join(modelsRoot, "base@1", "manifest.json"), "utf8"))).toMatchObject({ version: 1 });
    expect(readdirSync(modelsRoot).filter((name) => name.startsWith("."))).toEqual([]);

    expect(await running.checkForNewVersion()).toBe(V2);
    expect(await models()).toMatchObject({ image: BASE, active: V2, reembed: { from: BASE, to: V2 } });
    const during = await search(image);
    expect(during.model).toBe(BASE);
    expect(during.results[0]!.id).toBe(added.id);

    await waitFor(async () => (await models()).reembed === null);
    expect(await models()).toMatchObject({ image: V2, active: V2, reembed: null });
    // The new version's own weights made its vectors, not the replaced version's still in memory.
    const [old, now] = [(await vectorOf(image, BASE))!, (await vectorOf(image, V2))!];
    expect(now[0]).toBeCloseTo(-old[0]!, 4);
    expect(now[1]).toBeCloseTo(old[1]!, 4);
    const after = await search(image);
    expect(after.model).toBe(V2);
    expect(after.results[0]!.id).toBe(added.id);
    expect(await running.checkForNewVersion()).toBeNull();
    await waitFor(() => loadedImageModels().length === 1);
    expect(loadedImageModels()).toEqual([V2]);

    // A restart serves the new version directly; the replaced one stays beside it.
    process.env.GLIMPSE_REEMBED_PAUSE_MS = "0";
    await closeServerContext();
    expect(await models()).toMatchObject({ image: V2, active: V2, reembed: null });
    expect(existsSync(path.join(modelsRoot, "base@1"))).toBe(true);
  });
});
