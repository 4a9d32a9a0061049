// The approval queue. With the "approval_first_posts" setting at N > 0, a member with fewer than N
// approved posts (imported members and staff excepted) posts into the queue: the post is stored as
// 'pending', shown to its author and to staff only, and moves no counter and sends no alert. Staff
// approve it (the counters then move exactly as a normal post's would, in one transaction) or reject
// it (it stays hidden). Every decision writes one moderator log line in the same transaction.
import "server-only";
import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { forums, posts, settings, threads, users } from "@/db/schema";
import type { DbOrTx, Tx } from "@/db/tx";
import { alertApprovedPost } from "../alerts/create";
import { startAlertMails } from "../alert-mail/queue";
import { mentionedMemberIds, renderFacts } from "../forum/render-context";
import { can, isSignedIn, isStaff, type Viewer } from "../permissions";
import { forumUrl, memberUrl, postUrl, threadUrl } from "../urls";
import { autoWatch } from "../watching/watch";
import { APPROVAL_MAX, APPROVAL_TOO_MANY, REASON } from "../limits/sizes";
import { announcePost } from "../live/notices";
import { logModAction } from "./log-entry";
import { ok, refuse, type Result } from "../result";

export const APPROVAL_SETTING = "approval_first_posts";
export const QUEUE_PER_PAGE = 20;

/** What staff are told either way. */
export type ModerationResult = Result<{ message: string }>;

/** The setting as stored: a whole number 0..APPROVAL_MAX; anything else (or nothing) is 0, off. */
export async function getApprovalThreshold(q: DbOrTx = db): Promise<number> {
  const [row] = await q
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, APPROVAL_SETTING))
    .limit(1);
  return approvalThresholdOf(row?.value);
}

/** The setting's stored text as a number of posts (0: off), for a caller that read it itself. */
export function approvalThresholdOf(value: string | null | undefined): number {
  const n = value ? Number(value) : 0;
  return Number.isInteger(n) && n > 0 ? Math.min(n, APPROVAL_MAX) : 0;
}

/** The form's value: an empty field is an error, not 0. */
const approvalThresholdSchema = z
  .union([z.number(), z.string()], "Enter a number of posts.")
  .transform((v) => String(v).trim())
  .pipe(
    z
      .string()
      .min(1, "Enter a number of posts.")
      .regex(/^-?\d+(\.\d+)?$/, "Enter a whole number of posts."),
  )
  .pipe(
    z.coerce
      .number<string>()
      .int("Enter a whole number of posts.")
      .min(0, "Enter 0 or more (0 turns approval off).")
      .max(APPROVAL_MAX, APPROVAL_TOO_MANY),
  );

function staffRefusal(viewer: Viewer, what: string): string {
  if (!isSignedIn(viewer)) return `Sign in as a moderator to ${what}.`;
  if (viewer.isBanned) return `Banned members cannot ${what}.`;
  return `Only moderators and administrators can ${what}.`;
}

/** Administrators set how many first posts of a new member wait for approval (0: none). */
export async function setApprovalThreshold(
  viewer: Viewer,
  value: unknown,
): Promise<ModerationResult> {
  if (!can(viewer, "changeSettings")) {
    return refuse(
      isSignedIn(viewer) && !viewer.isBanned
        ? "Only administrators can change this setting."
        : staffRefusal(viewer, "change settings"),
    );
  }
  const parsed = approvalThresholdSchema.safeParse(value);
  if (!parsed.success) return refuse(parsed.error.issues[0]?.message ?? "Enter a number of posts.");
  const next = parsed.data;
  return db.transaction(async (tx) => {
    await tx
      .select({ key: settings.key })
      .from(settings)
      .where(eq(settings.key, APPROVAL_SETTING))
      .for("update");
    const previous = await getApprovalThreshold(tx);
    const describe =
      next === 0
        ? "Approval of new members' posts is off."
        : `New members' first ${next === 1 ? "post waits" : `${next} posts wait`} for approval.`;
    if (previous === next) return ok({ message: `Unchanged. ${describe}` });
    await tx
      .insert(settings)
      .values({ key: APPROVAL_SETTING, value: String(next) })
      .onConflictDoUpdate({ target: settings.key, set: { value: String(next) } });
    await logModAction(tx, {
      actorId: viewer.id!,
      action: "setting.change",
      targetType: "setting",
      targetId: APPROVAL_SETTING,
      targetLabel: "Posts to approve for new members",
      details: { from: previous, to: next },
    });
    return ok({ message: `Saved. ${describe}` });
  });
}

