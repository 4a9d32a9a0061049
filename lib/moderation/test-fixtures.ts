// Shared set-up for the moderation integration tests (not a test file itself): members of each role,
// a forum of their own (so recounts never see other files' posts), threads and replies.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { categories, forums, modLog, settings, users } from "@/db/schema";
import { createReply, createThread } from "../forum/posting";
import type { Viewer } from "../permissions";
import { APPROVAL_SETTING } from "./approval";

let n = 0;
export async function makeMember(
  role: "member" | "moderator" | "admin" = "member",
  options: { banned?: boolean; imported?: boolean } = {},
): Promise<Viewer> {
  const name = `mod${process.pid}x${++n}`;
  const [row] = await db
    .insert(users)
    .values({
      name,
      role,
      bannedAt: options.banned ? new Date() : null,
      importedFrom: options.imported ? `test:${name}` : null,
    })
    .returning();
  return {
    id: row!.id,
    number: row!.number,
    name: row!.name,
    role: row!.role,
    isBanned: options.banned ?? false,
  };
}

export async function makeForum(): Promise<{ id: number; slug: string }> {
  const [category] = await db
    .insert(categories)
    .values({ title: `Moderation tests ${++n}` })
    .returning();
  const slug = `moderation-tests-${process.pid}-${n}`;
  const [forum] = await db
    .insert(forums)
    .values({ categoryId: category!.id, slug, title: `Moderation tests ${n}` })
    .returning();
  return { id: forum!.id, slug };
}

export async function newThread(
  author: Viewer,
  forumId: number,
  title = "A thread to moderate",
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

export async function reply(author: Viewer, threadId: number, message = "A reply") {
  const result = await createReply(author, { threadId, message, idempotencyKey: randomUUID() });
  if (!result.ok) throw new Error(result.error);
  return result;
}

/** Log lines about one target (a post, a report, a setting). */
export async function logLines(targetType: string, targetId: string | number) {
  return db
    .select({
      action: modLog.action,
      actorId: modLog.actorId,
      reason: modLog.reason,
      details: modLog.details,
    })
    .from(modLog)
    .where(sql`${modLog.targetType} = ${targetType} and ${modLog.targetId} = ${String(targetId)}`)
    .orderBy(modLog.id);
}

/** Approval off again, whatever a test did: other test files post as new members. */
export async function resetApprovalSetting() {
  await db.delete(settings).where(eq(settings.key, APPROVAL_SETTING));
}
