"use client";

// The Write / Preview tabs and the preview itself, rendered by the server exactly as posting would
// (./actions.ts previewPost).
import { useRef, useState } from "react";
import { previewPost } from "./actions";

type PreviewState =
  { status: "loading" } | { status: "done"; html: string } | { status: "error"; message: string };

export function usePreview() {
  const [previewing, setPreviewing] = useState(false);
  const [preview, setPreview] = useState<PreviewState>({ status: "loading" });
  // Only the latest request's answer is shown: an older one may arrive after it.
  const seq = useRef(0);

  async function show(source: string) {
    setPreviewing(true);
    const mine = ++seq.current;
    if (source.trim() === "") {
      setPreview({ status: "done", html: "" });
      return;
    }
    setPreview({ status: "loading" });
    try {
      const result = await previewPost(source);
      if (mine !== seq.current) return;
      setPreview(
        "html" in result
          ? { status: "done", html: result.html }
          : { status: "error", message: result.error },
      );
    } catch {
      if (mine === seq.current)
        setPreview({
          status: "error",
          message: "The preview could not be loaded. Please try again.",
        });
    }
  }

  function hide() {
    seq.current++;
    setPreviewing(false);
  }

  return { previewing, preview, show, hide };
}

const tabClass =
  "h-9 min-w-18 rounded px-3 text-sm font-semibold text-slate-700 hover:text-slate-900 aria-pressed:bg-surface aria-pressed:text-slate-900 aria-pressed:shadow-sm";

export function PreviewTabs({
  previewing,
  panelId,
  onWrite,
  onPreview,
}: {
  previewing: boolean;
  panelId: string;
  onWrite: () => void;
  onPreview: () => void;
}) {
  return (
    <div className="flex shrink-0 items-center gap-0.5 rounded bg-slate-200/70 p-0.5">
      <button type="button" aria-pressed={!previewing} onClick={onWrite} className={tabClass}>
        Write
      </button>
      <button
        type="button"
        aria-pressed={previewing}
        aria-controls={previewing ? panelId : undefined}
        onClick={() => (previewing ? onWrite() : onPreview())}
        className={tabClass}
      >
        Preview
      </button>
    </div>
  );
}

export function PreviewPanel({ id, preview }: { id: string; preview: PreviewState }) {
  return (
    <section
      id={id}
      aria-label="Preview"
      aria-busy={preview.status === "loading"}
      className="min-h-48 rounded-b px-3 py-2"
    >
      {preview.status === "loading" && (
        <p className="text-sm text-slate-500">Loading the preview…</p>
      )}
      {preview.status === "error" && (
        <p role="alert" className="text-sm text-red-700">
          {preview.message}
        </p>
      )}
      {preview.status === "done" &&
        (preview.html ? (
          <div className="post-body" dangerouslySetInnerHTML={{ __html: preview.html }} />
        ) : (
          <p className="text-sm text-slate-500">Nothing to preview yet.</p>
        ))}
    </section>
  );
}
