// Alert mails: once a new post's alerts are written (lib/alerts/create.ts, after the post commits),
// the members alerted about it who asked for mail (a reply in a thread they watch, a quote, a
// mention) are mailed, at most once per thread until they read it again. The post does not wait for
// any of it: startAlertMails runs in the background, and a mail server that is down costs a line in
// /admin/outbox, never the reply.
//
// Batching: `alert_mails` keeps, per member and thread, the time of the post last mailed about. A new
// post mails the member only when their read marks (the thread's, "Mark forum read", "Mark all
// read") have reached that time, i.e. they came back and read what the last mail was about. The
// claim is one insert … on conflict, so of two replies committing at once only one mails.
import "server-only";
import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import {
  alertMails,
  alerts,
  forumReads,
  forums,
  posts,
  threadReads,
  threads,
  users,
} from "@/db/schema";
import { mailIsConfigured, sendMail } from "../mail/send";
import { siteOrigin } from "../mail/site-origin";
import { threadShownTo } from "../moderation/visibility";
import { can, type Role, type Viewer } from "../permissions";
import { awaitingTwoFactorSql } from "../permissions/load-viewer";
import { alertMail, type AlertMailKind } from "./message";
import { unsubscribeToken } from "./unsubscribe-token";

const MAILED_KINDS: AlertMailKind[] = ["quote", "mention", "reply"];

interface Candidate {
  id: string;
  number: number;
  name: string;
  email: string | null;
  role: Role;
  awaitingTwoFactor: boolean;
  bannedAt: Date | null;
  banEndsAt: Date | null;
  kind: (typeof alerts.$inferSelect)["kind"];
}

/** The recipient as lib/permissions judges a viewer: banned now, or staff acting as a member. */
function asViewer(member: Candidate, now: Date): Viewer {
  return {
    id: member.id,
    number: member.number,
    name: member.name,
    role: member.awaitingTwoFactor ? "member" : member.role,
    isBanned: member.bannedAt !== null && (member.banEndsAt === null || member.banEndsAt > now),
  };
}

/** The post, if it is still there for its readers, with what the mail says about it. */
async function mailedPost(postId: number) {
  const [post] = await db
    .select({
      id: posts.id,
      source: posts.source,
      actorName: posts.authorName,
      thread: { id: threads.id, title: threads.title, authorId: threads.authorId },
      openToAll: threadShownTo(null),
      forum: { viewRule: forums.viewRule },
    })
    .from(posts)
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .innerJoin(forums, eq(forums.id, threads.forumId))
    .where(
      and(
        eq(posts.id, postId),
        eq(posts.approvalState, "approved"),
        isNull(posts.deletedAt),
        isNull(threads.deletedAt),
      ),
    )
    .limit(1);
  return post ?? null;
}

/** Members alerted about the post who want mail and can get it: opted in, a confirmed address, not
 * banned, still allowed to read the forum (lib/permissions), and able to see the thread. The alerts
 * already leave out the post's author and members ignoring them. */
async function recipientsOf(post: NonNullable<Awaited<ReturnType<typeof mailedPost>>>, now: Date) {
  const candidates: Candidate[] = await db
    .select({
      id: users.id,
      number: users.number,
      name: users.name,
      email: users.email,
      role: users.role,
      awaitingTwoFactor: awaitingTwoFactorSql,
      bannedAt: users.bannedAt,
      banEndsAt: users.banEndsAt,
      kind: alerts.kind,
    })
    .from(alerts)
    .innerJoin(users, eq(users.id, alerts.userId))
    .where(
      and(
        eq(alerts.postId, post.id),
        inArray(alerts.kind, MAILED_KINDS),
        eq(users.alertMail, true),
        isNotNull(users.email),
        isNotNull(users.emailVerified),
      ),
    );
  return candidates.filter(
    (member) =>
      (post.openToAll || post.thread.authorId === member.id) &&
      can(asViewer(member, now), "receiveAlertMail", post.forum),
  );
}

/** Of these members, the ones to mail about this post now, marked as mailed in the same statement.
 * A member's mark moves to this post only when they have read up to the post of their last mail,
 * and only forwards (a second run for the same post mails nobody twice). */
async function claim(memberIds: string[], threadId: number, postId: number): Promise<Set<string>> {
  const caughtUp = sql`greatest(
    (select ${threadReads.lastReadPostAt} from ${threadReads}
      where ${threadReads.userId} = ${alertMails.userId} and ${threadReads.threadId} = ${alertMails.threadId}),
    (select ${forumReads.readAt} from ${forumReads} join ${threads} on ${threads.forumId} = ${forumReads.forumId}
      where ${forumReads.userId} = ${alertMails.userId} and ${threads.id} = ${alertMails.threadId}),
    (select ${users.allReadAt} from ${users} where ${users.id} = ${alertMails.userId})
  ) >= ${alertMails.postAt}`;
  const rows = await db.execute<{ user_id: string }>(sql`
    insert into ${alertMails} (user_id, thread_id, post_at)
    select member.id, ${threadId}, (select ${posts.createdAt} from ${posts} where ${posts.id} = ${postId})
    from unnest(${`{${memberIds.map((id) => JSON.stringify(id)).join(",")}}`}::text[]) as member(id)
    on conflict (user_id, thread_id) do update
      set post_at = excluded.post_at, created_at = now()
      where excluded.post_at > ${alertMails.postAt} and ${caughtUp}
    returning user_id`);
  return new Set(rows.map((row) => row.user_id));
}

/** Mails everyone due a mail about this (committed) post; answers how many mails went out or were
 * kept in the outbox. Nothing without a mail server: alert mail would only fill the outbox. */
export async function mailAlertsForPost(postId: number, now = new Date()): Promise<number> {
  if (!mailIsConfigured()) return 0;
  const post = await mailedPost(postId);
  if (!post) return 0;
  const recipients = await recipientsOf(post, now);
  if (recipients.length === 0) return 0;
  const claimed = await claim(
    recipients.map((member) => member.id),
    post.thread.id,
    post.id,
  );
  // Links name SITE_URL (or this server), never a host the poster's request named.
  const origin = siteOrigin();
  let sent = 0;
  // One after another: a thread with many watchers should not open a connection each at once.
  for (const member of recipients) {
    if (!claimed.has(member.id) || !member.email) continue;
    const email = member.email;
    await sendMail(
      alertMail({
        kind: member.kind as AlertMailKind,
        recipient: { name: member.name, email },
        actorName: post.actorName,
        post,
        threadTitle: post.thread.title,
        origin,
        unsubscribeToken: unsubscribeToken({ id: member.id, number: member.number, email }),
      }),
    );
    sent += 1;
  }
  return sent;
}

const inFlight = new Set<Promise<unknown>>();

/** Starts mailing about a new post in the background; a failure is logged, never thrown at the
 * poster, whose post is saved already. */
export function startAlertMails(postId: number): void {
  const run = mailAlertsForPost(postId)
    .catch((error: unknown) => console.error(`Alert mails for post ${postId} failed:`, error))
    .finally(() => inFlight.delete(run));
  inFlight.add(run);
}

/** Resolves once the alert mails started so far have gone out (tests; a shutdown could wait too). */
export async function alertMailsSettled(): Promise<void> {
  while (inFlight.size > 0) await Promise.all([...inFlight]);
}