/** Whether a new post by this author goes to the queue. Call inside the posting transaction, after
 * the author's row is locked (posting.ts's rate limit does that), so concurrent posts count right. */
export async function authorNeedsApproval(
  tx: Tx,
  author: Viewer,
  /** The setting, when the caller read it already (a reply reads it with its other checks). */
  known?: { threshold: number },
): Promise<boolean> {
  if (!author.id || isStaff(author)) return false;
  const threshold = known ? known.threshold : await getApprovalThreshold(tx);
  if (threshold === 0) return false;
  const [row] = await tx
    .select({
      importedFrom: users.importedFrom,
      approved: sql<number>`(select count(*) from (select 1 from posts p where p.author_id = ${author.id} and p.approval_state = 'approved' limit ${threshold}) counted)::int`,
    })
    .from(users)
    .where(eq(users.id, author.id));
  if (!row || row.importedFrom !== null) return false;
  return row.approved < threshold;
}

/** For a reply: a thread whose opening post is not approved takes replies from its author only,
 * and those wait for approval too; everyone else is refused (the thread is hidden from them). Given
 * the opening post's approval state (null: none), answers with a refusal, pending, or null when the
 * author's own standing decides (authorNeedsApproval). The reply reads the state with its other
 * checks (lib/forum/reply-writes.ts). */
export function openingPostApproval(
  author: Viewer,
  thread: { authorId: string | null },
  openingState: string | null,
): { refusal: string } | { pending: true } | null {
  if (openingState === null || openingState === "approved") return null;
  if (thread.authorId !== author.id) {
    return {
      refusal: isStaff(author)
        ? "This thread is waiting for approval: approve it before replying."
        : "This thread does not exist any more.",
    };
  }
  return { pending: true };
}

export async function pendingPostCount(): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(
      and(eq(posts.approvalState, "pending"), isNull(posts.deletedAt), isNull(threads.deletedAt)),
    );
  return row?.n ?? 0;
}

export interface PendingPost {
  id: number;
  url: string;
  html: string;
  createdAt: Date;
  position: number;
  /** The thread's opening post: approving it shows the whole thread. */
  startsThread: boolean;
  thread: { id: number; title: string; url: string };
  forum: { title: string; url: string };
  author: { name: string; url: string | null; joinedOn: string | null };
}

export interface ApprovalQueue {
  posts: PendingPost[];
  total: number;
  page: number;
  pageCount: number;
}

