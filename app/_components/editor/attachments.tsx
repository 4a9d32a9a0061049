"use client";

// Attachments in the post editor: "Attach files", files dropped on the editor and images pasted into
// it are uploaded one by one (POST /api/attachments, server/attachment-routes.ts); each upload the
// server keeps puts its markup (`![name](attachment:ID)`) at the caret, so the text says where it
// shows, drafts keep it, and saving the post claims it. A refused file says why, and the text stays.
import { useId, useState } from "react";

const UPLOAD_PATH = "/api/attachments";

interface UploadAnswer {
  attachment?: { markup: string };
  error?: string;
}

async function uploadOne(file: File): Promise<{ markup: string } | { error: string }> {
  let response: Response;
  try {
    response = await fetch(UPLOAD_PATH, {
      method: "POST",
      headers: {
        "content-type": "application/octet-stream",
        "x-file-name": encodeURIComponent(file.name || "pasted image"),
      },
      body: file,
    });
  } catch {
    return { error: `${file.name} could not be sent. Check your connection and try again.` };
  }
  // The size check in front of the app answers in plain text; the route answers in JSON.
  const text = await response.text();
  let answer: UploadAnswer = {};
  try {
    answer = JSON.parse(text) as UploadAnswer;
  } catch {
    answer = { error: text };
  }
  if (response.ok && answer.attachment) return { markup: answer.attachment.markup };
  return { error: `${file.name}: ${answer.error || "the forum could not keep this file."}` };
}

export function useAttachments(insert: (markup: string) => void) {
  const [uploading, setUploading] = useState(0);
  const [errors, setErrors] = useState<string[]>([]);

  async function upload(files: readonly File[]) {
    if (files.length === 0) return;
    setErrors([]);
    setUploading((n) => n + files.length);
    for (const file of files) {
      const result = await uploadOne(file);
      setUploading((n) => n - 1);
      if ("markup" in result) insert(result.markup);
      else setErrors((list) => [...list, result.error]);
    }
  }

  /** A pasted image (a screenshot) is uploaded; pasted text is the textarea's business. */
  function onPaste(event: React.ClipboardEvent) {
    const files = [...event.clipboardData.files].filter((f) => f.type.startsWith("image/"));
    if (files.length === 0) return;
    event.preventDefault();
    void upload(files);
  }

  function onDragOver(event: React.DragEvent) {
    if (event.dataTransfer.types.includes("Files")) event.preventDefault();
  }

  function onDrop(event: React.DragEvent) {
    const files = [...event.dataTransfer.files];
    if (files.length === 0) return;
    event.preventDefault();
    void upload(files);
  }

  return { uploading, errors, upload, onPaste, onDragOver, onDrop };
}

export type Attachments = ReturnType<typeof useAttachments>;

export function AttachFiles({ attachments }: { attachments: Attachments }) {
  const inputId = useId();
  const { uploading, errors } = attachments;
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-3">
        <label
          htmlFor={inputId}
          className="inline-flex min-h-9 cursor-pointer items-center rounded border border-slate-300 bg-surface px-3 text-sm font-semibold text-slate-700 hover:bg-slate-50 has-[input:focus-visible]:ring-2 has-[input:focus-visible]:ring-brand-600"
        >
          Attach files
          <input
            id={inputId}
            type="file"
            multiple
            className="sr-only"
            onChange={(event) => {
              const files = [...(event.target.files ?? [])];
              event.target.value = "";
              void attachments.upload(files);
            }}
          />
        </label>
        <p role="status" className="text-xs text-slate-600">
          {uploading > 0
            ? `Uploading ${uploading} file${uploading === 1 ? "" : "s"}…`
            : "Or drop files here, or paste an image."}
        </p>
      </div>
      {errors.length > 0 && (
        <ul role="alert" className="space-y-0.5 text-sm text-red-700">
          {errors.map((error, i) => (
            <li key={i}>{error}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
