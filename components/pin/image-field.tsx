"use client";
// The add-pin form's image slot: click to choose, or paste/drop anywhere on the page
// while the form is open; shows the chosen picture.
import { useEffect, useId, useState } from "react";
import { firstImageFile, formatBytes } from "@/lib/client/image-files";
import { useClaimImageIntake } from "@/lib/client/image-intake";
import { ImageIcon } from "@/components/ui/icons";

export function ImageField({ onChange, error }: { onChange: (file: File) => void; error?: string }) {
  const id = useId();
  // `unreadable`: this browser cannot show the file (not an image, damaged, or HEIC here).
  const [preview, setPreview] = useState<{ file: File; url: string; unreadable?: boolean } | null>(null);
  const file = preview?.file ?? null;
  const previewUrl = preview?.url ?? null;

  function choose(chosen: File) {
    setPreview({ file: chosen, url: URL.createObjectURL(chosen) });
    onChange(chosen);
  }
  useClaimImageIntake("Drop to use this image", choose);

  // Each preview URL is released once the next one replaces it, or the form goes away.
  useEffect(() => {
    const url = preview?.url;
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [preview]);

  return (
    <div>
      <label
        htmlFor={id}
        className={`group relative flex min-h-72 cursor-pointer flex-col items-center justify-center overflow-hidden rounded-3xl border-2 border-dashed text-center transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-blue-600 ${
          error ? "border-red-400 bg-red-50" : "border-neutral-300 bg-neutral-100 hover:bg-neutral-200/60"
        }`}
      >
        {previewUrl ? (
          <>
            {preview?.unreadable ? (
              <span data-testid="add-pin-no-preview" className="flex flex-col items-center gap-2 p-8 text-neutral-700">
                <ImageIcon width={40} height={40} />
                <span className="font-semibold">No preview for this file</span>
                <span className="max-w-xs text-sm text-neutral-500">
                  This browser cannot show it. If it is a picture (an iPhone HEIC photo, say), saving will still work; if not, you will be told.
                </span>
              </span>
            ) : (
              // eslint-disable-next-line @next/next/no-img-element -- a local object URL; nothing to optimize
              <img
                src={previewUrl}
                alt="Pin image preview"
                data-testid="add-pin-preview"
                className="max-h-[70vh] w-full object-contain"
                onError={() => setPreview((p) => (p && p.url === previewUrl ? { ...p, unreadable: true } : p))}
              />
            )}
            <span className="absolute right-3 bottom-3 rounded-full bg-white/95 px-3 py-1.5 text-xs font-semibold text-neutral-900 shadow">
              Change image
            </span>
          </>
        ) : (
          <span className="flex flex-col items-center gap-3 p-8 text-neutral-700">
            <ImageIcon width={40} height={40} />
            <span className="font-semibold">Choose an image</span>
            <span className="text-sm text-neutral-600">or paste or drop it anywhere on this page</span>
          </span>
        )}
        <input
          id={id}
          type="file"
          accept="image/*"
          className="sr-only"
          data-testid="add-pin-image-input"
          aria-invalid={!!error}
          onChange={(event) => {
            const chosen = firstImageFile(event.currentTarget.files) ?? event.currentTarget.files?.[0];
            event.currentTarget.value = "";
            if (chosen) choose(chosen);
          }}
        />
      </label>
      {file && (
        <p className="mt-2 truncate text-xs text-neutral-500">
          {file.name || "Pasted image"} · {formatBytes(file.size)}
        </p>
      )}
      {error && <p className="mt-2 text-sm text-red-700">{error}</p>}
    </div>
  );
}
