"use client";

// "Thread tools" for staff, above a thread's posts: Lock/Unlock and Stick/Unstick act at once;
// Rename, Move, Delete, Merge and (administrators) Delete permanently open a small form below the
// buttons. The server decides again on every request (./actions.ts → lib/moderation).
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { threadToolAction } from "./actions";
import type { ForumChoice } from "@/lib/forum/forum-choices";
import { carriedAnswer, carryAnswer, forgetCarriedAnswer } from "./carried-answer";
import { Answer, buttonStyle, inputStyle, labelStyle, ReasonField } from "./ui";
import { usePanels } from "./use-panels";
import { TITLE } from "@/lib/limits/sizes";

interface Props {
  thread: {
    id: number;
    title: string;
    forumId: number;
    isLocked: boolean;
    isSticky: boolean;
    isDeleted: boolean;
  };
  forums: ForumChoice[];
  canHardDelete: boolean;
}

type Panel = "rename" | "move" | "delete" | "merge" | "hard-delete";

export function ThreadTools({ thread, forums, canHardDelete }: Props) {
  const router = useRouter();
  const panels = usePanels<Panel>(threadToolAction, (answer) => {
    if (!answer.url) return;
    carryAnswer(thread.id, answer);
    router.replace(answer.url);
  });
  const { id, state, pending, open, submit, close } = panels;
  // The answer of a tool used on this thread's previous page (./carried-answer.ts).
  const [carried] = useState(() => carriedAnswer(thread.id));
  useEffect(() => forgetCarriedAnswer(thread.id), [thread.id]);

  const toggleButton = (panel: Panel, label: string, danger = false) => (
    <button
      type="button"
      {...panels.toggle(panel)}
      className={danger ? buttonStyle.dangerOutline : buttonStyle.plain}
    >
      {label}
    </button>
  );
  /** A one-click tool. */
  const direct = (tool: string, label: string) => (
    <form onSubmit={submit}>
      <input type="hidden" name="threadId" value={thread.id} />
      <input type="hidden" name="tool" value={tool} />
      <button type="submit" disabled={pending || !panels.ready} className={buttonStyle.plain}>
        {label}
      </button>
    </form>
  );
  const panelForm = (panel: Panel, children: React.ReactNode) => (
    <form
      id={panels.panelId(panel)}
      onSubmit={submit}
      onKeyDown={panels.closeOnEscape}
      className="mt-3 space-y-3 rounded border border-slate-200 bg-surface p-3"
    >
      <input type="hidden" name="threadId" value={thread.id} />
      <input type="hidden" name="tool" value={panel} />
      {children}
    </form>
  );
  const actions = (label: string, style: "primary" | "danger" = "primary") => (
    <div className="flex flex-wrap gap-2">
      <button type="submit" disabled={pending} className={buttonStyle[style]}>
        {label}
      </button>
      <button type="button" onClick={close} className={buttonStyle.quiet}>
        Cancel
      </button>
    </div>
  );

  const groups = [...new Set(forums.map((f) => f.category))];

  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="my-3 rounded-lg border border-amber-300 bg-amber-50 p-3 shadow-sm"
    >
      <h2 id={`${id}-heading`} className="mb-2 text-sm font-semibold text-amber-950">
        Thread tools
      </h2>
      <div className="flex flex-wrap gap-2">
        {thread.isLocked ? direct("unlock", "Unlock") : direct("lock", "Lock")}
        {thread.isSticky ? direct("unstick", "Unstick") : direct("stick", "Stick")}
        {toggleButton("rename", "Rename")}
        {toggleButton("move", "Move")}
        {toggleButton("merge", "Merge")}
        {thread.isDeleted ? direct("restore", "Restore") : toggleButton("delete", "Delete")}
        {canHardDelete && toggleButton("hard-delete", "Delete permanently", true)}
      </div>

      {open === "rename" &&
        panelForm(
          "rename",
          <>
            <div className="space-y-1">
              <label htmlFor={`${id}-title`} className={labelStyle}>
                New title
              </label>
              <input
                id={`${id}-title`}
                name="title"
                required
                maxLength={TITLE.max}
                defaultValue={thread.title}
                autoFocus
                className={inputStyle}
              />
            </div>
            <ReasonField id={`${id}-rename-reason`} />
            {actions("Save title")}
          </>,
        )}

      {open === "move" &&
        panelForm(
          "move",
          <>
            <div className="space-y-1">
              <label htmlFor={`${id}-forum`} className={labelStyle}>
                Move to forum
              </label>
              <select
                id={`${id}-forum`}
                name="forumId"
                required
                defaultValue=""
                autoFocus
                className={inputStyle}
              >
                <option value="" disabled>
                  Choose a forum…
                </option>
                {groups.map((category) => (
                  <optgroup key={category} label={category}>
                    {forums
                      .filter((f) => f.category === category)
                      .map((f) => (
                        <option key={f.id} value={f.id} disabled={f.id === thread.forumId}>
                          {f.title}
                          {f.id === thread.forumId ? " (current)" : ""}
                        </option>
                      ))}
                  </optgroup>
                ))}
              </select>
            </div>
            <ReasonField id={`${id}-move-reason`} />
            {actions("Move thread")}
          </>,
        )}

      {open === "merge" &&
        panelForm(
          "merge",
          <>
            <div className="space-y-1">
              <label htmlFor={`${id}-target`} className={labelStyle}>
                Merge into thread
              </label>
              <input
                id={`${id}-target`}
                name="target"
                required
                autoComplete="off"
                autoFocus
                aria-describedby={`${id}-target-hint`}
                className={inputStyle}
              />
              <p id={`${id}-target-hint`} className="text-xs text-slate-500">
                The other thread&apos;s number or address. This thread&apos;s posts go after its
                posts, in order, and this thread disappears.
              </p>
            </div>
            <ReasonField id={`${id}-merge-reason`} />
            {actions("Merge threads")}
          </>,
        )}

      {open === "delete" &&
        panelForm(
          "delete",
          <>
            <p className="text-sm text-slate-700">
              Members will no longer see this thread; staff still can, and can restore it.
            </p>
            <ReasonField id={`${id}-delete-reason`} autoFocus />
            {actions("Delete thread", "danger")}
          </>,
        )}

      {open === "hard-delete" &&
        panelForm(
          "hard-delete",
          <>
            <p className="text-sm font-semibold text-red-800">
              This removes “{thread.title}” and all its posts for good. It cannot be undone.
            </p>
            <ReasonField id={`${id}-hard-reason`} autoFocus />
            {actions("Yes, delete permanently", "danger")}
          </>,
        )}

      <div className="mt-2 empty:hidden">
        <Answer state={state.status === "idle" && carried ? carried : state} />
      </div>
    </section>
  );
}
