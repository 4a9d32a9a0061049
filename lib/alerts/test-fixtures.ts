// Shared set-up for the alerts and watching integration tests (not a test file itself): members,
// a forum of their own, threads, replies, reactions and ignore-list rows, made through the real code.
import { randomUUID } from "node:crypto";
import { desc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { alerts, categories, forums, ignoredMembers, users, type ReactionKind } from "@/db/schema";
import { createReply, createThread } from "../forum/posting";
import { toggleReaction } from "../forum/reactions";
import type { Viewer } from "../permissions";

let n = 0;
const run = randomUUID().slice(0, 6);

export async function makeMember(
  options: { role?: "member" | "moderator" | "admin"; autoWatch?: boolean; prefix?: string } = {},
): Promise<Viewer & { id: string; name: string }> {
  const name = `${options.prefix ?? "al"}${run}x${++n}`;
  const [row] = await db
    .insert(users)
    .values({ name, role: options.role ?? "member", autoWatch: options.autoWatch ?? true })
    .returning();
  return { id: row!.id, number: row!.number, name: row!.name, role: row!.role, isBanned: false };
}

export async function makeForum(): Promise<{ id: number; slug: string }> {
  const [category] = await db
    .insert(categories)
    .values({ title: `Alerts tests ${run}` })
    .returning();
  const slug = `alerts-tests-${run}-${++n}`;
  const [forum] = await db
    .insert(forums)
    .values({ categoryId: category!.id, slug, title: `Alerts tests ${n}` })
    .returning();
  return { id: forum!.id, slug };
}

export async function newThread(
  author: Viewer,
  forumId: number,
  title = "A thread to watch",
  message = "Opening post",
) {
  const result = await createThread(author, {
    forumId,
    title,
    message,
    idempotencyKey: randomUUID(),
  });
  if (!result.ok) throw new Error(result.error);
  return result;
}

export async function reply(
  author: Viewer,
  threadId: number,
  message = "A reply",
  idempotencyKey = randomUUID(),
) {
  const result = await createReply(author, { threadId, message, idempotencyKey });
  if (!result.ok) throw new Error(result.error);
  return result;
}

export const quoting = (postId: number, name: string, message: string) =>
  `::: quote ${postId} ${name}\nQuoted words\n:::\n\n${message}`;

export async function react(viewer: Viewer, postId: number, kind: ReactionKind = "like") {
  const result = await toggleReaction(viewer, postId, kind);
  if (!result.ok) throw new Error(result.error);
  return result.reaction;
}

/** The ignore list's UI belongs to another feature: rows are written directly. */
export async function ignore(member: { id: string }, ignored: { id: string }) {
  await db.insert(ignoredMembers).values({ userId: member.id, ignoredId: ignored.id });
}

/** Every alert a member has, newest first, as (kind, actor, post). */
export async function alertsOf(member: { id: string }) {
  return db
    .select({ kind: alerts.kind, actorId: alerts.actorId, postId: alerts.postId })
    .from(alerts)
    .where(eq(alerts.userId, member.id))
    .orderBy(desc(alerts.id));
}

export async function alertsAbout(postId: number) {
  return db
    .select({ userId: alerts.userId, kind: alerts.kind })
    .from(alerts)
    .where(eq(alerts.postId, postId));
}
