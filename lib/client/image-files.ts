// Recognising image files among whatever the clipboard, a drop or a file picker hands over.

const imageExtension = /\.(jpe?g|png|webp|gif|avif|heic|heif|bmp|tiff?)$/i;

/** Browsers leave `type` empty for formats they don't know (often HEIC), so the name decides then. */
export function isImageFile(file: { type: string; name: string }): boolean {
  if (file.type) return file.type.startsWith("image/");
  return imageExtension.test(file.name);
}

export function firstImageFile(files: Iterable<File> | ArrayLike<File> | null | undefined): File | null {
  if (!files) return null;
  for (const file of Array.from(files)) if (isImageFile(file)) return file;
  return null;
}

/** Clipboard data exposes pasted screenshots as items rather than files in some browsers. */
export function imageFromDataTransfer(data: DataTransfer | null): File | null {
  if (!data) return null;
  const fromFiles = firstImageFile(data.files);
  if (fromFiles) return fromFiles;
  for (const item of Array.from(data.items ?? [])) {
    if (item.kind !== "file") continue;
    const file = item.getAsFile();
    if (file && isImageFile(file)) return file;
  }
  return null;
}

export function carriesFiles(data: DataTransfer | null): boolean {
  return !!data && Array.from(data.types).includes("Files");
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
