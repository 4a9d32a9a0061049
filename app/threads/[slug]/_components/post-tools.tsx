"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { FormMessage } from "@/app/_components/form";
import { insertQuote } from "@/app/_components/editor/events";
import { toggleMultiQuote } from "@/app/_components/editor/multi-quote";
import { useMultiQuote } from "@/app/_components/editor/use-multi-quote";
import { quoteMarkup } from "@/lib/markup/quote";
import type { ReactionKind } from "@/db/schema";
import { REACTIONS, reactionOf, reactionSummary } from "@/lib/forum/reaction-kinds";
import { updatePersonal, usePersonal } from "@/app/_components/personal/store";
import { quotesFor } from "@/app/_components/editor/actions";
import { editableSourceAction, editPostAction } from "../actions";
import { ReactionPicker } from "./reaction-picker";
import { reactionUrl, sendJson } from "./send-json";

// Loaded when first used, not with the page: most readers never edit or report, and guests cannot.
const PostEditor = dynamic(
  () => import("@/app/_components/editor/post-editor").then((m) => m.PostEditor),
  {
    loading: () => <p className="text-sm text-slate-500">Loading the editor…</p>,
  },
);
const ReportPost = dynamic(() => import("./report-post").then((m) => m.ReportPost));

interface Reactor {
  name: string;
  url: string;
  kind: ReactionKind;
  isViewer: boolean;
}

/** The post's reactions after the reader's own toggle, without asking the server for the page:
 * their old reaction out, the new one in, first in the list. */
function afterToggle(
  reactions: { counts: Partial<Record<ReactionKind, number>>; reactors: Reactor[] },
  viewer: Pick<Reactor, "name" | "url">,
  from: ReactionKind | null,
  to: ReactionKind | null,
) {
  const counts = { ...reactions.counts };
  if (from) counts[from] = Math.max(0, (counts[from] ?? 1) - 1) || undefined;
  if (to) counts[to] = (counts[to] ?? 0) + 1;
  const others = reactions.reactors.filter((r) => r.name !== viewer.name);
  const reactors = to ? [{ ...viewer, kind: to, isViewer: true }, ...others] : others;
  return { counts, reactors };
}

interface Props {
  postId: number;
  threadId: number;
  authorName: string;
  canEdit: boolean;
  canReact: boolean;
  canQuote: boolean;
  /** From lib/permissions' `report` rule: someone else's visible post, an active member. */
  canReport?: boolean;
  /** How many chose each kind; kinds no one chose are left out. */
  counts: Partial<Record<ReactionKind, number>>;
  viewerReaction: ReactionKind | null;
  /** Who reacted, newest first; `isViewer` as the server knew it (never, on the shared rendering). */
  reactors: Reactor[];
  /** The server-rendered post body. */
  children: React.ReactNode;
}

/** A post's body with what a reader can do to it: quote (all of it, or the selected text), mark it
 * for multi-quote, edit it in place, react to it. */
