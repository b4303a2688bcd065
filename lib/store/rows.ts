// The one SELECT list for pins and how its rows become `PinRecord`s. Numbers that drivers
// disagree on (int8, numeric) are cast in SQL so both drivers hand back the same shapes.
import { PinRecord } from "@/lib/contracts/records";

export const pinColumns = /* sql */ `
  p.seq::text as seq, p.id, p.title, p.description, p.link, p.price::float8 as price,
  p.category, p.kind, p.image_sha256, i.format as image_format, i.width, i.height,
  i.dominant_color, p.ocr_text, p.created_at`;

export const pinsWithImages = /* sql */ `pins p join images i on i.sha256 = p.image_sha256`;

export interface PinRow {
  seq: string;
  id: string;
  title: string;
  description: string;
  link: string | null;
  price: number | null;
  category: string | null;
  kind: string;
  image_sha256: string;
  image_format: string;
  width: number;
  height: number;
  dominant_color: string;
  ocr_text: string;
  created_at: Date | string;
}

/** A timestamp as either driver hands it back: a Date, or text. */
export const asDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));

export function toPinRecord(row: PinRow): PinRecord {
  return PinRecord.parse({
    seq: BigInt(row.seq),
    id: row.id,
    title: row.title,
    description: row.description,
    link: row.link,
    price: row.price,
    category: row.category,
    kind: row.kind,
    imageSha256: row.image_sha256,
    imageFormat: row.image_format,
    width: row.width,
    height: row.height,
    dominantColor: row.dominant_color,
    ocrText: row.ocr_text,
    createdAt: asDate(row.created_at),
  });
}
