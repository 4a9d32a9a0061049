"use client";

// The bar that appears, pinned to the bottom of the window, once a moderator ticks posts: Delete
// (with a reason), Restore, and Split (into a new thread, or onto the end of another one).
import { useState } from "react";
import { postToolAction } from "./actions";
import { clearSelection, useSelection } from "./selection";
import { Answer, buttonStyle, inputStyle, labelStyle, ReasonField } from "./ui";
import { usePanels } from "./use-panels";
import { TITLE } from "@/lib/limits/sizes";

type Panel = "delete" | "split";

export function BulkBar({ threadId }: { threadId: number }) {
  const selection = useSelection(threadId);
  // The posts acted on are no longer selected; the answer stays until put away.
  const panels = usePanels<Panel>(postToolAction, () => clearSelection(threadId));
  const { id, state, pending, open, submit, close } = panels;
  const [splitTo, setSplitTo] = useState<"new" | "existing">("new");
  const answerShown = panels.answer !== null;
  const count = selection.size;
  const postIds = [...selection].sort((a, b) => a - b);

  // Kept while a request runs: its success clears the selection a moment before the answer arrives.
  if (count === 0 && !answerShown && !pending) return null;

  const toggleButton = (panel: Panel, label: string) => (
    <button
      type="button"
      {...panels.toggle(panel)}
      onClick={(event) => {
        panels.dismissAnswer();
        panels.toggle(panel).onClick(event);
      }}
      className={buttonStyle.plain}
    >
      {label}
    </button>
  );
  const hidden = (tool: string) => (
    <>
      <input type="hidden" name="tool" value={tool} />
      {postIds.map((postId) => (
        <input key={postId} type="hidden" name="postId" value={postId} />
      ))}
    </>
  );
  const formActions = (label: string, style: "primary" | "danger") => (
    <div className="flex flex-wrap gap-2">
      <button type="submit" disabled={pending} className={buttonStyle[style]}>
        {label}
      </button>
      <button type="button" onClick={close} className={buttonStyle.quiet}>
        Cancel
      </button>
    </div>
  );
  const posts = count === 1 ? "1 post" : `${count} posts`;

  return (
    <section
      aria-label="Selected posts"
      className="sticky bottom-0 z-20 mt-3 max-h-[80vh] overflow-y-auto rounded-t-lg border border-b-0 border-brand-600 bg-surface p-3 shadow-[0_-4px_12px_rgba(15,23,42,0.12)]"
      onKeyDown={panels.closeOnEscape}
    >
      <div className="flex flex-wrap items-center gap-2">
        <p className="mr-auto text-sm font-semibold text-slate-800" aria-live="polite">
          {count === 0 ? "No posts selected" : `${posts} selected`}
        </p>
        {count > 0 && (
          <>
            {toggleButton("delete", "Delete")}
            <form onSubmit={submit}>
              {hidden("restore")}
              <button type="submit" disabled={pending} className={buttonStyle.plain}>
                Restore
              </button>
            </form>
            {toggleButton("split", "Split")}
          </>
        )}
        <button
          type="button"
          onClick={() => {
            clearSelection(threadId);
            panels.closeQuietly();
            panels.dismissAnswer();
          }}
          className={buttonStyle.quiet}
        >
          {count > 0 ? "Clear selection" : "Close"}
        </button>
      </div>

      {open === "delete" && count > 0 && (
        <form
          id={`${id}-delete`}
          onSubmit={submit}
          className="mt-3 space-y-3 border-t border-slate-200 pt-3"
        >
          {hidden("delete")}
          <ReasonField
            id={`${id}-delete-reason`}
            label={`Reason for deleting ${posts} (optional)`}
            autoFocus
          />
          {formActions(`Delete ${posts}`, "danger")}
        </form>
      )}

      {open === "split" && count > 0 && (
        <form
          id={`${id}-split`}
          onSubmit={submit}
          className="mt-3 space-y-3 border-t border-slate-200 pt-3"
        >
          {hidden("split")}
          <fieldset className="space-y-2">
            <legend className={labelStyle}>Move the {posts} to</legend>
            <div className="flex flex-wrap gap-x-4 gap-y-1">
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="splitTo"
                  value="new"
                  checked={splitTo === "new"}
                  onChange={() => setSplitTo("new")}
                  className="size-4 accent-brand-700"
                  autoFocus
                />
                A new thread
              </label>
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="splitTo"
                  value="existing"
                  checked={splitTo === "existing"}
                  onChange={() => setSplitTo("existing")}
                  className="size-4 accent-brand-700"
                />
                An existing thread
              </label>
            </div>
          </fieldset>
          <div className="grid gap-3 sm:grid-cols-2">
            {splitTo === "new" ? (
              <div className="space-y-1">
                <label htmlFor={`${id}-title`} className={labelStyle}>
                  New thread title
                </label>
                <input
                  id={`${id}-title`}
                  name="newTitle"
                  required
                  maxLength={TITLE.max}
                  autoComplete="off"
                  className={inputStyle}
                />
              </div>
            ) : (
              <div className="space-y-1">
                <label htmlFor={`${id}-target`} className={labelStyle}>
                  Thread number or address
                </label>
                <input
                  id={`${id}-target`}
                  name="target"
                  required
                  autoComplete="off"
                  aria-describedby={`${id}-target-hint`}
                  className={inputStyle}
                />
                <p id={`${id}-target-hint`} className="text-xs text-slate-500">
                  The posts go after that thread&apos;s last post, in their order.
                </p>
              </div>
            )}
            <ReasonField id={`${id}-split-reason`} />
          </div>
          {formActions("Split posts", "primary")}
        </form>
      )}

      {answerShown && (
        <div className="mt-2">
          <Answer state={state} linkLabel="Open the thread" />
        </div>
      )}
    </section>
  );
}
