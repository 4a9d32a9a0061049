// Starting threads, replying and editing. Each write and every counter it moves (thread replies and
// last post, forum threads/messages and last post, the author's message count) commit together.
import "server-only";
import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { forums, postEdits, postQuotes, posts, threads, users } from "@/db/schema";
import type { Tx } from "@/db/tx";
import { alertNewPost, type NewPostAlerts } from "../alerts/create";
import { startAlertMails } from "../alert-mail/queue";
import { can, mayViewForum, OPEN_FORUM, type Viewer } from "../permissions";
import {
  approvalThresholdOf,
  authorNeedsApproval,
  openingPostApproval,
} from "../moderation/approval";
import { postingRefusal, replyRefusal, threadRefusal } from "../permissions/posting";
import { forumAccessColumns } from "./forum-access";
import { ok, refuse, type Result } from "../result";
import { postUrl, slugify } from "../urls";
import { autoWatch } from "../watching/watch";
import type { PollInput } from "../polls/input";
import { insertPoll } from "../polls/create";
import { recordThreadRead } from "../reading/reads";
import { idempotencyKeySchema, messageSchema, POSTING, titleSchema } from "./posting-rules";
import { claimAttachments } from "../attachments/claim";
import { mentionedMemberIds, renderForSaving, type RenderedForSaving } from "./render-context";
import {
  countInForum,
  lockAuthor,
  lockForReply,
  postingChecks,
  writeApprovedReply,
} from "./reply-writes";

export type PostingField = "title" | "message" | "form";
export type PostingResult = Result<{ postId: number; threadId: number; url: string }, PostingField>;

/** The post's own timestamp, to the microsecond (a JS Date would round it to milliseconds). */
const postTime = (postId: number) =>
  sql`(select ${posts.createdAt} from ${posts} where ${posts.id} = ${postId})`;

const fail = (field: PostingField, error: string) => refuse(error, field);
const done = (postId: number, threadId: number) => ok({ postId, threadId, url: postUrl(postId) });

/** Refuses posting faster than the limit, given the member's posts of the last minute (read under
 * their row's lock: lib/forum/reply-writes.ts postingChecks). */
function rateLimitRefusal(recent: { count: number; oldest: Date | null }): string | null {
  if (recent.count < POSTING.perMinute) return null;
  const oldest = recent.oldest ? recent.oldest.getTime() : Date.now();
  const seconds = Math.max(1, Math.ceil((oldest + 60_000 - Date.now()) / 1000));
  return `You are posting too fast (${POSTING.perMinute} posts a minute at most). Try again in ${seconds} seconds.`;
}

/** Renders and inserts one post at the end of a locked thread, with its quotes; its author now
 * watches the thread (if their auto-watch setting is on). Answers with whom to alert, once committed. */
/** A pending post (approval queue) moves no counter and sends no alert until approved (lib/moderation/approval.ts). */
async function insertPost(
  tx: Tx,
  input: {
    threadId: number;
    author: { id: string; name: string };
    source: string;
    rendered: RenderedForSaving;
    key: string;
    pending?: boolean;
  },
) {
  const [{ next } = { next: 1 }] = await tx
    .select({ next: sql<number>`coalesce(max(${posts.position}), 0) + 1` })
    .from(posts)
    .where(eq(posts.threadId, input.threadId));
  const { html } = input.rendered;
  const [post] = await tx
    .insert(posts)
    .values({
      threadId: input.threadId,
      authorId: input.author.id,
      authorName: input.author.name,
      position: next,
      source: input.source,
      html,
      idempotencyKey: input.key,
      approvalState: input.pending ? "pending" : "approved",
      // The wall clock now, under the thread lock, not the transaction's start: a later position is
      // never an earlier time, which keeps "last post" pointers and their recounts in agreement.
      createdAt: sql`clock_timestamp()`,
    })
    .returning({ id: posts.id, createdAt: posts.createdAt });
  await afterInsert(tx, {
    postId: post!.id,
    authorId: input.author.id,
    source: input.source,
    rendered: input.rendered,
  });
  if (input.pending) return { ...post!, alerts: null };
  await tx
    .update(users)
    .set({ messageCount: sql`${users.messageCount} + 1`, lastSeenAt: sql`now()` })
    .where(eq(users.id, input.author.id));
  await autoWatch(tx, input.author.id, input.threadId);
  return { ...post!, alerts: alertsFor(post!.id, input.threadId, input.author.id, input.rendered) };
}

/** What a new post owns besides its row: the quotes it makes and the uploads its text uses. */
async function afterInsert(
  tx: Tx,
  input: { postId: number; authorId: string; source: string; rendered: RenderedForSaving },
) {
  const { quoted } = input.rendered.facts;
  if (quoted.length)
    await tx
      .insert(postQuotes)
      .values(quoted.map((q) => ({ postId: input.postId, quotedPostId: q.postId })));
  await claimAttachments(tx, input);
}

/** Whom an approved post alerts, once committed: those it quotes and mentions, and the watchers. */
function alertsFor(
  postId: number,
  threadId: number,
  authorId: string,
  { html, facts }: RenderedForSaving,
): NewPostAlerts {
  return {
    postId,
    threadId,
    actorId: authorId,
    quotedAuthorIds: facts.quoted.map((q) => q.authorId),
    mentionedIds: mentionedMemberIds(html, facts),
  };
}

