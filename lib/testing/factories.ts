// Rows for the integration tests (not a test file itself), made through the real code where there is
// one (threads, replies, reactions) so counters and alerts move as they do for members. Everything
// is named per run, so the test files sharing one database never see each other's rows; cleanUp()
// removes what this module made, for files whose neighbours count forums or members.
import { randomUUID } from "node:crypto";
import { eq, inArray, or } from "drizzle-orm";
import { db } from "@/db/client";
import {
  categories,
  forums,
  ignoredMembers,
  modLog,
  settings,
  threads,
  users,
  type ReactionKind,
} from "@/db/schema";
import { createReply, createThread } from "../forum/posting";
import { toggleReaction } from "../forum/reactions";
import { APPROVAL_SETTING } from "../moderation/approval";
import type { Role, Viewer } from "../permissions";

const run = randomUUID().slice(0, 6);
let n = 0;
const unique = () => `${run}x${++n}`;

const made = { users: [] as string[], categories: [] as number[], forums: [] as number[] };

/** A member as the tests pass them around: a signed-in viewer, plus what loadViewer needs. */
export type Member = Viewer & {
  id: string;
  number: number;
  name: string;
  role: Role;
  sessionVersion: number;
};

export interface MemberOptions {
  role?: Role;
  /** The exact username; by default one made up for this run, starting with `prefix`. */
  name?: string;
  prefix?: string;
  /** Banned now (true), or with the ban's details; a ban that has ended leaves `isBanned` false. */
  banned?: true | { since?: Date; reason?: string; endsAt?: Date | null };
  /** As if brought in by the seed import (imported members skip the approval queue). */
  imported?: boolean;
  /** The "watch threads I post in" setting; on by default, as for new members. */
  autoWatch?: boolean;
}

export async function makeMember(options: MemberOptions = {}): Promise<Member> {
  const name = options.name ?? `${options.prefix ?? "m"}${unique()}`;
  const ban = options.banned === true ? {} : options.banned;
  const [row] = await db
    .insert(users)
    .values({
      name,
      role: options.role ?? "member",
      bannedAt: ban ? (ban.since ?? new Date()) : null,
      banReason: ban?.reason ?? null,
      banEndsAt: ban?.endsAt ?? null,
      importedFrom: options.imported ? `test:${name}` : null,
      autoWatch: options.autoWatch ?? true,
    })
    .returning();
  made.users.push(row!.id);
  return {
    id: row!.id,
    number: row!.number,
    name: row!.name,
    role: row!.role,
    sessionVersion: row!.sessionVersion,
    isBanned: !!ban && (!ban.endsAt || ban.endsAt > new Date()),
  };
}

/** A forum in a category of its own, so its counters start from zero and no other file posts in it. */
export async function makeForum(options: { title?: string } = {}) {
  const id = unique();
  const [category] = await db
    .insert(categories)
    .values({ title: `Tests ${id}` })
    .returning();
  made.categories.push(category!.id);
  const [forum] = await db
    .insert(forums)
    .values({
      categoryId: category!.id,
      slug: `tests-${id}`,
      title: options.title ?? `Tests ${id}`,
    })
    .returning();
  made.forums.push(forum!.id);
  return forum!;
}

export async function newThread(options: {
  author: Viewer;
  forumId: number;
  title?: string;
  message?: string;
}) {
  const result = await createThread(options.author, {
    forumId: options.forumId,
    title: options.title ?? "A thread to test with",
    message: options.message ?? "Opening post",
    idempotencyKey: randomUUID(),
  });
  if (!result.ok) throw new Error(result.error);
  return result;
}

export async function reply(options: {
  author: Viewer;
  threadId: number;
  message?: string;
  /** The same key twice is the same submit (a double click): the second answers with the first post. */
  idempotencyKey?: string;
}) {
  const result = await createReply(options.author, {
    threadId: options.threadId,
    message: options.message ?? "A reply",
    idempotencyKey: options.idempotencyKey ?? randomUUID(),
  });
  if (!result.ok) throw new Error(result.error);
  return result;
}

/** A thread with an opening post and one reply per further message, each by a member of its own
 * (the posting rate limit is per member). Returns the thread id and post ids in order. */
export async function makeThread(options: { forumId: number; messages: string[]; title?: string }) {
  const title = options.title ?? `Thread ${unique()}`;
  const opener = await makeMember();
  const first = await newThread({
    author: opener,
    forumId: options.forumId,
    title,
    message: options.messages[0] ?? "Opening post",
  });
  const postIds = [first.postId];
  for (const message of options.messages.slice(1))
    postIds.push(
      (await reply({ author: await makeMember(), threadId: first.threadId, message })).postId,
    );
  return { threadId: first.threadId, postIds, opener, title };
}

/** Markup quoting a post, then the member's own words. */
export const quoting = (postId: number, name: string, message: string) =>
  `::: quote ${postId} ${name}\nQuoted words\n:::\n\n${message}`;

export async function react(viewer: Viewer, postId: number, kind: ReactionKind = "like") {
  const result = await toggleReaction(viewer, postId, kind);
  if (!result.ok) throw new Error(result.error);
  return result.reaction;
}

/** An ignore-list row, written directly: the list's own rules are tested in lib/members. */
export async function ignore(member: { id: string }, ignored: { id: string }) {
  await db.insert(ignoredMembers).values({ userId: member.id, ignoredId: ignored.id });
}

/** Approval off again, whatever a test did: other test files post as new members. */
export async function resetApprovalSetting() {
  await db.delete(settings).where(eq(settings.key, APPROVAL_SETTING));
}

/** Removes what this module made in this file: threads of its forums, the forums, the members and
 * the moderator log lines by or about them. */
export async function cleanUp(): Promise<void> {
  if (made.forums.length) {
    await db.delete(threads).where(inArray(threads.forumId, made.forums));
    await db.delete(forums).where(inArray(forums.id, made.forums));
  }
  if (made.categories.length)
    await db.delete(categories).where(inArray(categories.id, made.categories));
  if (made.users.length) {
    await db
      .delete(modLog)
      .where(or(inArray(modLog.actorId, made.users), inArray(modLog.targetId, made.users)));
    await db.delete(users).where(inArray(users.id, made.users));
  }
  made.users = [];
  made.categories = [];
  made.forums = [];
}
