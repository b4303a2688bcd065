// Pins: adding one (validate → embed → store → index, searchable when this returns), reading,
// the feed, deleting. Route handlers call these; SQL and the index stay behind them. While a
// model switch re-embeds the catalog, a new pin is embedded and indexed with both models.
import "server-only";
import type { CreatePinFields, FeedQuery, FeedResponse, Pin } from "@/lib/contracts";
import type { PinRecord } from "@/lib/contracts/records";
import { AppError } from "@/lib/errors";
import { validateImage, type RgbImage } from "@/lib/image";
import { catalogPixels } from "./catalog-pixels";
import { serverContext, type ServerContext } from "./context";
import { withWriteModels } from "./image-models";
import { afterPinStored } from "./jobs";
import { StageTimings } from "./stage-timings";

/** The API's view of a stored pin. */
export function toPin(record: PinRecord): Pin {
  const image = `/api/images/${record.imageSha256}`;
  return {
    id: record.id,
    title: record.title,
    description: record.description,
    link: record.link,
    price: record.price,
    category: record.category,
    kind: record.kind,
    imageUrl: `${image}/display`,
    thumbUrl: `${image}/thumb`,
    width: record.width,
    height: record.height,
    dominantColor: record.dominantColor,
    createdAt: record.createdAt.toISOString(),
  };
}

/** Adds a pin; `timings` gets the time of each stage (wait, decode, embed, store, index). */
export async function createPin(bytes: Uint8Array, fields: CreatePinFields, timings = new StageTimings()): Promise<Pin> {
  const context = await serverContext();
  const queued = performance.now();
  const pin = await context.limits.imageWork.run(() => {
    timings.add("wait", performance.now() - queued);
    return storeNewPin(context, bytes, fields, timings);
  });
  afterPinStored(pin);
  return pin;
}

async function storeNewPin(
  { pins: repository, images }: ServerContext,
  bytes: Uint8Array,
  fields: CreatePinFields,
  timings: StageTimings,
): Promise<Pin> {
  const image = await timings.time("decode", () => validateImage(bytes));
  return withWriteModels(async (models) => {
    let pixels: RgbImage | undefined;
    const embeddings: { model: string; vector: Float32Array }[] = [];
    for (const { embedder } of models) {
      // An exact duplicate image was embedded before: reuse its vector.
      const vector = await timings.time(
        "embed",
        async () =>
          (await repository.findEmbedding(image.sha256, embedder.model)) ?? (await embedder.embed((pixels ??= await catalogPixels(image)))),
      );
      embeddings.push({ model: embedder.model, vector });
    }
    const storing = performance.now();
    await images.put(image);
    const record = await repository.createPin({
      title: fields.title ?? "",
      description: fields.description ?? "",
      link: fields.link ?? null,
      price: fields.price ?? null,
      category: fields.category ?? null,
      kind: fields.kind,
      image: {
        sha256: image.sha256,
        format: image.format,
        width: image.width,
        height: image.height,
        bytes: image.bytes,
        dominantColor: image.dominantColor,
      },
      embedding: embeddings[0]!,
      moreEmbeddings: embeddings.slice(1),
    });
    timings.add("store", performance.now() - storing);
    const indexing = performance.now();
    await Promise.all(models.map(({ vectors }, i) => vectors.add(record.seq, embeddings[i]!.vector, record)));
    timings.add("index", performance.now() - indexing);
    return toPin(record);
  });
}

export async function getPinRecord(id: string): Promise<PinRecord> {
  const record = await (await serverContext()).pins.getPin(id);
  if (!record) throw new AppError("not_found", `No pin with id ${id}.`, 404);
  return record;
}

export async function getPin(id: string): Promise<Pin> {
  return toPin(await getPinRecord(id));
}

export async function listFeed(query: FeedQuery): Promise<FeedResponse> {
  const { pins, limits } = await serverContext();
  const page = await limits.reads.run(() => pins.listFeed(query));
  return { pins: page.pins.map(toPin), nextCursor: page.nextCursor };
}

export async function deletePin(id: string): Promise<void> {
  const context = await serverContext();
  const models = await context.models();
  const deleted = await context.pins.deletePin(id);
  if (!deleted) throw new AppError("not_found", `No pin with id ${id}.`, 404);
  // Only after the row is gone: a re-embed that still saw the pin has added it by now.
  await models.withWriteModels(async (written) => {
    await Promise.all(written.map(({ vectors }) => vectors.remove(deleted.seq)));
  });
}
