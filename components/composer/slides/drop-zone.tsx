"use client";
// Where images come in: drag and drop (react-dropzone), the "Choose files" button and pasting
// images anywhere on the page. Every file is handed on in the order chosen; the panel checks the
// limits, so react-dropzone is given no `accept` rule of its own (it would split the order into
// accepted and rejected lists). The chooser still offers only JPG and PNG.
import { useEffect, useEffectEvent, useRef } from "react";
import { useDropzone } from "react-dropzone";
import { Button } from "@/components/ui/button";
import { MAX_IMAGES } from "@/lib/domain/posts";
import { UPLOAD_ACCEPT } from "@/lib/domain/upload-queue";

type Props = {
  onFiles: (files: File[]) => void;
  disabled?: boolean;
  /** Smaller once there are slides; the empty composer shows a large target. */
  compact: boolean;
};

/** A paste into a field is text for that field, never images for the slideshow. */
function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest("input, textarea, select, [contenteditable='true']") !== null;
}

/** Clipboard images are all called "image.png"; number them so their rows can be told apart. */
function named(file: File, n: number): File {
  if (file.name && file.name !== "image.png" && file.name !== "image.jpeg" && file.name !== "image.jpg") return file;
  const ext = file.type === "image/png" ? "png" : file.type === "image/jpeg" ? "jpg" : (file.name.split(".").pop() ?? "img");
  return new File([file], `Pasted image ${n}.${ext}`, { type: file.type, lastModified: file.lastModified });
}

export function DropZone({ onFiles, disabled = false, compact }: Props) {
  const pasted = useRef(0);
  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    onDrop: (files: File[]) => {
      if (files.length > 0) onFiles(files);
    },
    disabled,
    multiple: true,
    noClick: true,
    noKeyboard: true,
    useFsAccessApi: false,
  });

  const onPaste = useEffectEvent((event: ClipboardEvent) => {
    if (disabled || isEditable(event.target)) return;
    const files = Array.from(event.clipboardData?.files ?? []);
    if (files.length === 0) return;
    event.preventDefault();
    onFiles(files.map((f) => named(f, ++pasted.current)));
  });

  useEffect(() => {
    const listener = (e: ClipboardEvent) => onPaste(e);
    document.addEventListener("paste", listener);
    return () => document.removeEventListener("paste", listener);
  }, []);

  return (
    <div
      {...getRootProps({
        "aria-disabled": disabled || undefined,
        className: `relative flex flex-col items-center justify-center gap-3 rounded-lg border-2 border-dashed text-center transition-colors ${
          compact ? "px-4 py-4 sm:flex-row sm:text-left" : "px-6 py-10"
        } ${
          disabled
            ? "cursor-not-allowed border-slate-200 bg-slate-50 text-slate-400"
            : isDragActive
              ? "border-indigo-500 bg-indigo-50 text-indigo-900"
              : "border-slate-300 bg-white text-slate-600 hover:border-slate-400"
        }`,
      })}
    >
      <input {...getInputProps({ accept: UPLOAD_ACCEPT, "aria-label": "Image files" })} />
      <svg aria-hidden="true" viewBox="0 0 24 24" className={`${compact ? "size-6" : "size-10"} shrink-0 text-slate-400`} fill="none" stroke="currentColor" strokeWidth={1.5}>
        <path strokeLinecap="round" strokeLinejoin="round" d="M3 16.5v2.25A2.25 2.25 0 0 0 5.25 21h13.5A2.25 2.25 0 0 0 21 18.75V16.5m-13.5-9L12 3m0 0 4.5 4.5M12 3v13.5" />
      </svg>
      <div className="min-w-0 flex-1 space-y-0.5">
        <p className={`font-medium ${compact ? "text-sm" : "text-base"} ${disabled ? "" : "text-slate-800"}`}>
          {isDragActive ? "Drop to add these images" : "Drop images here, choose files, or paste"}
        </p>
        <p className="text-xs text-slate-500">JPG or PNG, up to 5 MB each, {MAX_IMAGES} images in all. 9:16 (1080×1920) fits TikTok best.</p>
      </div>
      <Button type="button" variant="secondary" onClick={open} disabled={disabled} className="shrink-0 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
        Choose files
      </Button>
    </div>
  );
}
