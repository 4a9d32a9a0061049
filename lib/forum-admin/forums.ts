// Forums, as administrators manage them at /admin/forums: create, rename and describe, reorder within
// a category, move to another category, and delete. A forum with threads is deleted only with
// somewhere to move them: its threads move with their counters kept exact (the same measurement
// moderation's thread moves use), then the empty forum goes. Each change logs in its transaction.
import "server-only";
import { and, asc, eq, inArray, like, ne, or, sql } from "drizzle-orm";
import { z } from "zod";
import { categories, forums, threads } from "@/db/schema";
import type { Tx } from "@/db/tx";
import { applyContributions, contributions } from "../moderation/counters";
import { logModAction } from "../moderation/log-entry";
import type { Viewer } from "../permissions";
import { ok, refuse } from "../result";
import { slugify } from "../urls";
import { asAdmin, swapWithNeighbour, type AdminResult } from "./guard";
import { categoryIdSchema, directionSchema, forumIdSchema, namedSchema } from "./inputs";

const FORUM_GONE = "This forum does not exist any more.";
const CATEGORY_GONE = "That category does not exist any more.";
/** Threads moved per step when a forum is deleted: bounds each statement's parameter list. */
const MOVE_BATCH = 1000;

async function lockForum(tx: Tx, forumId: number) {
  const [forum] = await tx.select().from(forums).where(eq(forums.id, forumId)).for("update");
  return forum ?? null;
}

async function categoryExists(tx: Tx, categoryId: number) {
  const [row] = await tx
    .select({ id: categories.id, title: categories.title })
    .from(categories)
    .where(eq(categories.id, categoryId))
    .for("share");
  return row ?? null;
}

/** The forums of a category in their order, locked, so two reorders never interleave. */
function lockSiblings(tx: Tx, categoryId: number) {
  return tx
    .select({ id: forums.id })
    .from(forums)
    .where(eq(forums.categoryId, categoryId))
    .orderBy(asc(forums.position), asc(forums.id))
    .for("update");
}

async function lastPosition(tx: Tx, categoryId: number): Promise<number> {
  const [row] = await tx
    .select({ last: sql<number>`coalesce(max(${forums.position}), 0)::int` })
    .from(forums)
    .where(eq(forums.categoryId, categoryId));
  return row?.last ?? 0;
}

/** The title's slug, or with -2, -3… when another forum has it. A rename keeps the slug, so links
 * to the forum never break. */
