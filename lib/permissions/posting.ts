// Who may post, reply, edit, react and quote. Merged into the one permissions module (./index.ts).
import type { Post } from "@/db/schema";
import { mayViewForum, meetsPostRule, type ForumAccess } from "./forums";
import { isSignedIn, isStaff, type Viewer } from "./viewer";

export interface ThreadTarget {
  isLocked: boolean;
  deletedAt: Date | null;
  /** The rules of the thread's forum: no one acts on a thread they may not read. */
  forum: ForumAccess;
}

export interface PostTarget {
  authorId: string | null;
  deletedAt: Date | null;
  thread: ThreadTarget;
}

/** A post as shown on a page, with whether it has been approved yet. Staff see posts waiting for
 * approval (to approve them), but until then they are no one's to react to, quote or report. */
export interface ShownPostTarget extends PostTarget {
  approvalState: Post["approvalState"];
}

const activeMember = (viewer: Viewer) => isSignedIn(viewer) && !viewer.isBanned;
const mayPost = (viewer: Viewer) => activeMember(viewer) && !viewer.awaitingEmailVerification;
/** May read the thread's forum: every rule about a thread or post asks this first. */
const reads = (viewer: Viewer, thread: ThreadTarget) => mayViewForum(viewer, thread.forum);

export const postingRules = {
  /** In a forum they may read, under its "who may start threads" rule. */
  postThread: (viewer: Viewer, forum: ForumAccess) =>
    mayPost(viewer) && mayViewForum(viewer, forum) && meetsPostRule(viewer, forum.startThreadRule),
  /** The editor's Preview renders what posting would, with the same lookups: it is for those who
   * may post, not a way for a banned member to keep using the renderer. */
  previewPost: mayPost,
  /** Uploading attachments is part of writing a post: for those who may post. */
  uploadAttachment: mayPost,
  /** Locked threads take replies from staff only; deleted ones from no one. */
  reply: (viewer: Viewer, thread: ThreadTarget) =>
    mayPost(viewer) &&
    reads(viewer, thread) &&
    meetsPostRule(viewer, thread.forum.replyRule) &&
    thread.deletedAt === null &&
    (!thread.isLocked || isStaff(viewer)),
  /** Members edit their own posts while the thread is open; staff edit any post. */
  editPost: (viewer: Viewer, post: PostTarget) =>
    activeMember(viewer) &&
    reads(viewer, post.thread) &&
    post.deletedAt === null &&
    post.thread.deletedAt === null &&
    (isStaff(viewer) || (post.authorId === viewer.id && !post.thread.isLocked)),
  /** No reacting to one's own posts, nor to deleted ones or ones not approved. */
  react: (viewer: Viewer, post: ShownPostTarget) =>
    activeMember(viewer) &&
    reads(viewer, post.thread) &&
    post.approvalState === "approved" &&
    post.deletedAt === null &&
    post.thread.deletedAt === null &&
    post.authorId !== viewer.id,
  /** Quoting is part of replying, and only posts everyone can read can be quoted. */
  quotePost: (viewer: Viewer, post: ShownPostTarget) =>
    postingRules.reply(viewer, post.thread) &&
    post.approvalState === "approved" &&
    post.deletedAt === null,
  viewEditHistory: (viewer: Viewer) => activeMember(viewer) && isStaff(viewer),
};

/** Why this viewer may not reply to this thread, in words; null when they may. The thread page's
 * reply box, the personal answer, the plain reply page and createReply all say it the same way. */
export function replyRefusal(viewer: Viewer, thread: ThreadTarget): string | null {
  if (postingRules.reply(viewer, thread)) return null;
  if (
    activeMember(viewer) &&
    reads(viewer, thread) &&
    !meetsPostRule(viewer, thread.forum.replyRule)
  )
    return STAFF_ONLY_REPLIES;
  return thread.isLocked && activeMember(viewer)
    ? "This thread is locked: it takes no new replies."
    : postingRefusal(viewer, "post");
}

export const STAFF_ONLY_REPLIES = "Only staff reply in this forum.";
export const STAFF_ONLY_THREADS = "Only staff start threads in this forum.";

/** Why this viewer may not start a thread in this forum, in words; null when they may. */
export function threadRefusal(viewer: Viewer, forum: ForumAccess): string | null {
  if (postingRules.postThread(viewer, forum)) return null;
  if (activeMember(viewer) && mayViewForum(viewer, forum)) return STAFF_ONLY_THREADS;
  return postingRefusal(viewer, "post");
}

/** Why a posting action is refused, in words a member can act on. */
export function postingRefusal(
  viewer: Viewer,
  what: "post" | "react" | "edit" | "preview",
): string {
  if (!isSignedIn(viewer))
    return what === "react"
      ? "Sign in to react to posts."
      : what === "preview"
        ? "Sign in to preview your post."
        : "Sign in to post.";
  if (viewer.isBanned)
    return "Your account is banned: you can read the forum but not post or react.";
  if (viewer.awaitingEmailVerification && what !== "react" && what !== "edit")
    return "Confirm your email address to post: open the link we mailed you, or send a new one from your account page.";
  return what === "edit"
    ? "You can only edit your own posts, while the thread is open."
    : "You cannot do that here.";
}
