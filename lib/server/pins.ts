// Pins: adding one (validate → embed → store → index, searchable when this returns), reading,
// the feed, deleting. Route handlers call these; SQL and the index stay behind them.
import "server-only";
import type { CreatePinFields, FeedQuery, FeedResponse, Pin } from "@/lib/contracts";
import type { PinRecord } from "@/lib/contracts/records";
import { AppError } from "@/lib/errors";
import { getImageStore, toRgb, validateImage } from "@/lib/image";
import { getPinRepository } from "@/lib/store";
import { getImageEmbedder } from "./embedder";
import { getVectorIndex } from "./vectors";

/** Pixels handed to the embedder: more than any model input needs, far less than a 40 Mpx photo. */
export const EMBEDDING_MAX_SIDE = 512;

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

export async function createPin(bytes: Uint8Array, fields: CreatePinFields): Promise<Pin> {
  if (fields.boardId !== undefined) {
    throw new AppError("invalid_field", "boardId: boards are not available yet.");
  }
  const image = await validateImage(bytes);
  const embedder = await getImageEmbedder();
  const repository = await getPinRepository();
  // An exact duplicate image was embedded before: reuse its vector.
  const vector =
    (await repository.findEmbedding(image.sha256, embedder.model)) ?? (await embedder.embed(await toRgb(image, { maxSide: EMBEDDING_MAX_SIDE })));
  await getImageStore().put(image);
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
    embedding: { model: embedder.model, vector },
  });
  const index = await getVectorIndex();
  index.add(record.seq, vector);
  return toPin(record);
}

export async function getPinRecord(id: string): Promise<PinRecord> {
  const record = await (await getPinRepository()).getPin(id);
  if (!record) throw new AppError("not_found", `No pin with id ${id}.`, 404);
  return record;
}

export async function getPin(id: string): Promise<Pin> {
  return toPin(await getPinRecord(id));
}

export async function listFeed(query: FeedQuery): Promise<FeedResponse> {
  const page = await (await getPinRepository()).listFeed(query);
  return { pins: page.pins.map(toPin), nextCursor: page.nextCursor };
}

export async function deletePin(id: string): Promise<void> {
  const deleted = await (await getPinRepository()).deletePin(id);
  if (!deleted) throw new AppError("not_found", `No pin with id ${id}.`, 404);
  (await getVectorIndex()).remove(deleted.seq);
}