/** Alerts go out once the post is committed, outside its transaction: the thread, member and forum
 * locks are not held while a watched thread's thousand alerts are written. A reply is announced on
 * the live channel by the same statement (`announce`; lib/forum/reply-writes.ts). A failure to alert
 * is logged and the post stands (it is already saved; the member must not post it again). The alert
 * mails that follow from the alerts go out in the background: the poster does not wait for them. */
async function sendAlerts(
  alerts: NewPostAlerts | null,
  { announce }: { announce: boolean },
): Promise<void> {
  if (!alerts) return;
  const written = await alertNewPost(alerts, { announce }).then(
    () => true,
    (error: unknown) => {
      console.error("alerts for a new post failed", error);
      return false;
    },
  );
  if (written) startAlertMails(alerts.postId);
}

/** Whoever posts has read the thread up to their post: it is not "unread" for them on the next list.
 * (Reading pages no longer record read marks while rendering; the personal answer does, after the
 * page loads, and a member who posts and moves on at once may leave before it.) Best effort. */
async function markOwnPostRead(viewer: Viewer, result: PostingResult): Promise<void> {
  if (!result.ok || !can(viewer, "keepReadingState")) return;
  await recordThreadRead(viewer, result.threadId, [result.postId]).catch(() => {});
}

export async function createReply(
  viewer: Viewer,
  input: { threadId: number; message: unknown; idempotencyKey: unknown },
): Promise<PostingResult> {
  const message = messageSchema.safeParse(input.message);
  if (!message.success) return fail("message", message.error.issues[0]!.message);
  const key = idempotencyKeySchema.safeParse(input.idempotencyKey);
  if (!key.success) return fail("form", key.error.issues[0]!.message);
  if (!viewer.id || !viewer.name || viewer.isBanned)
    return fail("form", postingRefusal(viewer, "post"));
  const author = { id: viewer.id, name: viewer.name };
  // Rendered before the transaction, not under the thread's lock, where every other reply to the
  // thread waited for it: the members it mentions and the posts it quotes are read as of a moment
  // earlier, as if the member had sent it then. Its refusal still comes in the order it always did.
  const rendered = await renderForSaving(db, message.data);
  let alerts: NewPostAlerts | null = null;
  const keepsReadingState = can(viewer, "keepReadingState");
  let markedRead = false;
  let forumCounted: Promise<void> = Promise.resolve();

  const result = await db.transaction(async (tx) => {
    const { thread, checks } = await lockForReply(tx, {
      threadId: input.threadId,
      authorId: author.id,
      key: key.data,
    });
    if (!thread || thread.deletedAt || !mayViewForum(viewer, thread.forum))
      return fail("form", "This thread does not exist any more.");
    if (checks.previous) return done(checks.previous.id, checks.previous.threadId);
    const refusal = replyRefusal(viewer, thread);
    if (refusal) return fail("form", refusal);
    const tooFast = rateLimitRefusal(checks.recent);
    if (tooFast) return fail("form", tooFast);
    const opening = openingPostApproval(viewer, thread, checks.openingState);
    if (opening && "refusal" in opening) return fail("form", opening.refusal);
    if (rendered.refusal) return fail("message", rendered.refusal);
    const pending =
      opening?.pending ??
      (await authorNeedsApproval(tx, viewer, {
        threshold: approvalThresholdOf(checks.approvalSetting),
      }));

    if (pending) {
      // Moves no counter and alerts nobody until approved: the general path, rarely taken.
      const post = await insertPost(tx, {
        threadId: thread.id,
        author,
        source: message.data,
        rendered,
        key: key.data,
        pending: true,
      });
      return done(post.id, thread.id);
    }
    const postId = await writeApprovedReply(tx, {
      threadId: thread.id,
      author,
      source: message.data,
      html: rendered.html,
      key: key.data,
      markRead: keepsReadingState,
    });
    markedRead = keepsReadingState;
    await afterInsert(tx, { postId, authorId: author.id, source: message.data, rendered });
    alerts = alertsFor(postId, thread.id, author.id, rendered);
    // Not awaited here: the COMMIT follows it in the same round trip, so the forum's row, which
    // every reply in the forum queues on, is held for the commit alone. A failure is thrown below;
    // Postgres then turned that COMMIT into a rollback, so nothing of the reply was saved.
    forumCounted = countInForum(tx, thread.forumId, postId, { threads: 0 });
    forumCounted.catch(() => {});
    return done(postId, thread.id);
  });
  await forumCounted;
  // An approved reply marked the thread read in its own statement; a held or repeated one did not.
  await Promise.all([
    sendAlerts(alerts, { announce: true }),
    markedRead ? null : markOwnPostRead(viewer, result),
  ]);
  return result;
}

