"use client";
// "Use a photo": the phone's camera app or a file, for when the live camera is missing, refused,
// or simply not wanted.
import { useId } from "react";
import { firstImageFile } from "@/lib/client/image-files";
import { buttonClass, type ButtonTone } from "@/components/ui/button";
import { ImageIcon } from "@/components/ui/icons";

export function LensFilePicker({
  onFile,
  label,
  tone = "outline",
  className = "",
}: {
  onFile: (file: File) => void;
  label: string;
  tone?: ButtonTone;
  className?: string;
}) {
  const id = useId();
  return (
    <label htmlFor={id} className={buttonClass(tone, `cursor-pointer has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-blue-600 ${className}`)}>
      <ImageIcon />
      {label}
      <input
        id={id}
        type="file"
        accept="image/*"
        capture="environment"
        className="sr-only"
        data-testid="lens-file-input"
        onChange={(event) => {
          const file = firstImageFile(event.currentTarget.files) ?? event.currentTarget.files?.[0];
          event.currentTarget.value = "";
          if (file) onFile(file);
        }}
      />
    </label>
  );
}