/** Posts waiting for approval, oldest first, each with its thread and forum. Null past the last page. */
export async function listPendingPosts({ page }: { page: number }): Promise<ApprovalQueue | null> {
  const waiting = and(
    eq(posts.approvalState, "pending"),
    isNull(posts.deletedAt),
    isNull(threads.deletedAt),
  );
  const [{ total } = { total: 0 }] = await db
    .select({ total: count() })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(waiting);
  const pageCount = Math.max(1, Math.ceil(total / QUEUE_PER_PAGE));
  if (page > pageCount) return null;
  const rows = await db
    .select({
      post: {
        id: posts.id,
        html: posts.html,
        createdAt: posts.createdAt,
        position: posts.position,
        authorName: posts.authorName,
      },
      thread: {
        id: threads.id,
        slug: threads.slug,
        title: threads.title,
        firstPostId: threads.firstPostId,
      },
      forum: { title: forums.title, slug: forums.slug },
      author: { number: users.number, name: users.name, joinedOn: users.joinedOn },
    })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .innerJoin(forums, eq(forums.id, threads.forumId))
    .leftJoin(users, eq(users.id, posts.authorId))
    .where(waiting)
    .orderBy(asc(posts.createdAt), asc(posts.id))
    .limit(QUEUE_PER_PAGE)
    .offset((page - 1) * QUEUE_PER_PAGE);
  return {
    total,
    page,
    pageCount,
    posts: rows.map(({ post, thread, forum, author }) => ({
      id: post.id,
      url: postUrl(post.id),
      html: post.html,
      createdAt: post.createdAt,
      position: post.position,
      startsThread: thread.firstPostId === post.id,
      thread: { id: thread.id, title: thread.title, url: threadUrl(thread) },
      forum: { title: forum.title, url: forumUrl(forum) },
      author: author
        ? { name: author.name, url: memberUrl(author), joinedOn: author.joinedOn }
        : { name: post.authorName, url: null, joinedOn: null },
    })),
  };
}

/** Locks the post's thread, then the post, in the order replies lock them. */
async function lockPending(tx: Tx, postId: number) {
  const [found] = await tx
    .select({ threadId: posts.threadId })
    .from(posts)
    .where(eq(posts.id, postId));
  if (!found) return null;
  const [thread] = await tx
    .select({
      id: threads.id,
      forumId: threads.forumId,
      title: threads.title,
      authorId: threads.authorId,
      firstPostId: threads.firstPostId,
      deletedAt: threads.deletedAt,
    })
    .from(threads)
    .where(eq(threads.id, found.threadId))
    .for("update");
  const [post] = await tx
    .select({
      id: posts.id,
      threadId: posts.threadId,
      authorId: posts.authorId,
      authorName: posts.authorName,
      position: posts.position,
      source: posts.source,
      html: posts.html,
      createdAt: posts.createdAt,
      deletedAt: posts.deletedAt,
      approvalState: posts.approvalState,
    })
    .from(posts)
    .where(eq(posts.id, postId))
    .for("update");
  if (!thread || !post || post.threadId !== thread.id) return null;
  return { thread, post };
}

const alreadyHandled = (state: string) =>
  refuse(`This post was already ${state === "approved" ? "approved" : "rejected"}.`);

/** Staff approve a waiting post: it shows to everyone and moves the counters a new post moves
 * (thread replies and last post, forum threads/messages and last post, the author's message count),
 * and its alerts go out now. */
