// Old thread addresses that still lead somewhere: a thread merged into another is deleted, and its
// URLs (bookmarks, links in other posts, search engines) answer a permanent redirect to the thread
// that now holds its posts.
import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { threadRedirects, threads } from "@/db/schema";
import type { Tx } from "@/db/tx";

/** Called by a merge before the source thread's row is deleted: addresses that led to the source
 * now lead to the target (no chains), and so does the source's own. */
export async function redirectMergedThread(tx: Tx, sourceId: number, targetId: number) {
  await tx
    .update(threadRedirects)
    .set({ targetThreadId: targetId })
    .where(eq(threadRedirects.targetThreadId, sourceId));
  await tx
    .insert(threadRedirects)
    .values({ oldThreadId: sourceId, targetThreadId: targetId })
    .onConflictDoUpdate({
      target: threadRedirects.oldThreadId,
      set: { targetThreadId: targetId },
    });
}

/** The thread a deleted thread was merged into, or null. */
export async function mergedInto(
  oldThreadId: number,
): Promise<{ id: number; slug: string } | null> {
  const [row] = await db
    .select({ id: threads.id, slug: threads.slug })
    .from(threadRedirects)
    .innerJoin(threads, eq(threads.id, threadRedirects.targetThreadId))
    .where(eq(threadRedirects.oldThreadId, oldThreadId))
    .limit(1);
  return row ?? null;
}
