"use server";

import { saving } from "@/app/_components/saving";
// Thin server actions for the thread and post tools: read the form, ask who is acting, and let
// lib/moderation check lib/permissions and write. Every request is checked again there, whatever
// the page showed; a refusal comes back as a message and nothing is written.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getViewer } from "@/lib/auth/viewer";
import { deletePosts, restorePosts } from "@/lib/moderation/posts";
import { warnMember } from "@/lib/moderation/warnings";
import type { Result } from "@/lib/result";
import {
  deleteThread,
  hardDeleteThread,
  lockThread,
  mergeThreads,
  moveThread,
  renameThread,
  restoreThread,
  splitPosts,
  stickThread,
  unlockThread,
  unstickThread,
} from "@/lib/moderation/threads";
import { formDataOf, textFields } from "@/lib/validation/form";
import type { ModState } from "./state";

const THREAD_TOOLS = [
  "lock",
  "unlock",
  "stick",
  "unstick",
  "rename",
  "move",
  "delete",
  "restore",
  "hard-delete",
  "merge",
] as const;
const POST_TOOLS = ["delete", "restore", "split"] as const;

const threadForm = z.object({
  tool: z.enum(THREAD_TOOLS, "That tool is not available."),
  threadId: z.string("This thread does not exist any more."),
  reason: z.string().optional(),
  title: z.string().optional(),
  forumId: z.string().optional(),
  target: z.string().optional(),
});

const postForm = z.object({
  tool: z.enum(POST_TOOLS, "That tool is not available."),
  postIds: z.array(z.string(), "Choose posts first.").min(1, "Choose posts first."),
  reason: z.string().optional(),
  splitTo: z.enum(["new", "existing"], "Choose where the posts go.").optional(),
  newTitle: z.string().optional(),
  target: z.string().optional(),
});

/** After a success: stay on the page (refreshed), go to the result's address, or offer a link to it. */
type Then = "stay" | "go" | "link";

function toState(result: Result<{ message: string; url: string }>, then: Then = "stay"): ModState {
  if (!result.ok) return { status: "error", message: result.error, at: Date.now() };
  revalidatePath("/", "layout");
  return {
    status: "success",
    message: result.message,
    url: then === "go" ? result.url : undefined,
    link: then === "link" ? result.url : undefined,
    at: Date.now(),
  };
}

/** After a success that removed the current thread: off to the result's address. */
function leave(result: Result<{ message: string; url: string }>): ModState {
  const state = toState(result);
  if (result.ok) redirect(result.url);
  return state;
}

export const threadToolAction = saving(
  (message): ModState => ({ status: "error", message }),
  async function threadToolAction(_previous: ModState, form: FormData): Promise<ModState> {
    // Text fields only: a crafted request sending files gets them ignored (and then refused).
    const parsed = threadForm.safeParse(
      textFields(formDataOf(form), "tool", "threadId", "reason", "title", "forumId", "target"),
    );
    if (!parsed.success)
      return {
        status: "error",
        message: parsed.error.issues[0]?.message ?? "That request was not understood.",
        at: Date.now(),
      };
    const { tool, threadId, reason, title, forumId, target } = parsed.data;
    const viewer = await getViewer();
    const input = { threadId, reason };
    switch (tool) {
      case "lock":
        return toState(await lockThread(viewer, input));
      case "unlock":
        return toState(await unlockThread(viewer, input));
      case "stick":
        return toState(await stickThread(viewer, input));
      case "unstick":
        return toState(await unstickThread(viewer, input));
      case "rename":
        // The slug follows the title: the page moves to its new address.
        return toState(await renameThread(viewer, { ...input, title }), "go");
      case "move":
        return toState(await moveThread(viewer, { ...input, forumId }));
      case "delete":
        return toState(await deleteThread(viewer, input));
      case "restore":
        return toState(await restoreThread(viewer, input));
      // These two remove the page the moderator is on: the answer is the page to go to.
      case "hard-delete":
        return leave(await hardDeleteThread(viewer, input));
      case "merge":
        return leave(await mergeThreads(viewer, { sourceId: threadId, targetId: target, reason }));
    }
  },
);

export const postToolAction = saving(
  (message): ModState => ({ status: "error", message }),
  async function postToolAction(_previous: ModState, form: FormData): Promise<ModState> {
    const fields = formDataOf(form);
    const parsed = postForm.safeParse({
      ...textFields(fields, "tool", "reason", "splitTo", "newTitle", "target"),
      postIds: fields.getAll("postId").filter((v) => typeof v === "string"),
    });
    if (!parsed.success)
      return {
        status: "error",
        message: parsed.error.issues[0]?.message ?? "That request was not understood.",
        at: Date.now(),
      };
    const { tool, postIds, reason, splitTo, newTitle, target } = parsed.data;
    const viewer = await getViewer();
    switch (tool) {
      case "delete":
        return toState(await deletePosts(viewer, postIds, reason));
      case "restore":
        return toState(await restorePosts(viewer, postIds, reason));
      case "split":
        return toState(
          await splitPosts(
            viewer,
            splitTo === "existing"
              ? { postIds, targetThreadId: target ?? "", reason }
              : { postIds, newTitle: newTitle ?? "", reason },
          ),
          "link",
        );
    }
  },
);

/** A warning from a post's tools (lib/moderation/warnings.ts checks and writes). */
export const warnAction = saving(
  (message): ModState => ({ status: "error", message, at: Date.now() }),
  async function warnAction(_previous: ModState, form: FormData): Promise<ModState> {
    const fields = textFields(formDataOf(form), "postId", "reason", "points", "expiresInDays");
    const result = await warnMember(await getViewer(), fields);
    if (!result.ok)
      return { status: "error", message: result.error, field: result.field, at: Date.now() };
    revalidatePath("/", "layout");
    return { status: "success", message: result.message, at: Date.now() };
  },
);