export async function createThread(
  viewer: Viewer,
  input: {
    forumId: number;
    title: unknown;
    message: unknown;
    idempotencyKey: unknown;
    /** Checked already (lib/polls/input.ts parsePoll); written with the thread. */
    poll?: PollInput | null;
  },
): Promise<PostingResult> {
  const title = titleSchema.safeParse(input.title);
  const message = messageSchema.safeParse(input.message);
  if (!title.success) return fail("title", title.error.issues[0]!.message);
  if (!message.success) return fail("message", message.error.issues[0]!.message);
  const key = idempotencyKeySchema.safeParse(input.idempotencyKey);
  if (!key.success) return fail("form", key.error.issues[0]!.message);
  // Whether they may post at all; the forum's own rules are checked once it is read below.
  if (!can(viewer, "postThread", OPEN_FORUM) || !viewer.id || !viewer.name)
    return fail("form", postingRefusal(viewer, "post"));
  const author = { id: viewer.id, name: viewer.name };
  let alerts: NewPostAlerts | null = null;

  const result = await db.transaction(async (tx) => {
    // Locks in the order a reply takes them, member before forum (the forum's last, in
    // countInForum): a member's reply and new thread in one forum at once deadlocked otherwise.
    await lockAuthor(tx, author.id);
    const checks = await postingChecks(tx, {
      authorId: author.id,
      key: key.data,
      threadId: null,
    });
    if (checks.previous) return done(checks.previous.id, checks.previous.threadId);
    const tooFast = rateLimitRefusal(checks.recent);
    if (tooFast) return fail("form", tooFast);
    const [forum] = await tx
      .select({ id: forums.id, ...forumAccessColumns })
      .from(forums)
      .where(eq(forums.id, input.forumId));
    if (!forum || !mayViewForum(viewer, forum)) return fail("form", "This forum does not exist.");
    const refusal = threadRefusal(viewer, forum);
    if (refusal) return fail("form", refusal);
    const rendered = await renderForSaving(tx, message.data);
    if (rendered.refusal) return fail("message", rendered.refusal);
    const pending = await authorNeedsApproval(tx, viewer, {
      threshold: approvalThresholdOf(checks.approvalSetting),
    });

    const [thread] = await tx
      .insert(threads)
      .values({
        forumId: forum.id,
        title: title.data,
        slug: slugify(title.data),
        authorId: author.id,
        authorName: author.name,
      })
      .returning({ id: threads.id });
    if (input.poll) await insertPoll(tx, thread!.id, input.poll);
    const post = await insertPost(tx, {
      threadId: thread!.id,
      author,
      source: message.data,
      rendered,
      key: key.data,
      pending,
    });
    await tx
      .update(threads)
      .set({ firstPostId: post.id, lastPostId: post.id, lastPostAt: postTime(post.id) })
      .where(eq(threads.id, thread!.id));
    // A thread waiting for approval is hidden from others and counted in its forum once approved.
    if (pending) return done(post.id, thread!.id);
    alerts = post.alerts;
    await countInForum(tx, forum.id, post.id, { threads: 1 });
    return done(post.id, thread!.id);
  });
  // Its post was announced in its transaction (by the posts trigger), as every new thread's is.
  await Promise.all([sendAlerts(alerts, { announce: false }), markOwnPostRead(viewer, result)]);
  return result;
}

/** Edits a post, keeping the previous version for moderators. */
export async function editPost(
  viewer: Viewer,
  input: { postId: number; message: unknown },
): Promise<PostingResult> {
  const message = messageSchema.safeParse(input.message);
  if (!message.success) return fail("message", message.error.issues[0]!.message);

  return db.transaction(async (tx) => {
    const [post] = await tx
      .select({
        id: posts.id,
        threadId: posts.threadId,
        authorId: posts.authorId,
        source: posts.source,
        deletedAt: posts.deletedAt,
        thread: { isLocked: threads.isLocked, deletedAt: threads.deletedAt },
        forum: forumAccessColumns,
      })
      .from(posts)
      .innerJoin(threads, eq(threads.id, posts.threadId))
      .innerJoin(forums, eq(forums.id, threads.forumId))
      .where(eq(posts.id, input.postId))
      .for("update", { of: posts });
    if (!post || post.deletedAt || post.thread.deletedAt)
      return fail("form", "This post does not exist any more.");
    if (!can(viewer, "editPost", { ...post, thread: { ...post.thread, forum: post.forum } }))
      return fail("form", postingRefusal(viewer, "edit"));
    if (post.source === message.data) return done(post.id, post.threadId);

    const { html, facts, refusal } = await renderForSaving(tx, message.data);
    if (refusal) return fail("message", refusal);
    await tx
      .insert(postEdits)
      .values({ postId: post.id, editorId: viewer.id, previousSource: post.source });
    await tx
      .update(posts)
      .set({ source: message.data, html, isEdited: true, editedAt: sql`now()` })
      .where(eq(posts.id, post.id));
    await tx.delete(postQuotes).where(eq(postQuotes.postId, post.id));
    if (facts.quoted.length)
      await tx
        .insert(postQuotes)
        .values(facts.quoted.map((q) => ({ postId: post.id, quotedPostId: q.postId })));
    await claimAttachments(tx, { postId: post.id, authorId: post.authorId, source: message.data });
    return done(post.id, post.threadId);
  });
}