async function freeSlug(tx: Tx, title: string): Promise<string> {
  const base = slugify(title);
  const taken = new Set(
    (
      await tx
        .select({ slug: forums.slug })
        .from(forums)
        .where(or(eq(forums.slug, base), like(forums.slug, `${base}-%`)))
    ).map((row) => row.slug),
  );
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

const createInput = namedSchema.extend({ categoryId: categoryIdSchema });

export function createForum(viewer: Viewer, input: unknown): Promise<AdminResult> {
  return asAdmin(
    viewer,
    createInput,
    input,
    async (tx, { categoryId, title, description }, actorId) => {
      const category = await categoryExists(tx, categoryId);
      if (!category) return refuse(CATEGORY_GONE);
      await lockSiblings(tx, categoryId);
      const slug = await freeSlug(tx, title);
      const [made] = await tx
        .insert(forums)
        .values({
          categoryId,
          title,
          description,
          slug,
          position: (await lastPosition(tx, categoryId)) + 1,
        })
        .returning({ id: forums.id });
      await logModAction(tx, {
        actorId,
        action: "forum.create",
        targetType: "forum",
        targetId: made!.id,
        targetLabel: title,
        details: { category: category.title, slug },
      });
      return ok({ message: `The forum “${title}” was created in ${category.title}.` });
    },
  );
}

const updateInput = namedSchema.extend({ forumId: forumIdSchema });

export function updateForum(viewer: Viewer, input: unknown): Promise<AdminResult> {
  return asAdmin(
    viewer,
    updateInput,
    input,
    async (tx, { forumId, title, description }, actorId) => {
      const was = await lockForum(tx, forumId);
      if (!was) return refuse(FORUM_GONE);
      if (was.title === title && was.description === description)
        return ok({ message: "Nothing changed." });
      await tx.update(forums).set({ title, description }).where(eq(forums.id, forumId));
      await logModAction(tx, {
        actorId,
        action: "forum.update",
        targetType: "forum",
        targetId: forumId,
        targetLabel: title,
        details: { from: { title: was.title, description: was.description } },
      });
      return ok({ message: `The forum “${title}” was saved.` });
    },
  );
}

const moveInput = z.object({ forumId: forumIdSchema, direction: directionSchema });

export function moveForum(viewer: Viewer, input: unknown): Promise<AdminResult> {
  return asAdmin(viewer, moveInput, input, async (tx, { forumId, direction }, actorId) => {
    const [forum] = await tx
      .select({ title: forums.title, categoryId: forums.categoryId })
      .from(forums)
      .where(eq(forums.id, forumId));
    if (!forum) return refuse(FORUM_GONE);
    const siblings = await lockSiblings(tx, forum.categoryId);
    const moved = await swapWithNeighbour(siblings, forumId, direction, async (id, position) => {
      await tx.update(forums).set({ position }).where(eq(forums.id, id));
    });
    if (!moved)
      return refuse(
        `“${forum.title}” is already ${direction === "up" ? "first" : "last"} in its category.`,
      );
    await logModAction(tx, {
      actorId,
      action: `forum.move-${direction}`,
      targetType: "forum",
      targetId: forumId,
      targetLabel: forum.title,
    });
    return ok({ message: `“${forum.title}” moved ${direction}.` });
  });
}

const categoryInput = z.object({ forumId: forumIdSchema, categoryId: categoryIdSchema });

/** Puts the forum last in another category. */
export function changeForumCategory(viewer: Viewer, input: unknown): Promise<AdminResult> {
  return asAdmin(viewer, categoryInput, input, async (tx, { forumId, categoryId }, actorId) => {
    const forum = await lockForum(tx, forumId);
    if (!forum) return refuse(FORUM_GONE);
    const category = await categoryExists(tx, categoryId);
    if (!category) return refuse(CATEGORY_GONE);
    if (forum.categoryId === categoryId)
      return refuse(`“${forum.title}” is already in ${category.title}.`);
    await lockSiblings(tx, categoryId);
    await tx
      .update(forums)
      .set({ categoryId, position: (await lastPosition(tx, categoryId)) + 1 })
      .where(eq(forums.id, forumId));
    await logModAction(tx, {
      actorId,
      action: "forum.change-category",
      targetType: "forum",
      targetId: forumId,
      targetLabel: forum.title,
      details: { fromCategoryId: forum.categoryId, toCategoryId: categoryId, to: category.title },
    });
    return ok({ message: `“${forum.title}” moved to ${category.title}.` });
  });
}

const deleteInput = z.object({
  forumId: forumIdSchema,
  /** Where its threads go; required only when it has any. */
  moveThreadsTo: z
    .union([z.literal(""), forumIdSchema])
    .optional()
    .transform((v) => (v === "" ? undefined : v)),
});

/** Every thread of the forum, deleted ones included (they keep their forum for a restore). */
async function threadIdsOf(tx: Tx, forumId: number): Promise<number[]> {
  const rows = await tx
    .select({ id: threads.id })
    .from(threads)
    .where(eq(threads.forumId, forumId))
    .orderBy(asc(threads.id))
    .for("update");
  return rows.map((row) => row.id);
}

export function deleteForum(viewer: Viewer, input: unknown): Promise<AdminResult> {
  return asAdmin(viewer, deleteInput, input, async (tx, { forumId, moveThreadsTo }, actorId) => {
    const forum = await lockForum(tx, forumId);
    if (!forum) return refuse(FORUM_GONE);
    const threadIds = await threadIdsOf(tx, forumId);
    let target: { id: number; title: string } | null = null;
    if (threadIds.length > 0) {
      if (moveThreadsTo === undefined)
        return refuse(`“${forum.title}” has threads: choose a forum to move them to.`);
      if (moveThreadsTo === forumId) return refuse("Choose another forum to move the threads to.");
      target = await lockForum(tx, moveThreadsTo);
      if (!target) return refuse("The forum to move the threads to does not exist any more.");
      for (let i = 0; i < threadIds.length; i += MOVE_BATCH) {
        const batch = threadIds.slice(i, i + MOVE_BATCH);
        const before = await contributions(tx, batch);
        await tx
          .update(threads)
          .set({ forumId: target.id })
          .where(and(inArray(threads.id, batch), ne(threads.forumId, target.id)));
        await applyContributions(tx, before, await contributions(tx, batch));
      }
    }
    await tx.delete(forums).where(eq(forums.id, forumId));
    await logModAction(tx, {
      actorId,
      action: "forum.delete",
      targetType: "forum",
      targetId: forumId,
      targetLabel: forum.title,
      details: target
        ? { movedThreads: threadIds.length, toForumId: target.id, toForum: target.title }
        : { movedThreads: 0 },
    });
    return ok({
      message: target
        ? `“${forum.title}” was deleted; its ${threadIds.length === 1 ? "thread" : `${threadIds.length} threads`} moved to ${target.title}.`
        : `The forum “${forum.title}” was deleted.`,
    });
  });
}