export function PostTools(props: Props) {
  const { postId, threadId } = props;
  const router = useRouter();
  const answer = usePersonal();
  const viewer = answer?.viewer ?? null;
  const mine = answer?.posts[postId];
  // The personal answer, once here, decides the tools; until then, what the server drew.
  const tools = mine ?? {
    canEdit: props.canEdit,
    canReact: props.canReact,
    canQuote: props.canQuote,
    canReport: props.canReport ?? false,
    reaction: props.viewerReaction,
  };
  const [toggled, setToggled] = useState<ReturnType<typeof afterToggle> | null>(null);
  const counts = toggled?.counts ?? props.counts;
  const reactors = (toggled?.reactors ?? props.reactors).map((r) => ({
    ...r,
    isViewer: viewer ? r.name === viewer.name : r.isViewer,
  }));
  const summary = reactionSummary(reactors);
  const bodyRef = useRef<HTMLDivElement>(null);
  const selected = useRef("");
  // Kept current by the multi-quote store (this tab and others); false until hydrated.
  const marked = useMultiQuote(threadId).includes(postId);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    // Remember text selected inside this post: clicking "Quote" may clear the live selection.
    const onSelection = () => {
      const selection = document.getSelection();
      const body = bodyRef.current;
      if (!selection || selection.isCollapsed || !body) return;
      const range = selection.getRangeAt(0);
      selected.current = body.contains(range.commonAncestorContainer)
        ? selection.toString().trim()
        : "";
    };
    document.addEventListener("selectionchange", onSelection);
    return () => document.removeEventListener("selectionchange", onSelection);
  }, []);

  const quote = () => {
    setError(undefined);
    const selection = selected.current;
    selected.current = "";
    if (selection) {
      insertQuote(quoteMarkup({ author: props.authorName, postId }, selection));
      return;
    }
    startTransition(async () => {
      const result = await quotesFor([postId]);
      if ("markup" in result) insertQuote(result.markup);
      else setError(result.error);
    });
  };

  const startEditing = () =>
    startTransition(async () => {
      setError(undefined);
      const result = await editableSourceAction(postId);
      if ("source" in result) setEditing(result.source);
      else setError(result.error);
    });

  const saveEdit = () =>
    startTransition(async () => {
      const result = await editPostAction(postId, editing ?? "");
      if (result.error) return setError(result.error);
      setEditing(null);
      setError(undefined);
      router.refresh();
    });

  // The answer says what changed: the counts and the reader's own reaction are updated here, with
  // no render of the page on the server.
  const react = (kind: ReactionKind) =>
    startTransition(async () => {
      const result = await sendJson<{
        reaction: ReactionKind | null;
        reactor: Pick<Reactor, "name" | "url">;
      }>(reactionUrl(postId), { kind });
      if (!result.ok) return setError(result.error);
      setError(undefined);
      setToggled(
        afterToggle({ counts, reactors }, result.reactor, tools.reaction, result.reaction),
      );
      updatePersonal((current) => ({
        ...current,
        posts: { ...current.posts, [postId]: { ...tools, reaction: result.reaction } },
      }));
    });

  // While editing, the editor takes the body's place: drawn again on Cancel. On a page served without
  // Next's runtime (app/_islands) the body comes back as the server's HTML, which holds no islands
  // (the post's HTML, its attachments and signature are server-rendered only), so nothing is lost.
  return (
    <>
      {editing === null ? (
        <div ref={bodyRef}>{props.children}</div>
      ) : (
        <div className="space-y-2">
          <PostEditor
            name="message"
            label="Message"
            value={editing}
            onChange={setEditing}
            autoFocus
          />
          <div className="flex gap-2">
            <button
              type="button"
              onClick={saveEdit}
              disabled={pending}
              className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
            >
              Save
            </button>
            <button
              type="button"
              onClick={() => setEditing(null)}
              className="rounded border border-slate-300 px-4 py-2 hover:bg-slate-50"
            >
              Cancel
            </button>
          </div>
        </div>
      )}
      {error && (
        <div className="mt-2">
          <FormMessage message={error} />
        </div>
      )}
      {summary && (
        <details className="mt-3 text-sm text-slate-600">
          <summary className="cursor-pointer">
            <span aria-hidden="true">
              {REACTIONS.filter((r) => counts[r.kind])
                .map((r) => r.emoji)
                .join("")}{" "}
            </span>
            {summary}
          </summary>
          <ul aria-label="Who reacted" className="mt-1 space-y-0.5 pl-4 [&_a]:underline">
            {reactors.map((r) => (
              <li key={r.url}>
                <a href={r.url}>{r.isViewer ? `${r.name} (you)` : r.name}</a>:{" "}
                {reactionOf(r.kind).emoji} {reactionOf(r.kind).label}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="mt-3 flex flex-wrap items-center gap-1 border-t border-slate-100 pt-2">
        {tools.canReact && (
          <ReactionPicker
            menuId={`reactions-${postId}`}
            reaction={tools.reaction}
            disabled={pending}
            onReact={react}
          />
        )}
        {tools.canEdit && editing === null && (
          <button type="button" onClick={startEditing} disabled={pending} className="tool-button">
            Edit
          </button>
        )}
        {tools.canQuote && (
          <>
            <button
              type="button"
              aria-pressed={marked}
              onClick={() => toggleMultiQuote(threadId, postId)}
              className="tool-button"
              title="Mark this post to quote it together with others"
            >
              + Quote
            </button>
            <button type="button" onClick={quote} disabled={pending} className="tool-button">
              Quote
            </button>
          </>
        )}
        {tools.canReport && <ReportPost postId={postId} authorName={props.authorName} />}
      </div>
    </>
  );
}
