"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
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

const postId = z.coerce.number().int().positive();

export async function replyAction(_previous: PostFormState, form: FormData): Promise<PostFormState> {
  const threadId = postId.safeParse(form.get("threadId"));
  if (!threadId.success) return { field: "form", error: "This thread does not exist any more." };
  const result = await createReply(await getViewer(), {
    threadId: threadId.data,
    message: form.get("message"),
    idempotencyKey: form.get("idempotencyKey"),
  });
  if (!result.ok) return { field: result.field, error: result.error };
  revalidatePath("/", "layout");
  return { url: result.url };
}

export async function editPostAction(id: number, message: string): Promise<PostFormState> {
  const parsed = postId.safeParse(id);
  if (!parsed.success) return { field: "form", error: "This post does not exist any more." };
  const result = await editPost(await getViewer(), { postId: parsed.data, message });
  if (!result.ok) return { field: result.field, error: result.error };
  revalidatePath("/", "layout");
  return { url: result.url };
}

/** The source of a post, for its author (or staff) to edit. */
export async function editableSourceAction(id: number): Promise<{ source: string } | { error: string }> {
  const parsed = postId.safeParse(id);
  if (!parsed.success) return { error: "This post does not exist any more." };
  return editableSource(await getViewer(), parsed.data);
}

export async function toggleReactionAction(id: number, kind: ReactionKind): Promise<{ reaction: ReactionKind | null } | { error: string }> {
  const parsed = postId.safeParse(id);
  if (!parsed.success || !isReactionKind(kind)) return { error: "That reaction is not available." };
  const result = await toggleReaction(await getViewer(), parsed.data, kind);
  if (!result.ok) return { error: result.error };
  revalidatePath("/", "layout");
  return { reaction: result.reaction };
}
