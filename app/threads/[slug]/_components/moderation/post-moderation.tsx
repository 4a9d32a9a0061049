"use client";

// Staff controls in a post's header: "Select post #N" for the bulk bar, and Delete (with an optional
// reason, in a small form that opens below) or Restore. The first post is deleted with its thread, not alone.
import { useEffect, useRef } from "react";
import { postToolAction } from "./actions";
import { setSelected, useSelection } from "./selection";
import { Answer, buttonStyle, ReasonField } from "./ui";
import { usePanels } from "./use-panels";

interface Props {
  threadId: number;
  postId: number;
  position: number;
  deleted: boolean;
  isFirst: boolean;
}

export function PostModeration({ threadId, postId, position, deleted, isFirst }: Props) {
  const panels = usePanels<"delete">(postToolAction);
  const { state, pending, submit } = panels;
  const open = panels.open === "delete";
  // Successes show on the post itself (greyed, or back); only a refusal needs saying here.
  const answerShown = panels.answer?.status === "error";
  const selected = useSelection(threadId).has(postId);
  // The tick is the browser's (defaultChecked), and the selection follows it. Kept by React, it was
  // put back when React drew the change late, as it can for a moment after the page hydrates (CI
  // saw a tick undone). Changes made elsewhere (Clear selection, a finished action) come back here.
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (box.current) box.current.checked = selected;
  }, [selected]);
  const close = () => {
    panels.close();
    panels.dismissAnswer();
  };

  return (
    // `contents`: these are items of the post header (which wraps), so the form opens on its own line.
    <div className="contents">
      <div className="ml-auto flex items-center gap-1">
        <label className="flex cursor-pointer items-center gap-1 rounded px-1.5 py-1 text-xs text-slate-600 hover:bg-slate-100">
          <input
            ref={box}
            type="checkbox"
            defaultChecked={selected}
            onChange={(event) => setSelected(threadId, postId, event.target.checked)}
            // As the tools' buttons: a tick before the page hydrates would be undone by it.
            disabled={!panels.ready}
            aria-label={`Select post #${position}`}
            className="size-4 accent-brand-700"
          />
          <span aria-hidden="true">Select</span>
        </label>
        {deleted ? (
          <form onSubmit={submit}>
            <input type="hidden" name="tool" value="restore" />
            <input type="hidden" name="postId" value={postId} />
            <button type="submit" disabled={pending || !panels.ready} className={buttonStyle.quiet}>
              Restore
            </button>
          </form>
        ) : (
          !isFirst && (
            <button
              type="button"
              {...panels.toggle("delete")}
              onClick={(event) => {
                panels.dismissAnswer();
                panels.toggle("delete").onClick(event);
              }}
              className={`${buttonStyle.quiet} aria-expanded:bg-red-50 aria-expanded:text-red-800`}
            >
              Delete
            </button>
          )
        )}
      </div>
      {(open || answerShown) && (
        <div
          className="order-last basis-full space-y-2 rounded border border-slate-200 bg-slate-50 p-3 text-left text-slate-900"
          onKeyDown={(event) => {
            if (event.key === "Escape") close();
          }}
        >
          {open && (
            <form id={panels.panelId("delete")} onSubmit={submit} className="space-y-2">
              <input type="hidden" name="tool" value="delete" />
              <input type="hidden" name="postId" value={postId} />
              <ReasonField
                id={`${panels.id}-reason`}
                label={`Reason for deleting post #${position} (optional)`}
                autoFocus
              />
              <div className="flex flex-wrap gap-2">
                <button type="submit" disabled={pending} className={buttonStyle.danger}>
                  Delete post
                </button>
                <button type="button" onClick={close} className={buttonStyle.quiet}>
                  Cancel
                </button>
              </div>
            </form>
          )}
          {answerShown && <Answer state={state} />}
          {!open && (
            <button type="button" onClick={close} className={buttonStyle.quiet}>
              Close
            </button>
          )}
        </div>
      )}
    </div>
  );
}
