"use client";
// A button that opens the file picker and starts an image search with the chosen file.
import { useId } from "react";
import { firstImageFile } from "@/lib/client/image-files";
import { buttonClass, type ButtonTone } from "@/components/ui/button";
import { CameraIcon } from "@/components/ui/icons";
import { useStartImageSearch } from "./use-start-image-search";

export function ImagePickerButton({
  label,
  tone = "secondary",
  className = "",
  testId = "image-search-picker-input",
}: {
  label: string;
  tone?: ButtonTone;
  className?: string;
  testId?: string;
}) {
  const startImageSearch = useStartImageSearch();
  const id = useId();
  return (
    <label htmlFor={id} className={buttonClass(tone, `cursor-pointer has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-blue-600 ${className}`)}>
      <CameraIcon />
      {label}
      <input
        id={id}
        type="file"
        accept="image/*"
        className="sr-only"
        data-testid={testId}
        onChange={(event) => {
          const file = firstImageFile(event.currentTarget.files) ?? event.currentTarget.files?.[0];
          event.currentTarget.value = "";
          if (file) startImageSearch(file);
        }}
      />
    </label>
  );
}