export async function approvePost(viewer: Viewer, postId: number): Promise<ModerationResult> {
  if (!can(viewer, "approvePosts")) return refuse(staffRefusal(viewer, "approve posts"));
  const result = await db.transaction(async (tx) => {
    const locked = await lockPending(tx, postId);
    if (!locked) return refuse("This post does not exist any more.");
    const { thread, post } = locked;
    if (post.approvalState !== "pending") return alreadyHandled(post.approvalState);
    if (post.deletedAt || thread.deletedAt)
      return refuse("This post was deleted: there is nothing to approve.");
    const startsThread = thread.firstPostId === post.id;
    if (!startsThread && thread.firstPostId !== null) {
      const [opening] = await tx
        .select({ state: posts.approvalState })
        .from(posts)
        .where(eq(posts.id, thread.firstPostId));
      if (opening && opening.state !== "approved")
        return refuse("Approve the thread's opening post first.");
    }

    await tx.update(posts).set({ approvalState: "approved" }).where(eq(posts.id, post.id));
    await announcePost(tx, { threadId: thread.id, id: post.id, authorId: post.authorId });
    // The thread's last post is its highest approved position, as if the post had arrived now in its slot.
    const later = sql`coalesce((select lp.position from posts lp where lp.id = ${threads.lastPostId}), 0) <= ${post.position}`;
    await tx
      .update(threads)
      .set({
        replyCount: startsThread ? threads.replyCount : sql`${threads.replyCount} + 1`,
        lastPostId: sql`case when ${later} then ${post.id} else ${threads.lastPostId} end`,
        lastPostAt: sql`case when ${later} then ${post.createdAt.toISOString()}::timestamptz else ${threads.lastPostAt} end`,
      })
      .where(eq(threads.id, thread.id));
    const newer = sql`coalesce((select lp.created_at from posts lp where lp.id = ${forums.lastPostId}), '-infinity'::timestamptz) <= ${post.createdAt.toISOString()}::timestamptz`;
    await tx
      .update(forums)
      .set({
        threadCount: startsThread ? sql`${forums.threadCount} + 1` : forums.threadCount,
        messageCount: sql`${forums.messageCount} + 1`,
        lastPostId: sql`case when ${newer} then ${post.id} else ${forums.lastPostId} end`,
      })
      .where(eq(forums.id, thread.forumId));
    if (post.authorId) {
      await tx
        .update(users)
        .set({ messageCount: sql`${users.messageCount} + 1` })
        .where(eq(users.id, post.authorId));
      const facts = await renderFacts(tx, post.source);
      await alertApprovedPost(tx, {
        postId: post.id,
        actorId: post.authorId,
        quotedAuthorIds: facts.quoted.map((q) => q.authorId),
        mentionedIds: mentionedMemberIds(post.html, facts),
        threadId: thread.id,
      });
      await autoWatch(tx, post.authorId, thread.id);
    }
    await logModAction(tx, {
      actorId: viewer.id!,
      action: "post.approve",
      targetType: "post",
      targetId: post.id,
      targetLabel: thread.title,
      details: { threadId: thread.id, author: post.authorName, startsThread },
    });
    return ok({
      message: startsThread
        ? `Approved ${post.authorName}'s thread “${thread.title}”.`
        : `Approved ${post.authorName}'s reply in “${thread.title}”.`,
    });
  });
  // Its alerts were written with the approval; their mails go out now it is committed.
  if (result.ok) startAlertMails(postId);
  return result;
}

/** Staff reject a waiting post: it stays hidden from everyone but its author (who sees it was
 * rejected) and moves no counter. Rejecting a thread's opening post rejects its waiting replies too. */
export async function rejectPost(
  viewer: Viewer,
  postId: number,
  note?: string,
): Promise<ModerationResult> {
  if (!can(viewer, "approvePosts")) return refuse(staffRefusal(viewer, "reject posts"));
  const reason = note?.trim() || null;
  if (reason && reason.length > REASON.max) return refuse(REASON.tooLong);
  return db.transaction(async (tx) => {
    const locked = await lockPending(tx, postId);
    if (!locked) return refuse("This post does not exist any more.");
    const { thread, post } = locked;
    if (post.approvalState !== "pending") return alreadyHandled(post.approvalState);
    const startsThread = thread.firstPostId === post.id;
    const rejected = await tx
      .update(posts)
      .set({ approvalState: "rejected" })
      .where(
        startsThread
          ? and(eq(posts.threadId, thread.id), eq(posts.approvalState, "pending"))
          : eq(posts.id, post.id),
      )
      .returning({ id: posts.id });
    await logModAction(tx, {
      actorId: viewer.id!,
      action: "post.reject",
      targetType: "post",
      targetId: post.id,
      targetLabel: thread.title,
      reason,
      details: {
        threadId: thread.id,
        author: post.authorName,
        startsThread,
        ...(startsThread
          ? { alsoRejected: rejected.map((r) => r.id).filter((id) => id !== post.id) }
          : {}),
      },
    });
    return ok({
      message: startsThread
        ? `Rejected ${post.authorName}'s thread “${thread.title}”.`
        : `Rejected ${post.authorName}'s reply in “${thread.title}”.`,
    });
  });
}
