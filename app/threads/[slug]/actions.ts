"use server";

import { rowId } from "@/lib/row-id";
import { getViewer } from "@/lib/auth/viewer";
import { createReply, editPost, type PostingField } from "@/lib/forum/posting";
import { isReactionKind, toggleReaction } from "@/lib/forum/reactions";
import { editableSource } from "@/lib/forum/editable-source";
import type { ReactionKind } from "@/db/schema";

export interface PostFormState {
  /** Where the new post is, once posted: the form clears its draft and goes there. */
  url?: string;
  field?: PostingField;
  error?: string;
}

const postId = rowId();

export async function replyAction(
  _previous: PostFormState,
  form: FormData,
): Promise<PostFormState> {
  const threadId = postId.safeParse(form.get("threadId"));
  if (!threadId.success) return { field: "form", error: "This thread does not exist any more." };
  const result = await createReply(await getViewer(), {
    threadId: threadId.data,
    message: form.get("message"),
    idempotencyKey: form.get("idempotencyKey"),
  });
  // No revalidatePath: every reading page is rendered per request, and the form leaves with a full
  // page load of the new post, so a re-rendered copy of this page in the answer would go unused.
  if (!result.ok) return { field: result.field, error: result.error };
  return { url: result.url };
}

export async function editPostAction(id: number, message: string): Promise<PostFormState> {
  const parsed = postId.safeParse(id);
  if (!parsed.success) return { field: "form", error: "This post does not exist any more." };
  const result = await editPost(await getViewer(), { postId: parsed.data, message });
  // The editor refreshes the page itself (router.refresh) once it knows the edit was saved.
  if (!result.ok) return { field: result.field, error: result.error };
  return { url: result.url };
}

/** The source of a post, for its author (or staff) to edit. */
export async function editableSourceAction(
  id: number,
): Promise<{ source: string } | { error: string }> {
  const parsed = postId.safeParse(id);
  if (!parsed.success) return { error: "This post does not exist any more." };
  return editableSource(await getViewer(), parsed.data);
}

export async function toggleReactionAction(
  id: number,
  kind: ReactionKind,
): Promise<{ reaction: ReactionKind | null } | { error: string }> {
  const parsed = postId.safeParse(id);
  if (!parsed.success || !isReactionKind(kind)) return { error: "That reaction is not available." };
  const result = await toggleReaction(await getViewer(), parsed.data, kind);
  // The buttons refresh the page themselves (router.refresh); revalidating here as well rendered the
  // page twice per click, once into this answer and once for the refresh.
  if (!result.ok) return { error: result.error };
  return { reaction: result.reaction };
}
