// Content-addressed storage of uploaded images and their renditions on the local disk:
// `<root>/<aa>/<bb>/<sha256>` holds the original, `<sha256>.<variant>.v<N>.<encoding>` beside it
// the resized copies, and `<sha256>.original.public` the original without private metadata when
// it had any. Names never change meaning, so everything stored can be cached forever.
import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { CONTENT_TYPES, sniffImageFormat } from "./format";
import {
  EAGER_RENDITIONS,
  RENDITION_CONTENT_TYPES,
  publishableOriginal,
  RENDITIONS_VERSION,
  renderRenditions,
  type ImageVariant,
  type Rendition,
  type RenditionEncoding,
} from "./renditions";
import type { ValidatedImage } from "./validate";

const SHA256 = /^[0-9a-f]{64}$/;

/** Whether `value` is a lowercase hex SHA-256, the only form of image id (and so no path can escape the store). */
export function isSha256(value: string): boolean {
  return SHA256.test(value);
}

export interface StoredImageFile {
  readonly bytes: Uint8Array;
  readonly contentType: string;
  /** Strong validator, quoted: the bytes behind a name never change. */
  readonly etag: string;
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "ENOENT";
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

async function readIfPresent(file: string): Promise<Uint8Array | null> {
  try {
    return await readFile(file);
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

// Readers see either no file or the whole file: bytes go to a private temporary name, reach
// the disk, and only then take the real name. A failure leaves nothing behind.
async function writeAtomically(file: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    const handle = await open(temporary, "wx");
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

export class ImageStore {
  // Renditions made on first request, by file, so concurrent requests share one encode.
  private readonly rendering = new Map<string, Promise<Uint8Array>>();

  constructor(readonly root: string) {}

  private directory(sha256: string): string {
    if (!isSha256(sha256)) throw new RangeError(`not a SHA-256: ${JSON.stringify(sha256)}`);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4));
  }

  private originalFile(sha256: string): string {
    return path.join(this.directory(sha256), sha256);
  }

  private renditionFile(sha256: string, rendition: Rendition): string {
    return path.join(this.directory(sha256), `${sha256}.${rendition.variant}.v${RENDITIONS_VERSION}.${rendition.encoding}`);
  }

  /** Whether the image is stored (its original is present). */
  has(sha256: string): Promise<boolean> {
    return isFile(this.originalFile(sha256));
  }

  /**
   * Stores the original and its eager renditions. Storing an image already present is a no-op.
   * The original is written last: its presence means the whole image is stored, so an
   * interrupted put is simply done again by the next one.
   */
  async put(image: ValidatedImage): Promise<{ created: boolean }> {
    if (await this.has(image.sha256)) return { created: false };
    await mkdir(this.directory(image.sha256), { recursive: true });
    const missing: Rendition[] = [];
    for (const rendition of EAGER_RENDITIONS) {
      if (!(await isFile(this.renditionFile(image.sha256, rendition)))) missing.push(rendition);
    }
    const rendered = await renderRenditions(image.original, missing);
    for (const [rendition, bytes] of rendered) {
      await writeAtomically(this.renditionFile(image.sha256, rendition), bytes);
    }
    await writeAtomically(this.originalFile(image.sha256), image.original);
    return { created: true };
  }

  /** The bytes as uploaded, for the server's own use (embedding, detection); never served. */
  async original(sha256: string): Promise<Uint8Array | null> {
    return isSha256(sha256) ? readIfPresent(this.originalFile(sha256)) : null;
  }

  /**
   * A file to serve, or null when the image is not stored. Renditions not made at upload are
   * made now and kept; "original" is the upload without its private metadata.
   */
  async read(sha256: string, variant: ImageVariant, encoding: RenditionEncoding): Promise<StoredImageFile | null> {
    if (!isSha256(sha256)) return null;
    if (variant === "original") return this.readPublicOriginal(sha256);
    const rendition: Rendition = { variant, encoding };
    const file = this.renditionFile(sha256, rendition);
    const bytes = (await readIfPresent(file)) ?? (await this.renderOnDemand(sha256, rendition, file));
    if (bytes === null) return null;
    return {
      bytes,
      contentType: RENDITION_CONTENT_TYPES[encoding],
      etag: `"${sha256}.${variant}.v${RENDITIONS_VERSION}.${encoding}"`,
    };
  }

  /**
   * The upload without private metadata, made once and kept when it has any (two first requests
   * at once may both make it; each write is atomic and the results are the same).
   */
  private async readPublicOriginal(sha256: string): Promise<StoredImageFile | null> {
    const file = path.join(this.directory(sha256), `${sha256}.original.public`);
    let bytes = await readIfPresent(file);
    let etag = `"${sha256}.original.public"`;
    if (bytes === null) {
      const original = await readIfPresent(this.originalFile(sha256));
      if (original === null) return null;
      bytes = await publishableOriginal(original);
      if (bytes) {
        await writeAtomically(file, bytes);
      } else {
        bytes = original;
        etag = `"${sha256}"`;
      }
    }
    const format = sniffImageFormat(bytes);
    return { bytes, contentType: format ? CONTENT_TYPES[format] : "application/octet-stream", etag };
  }

  private async renderOnDemand(sha256: string, rendition: Rendition, file: string): Promise<Uint8Array | null> {
    const original = await readIfPresent(this.originalFile(sha256));
    if (original === null) return null;
    let pending = this.rendering.get(file);
    if (!pending) {
      pending = (async () => {
        const bytes = (await renderRenditions(original, [rendition])).get(rendition);
        if (!bytes) throw new Error(`rendition ${rendition.variant}.${rendition.encoding} was not rendered`);
        await writeAtomically(file, bytes);
        return bytes;
      })().finally(() => this.rendering.delete(file));
      this.rendering.set(file, pending);
    }
    return pending;
  }
}
