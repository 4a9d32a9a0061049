// Categories, as administrators manage them at /admin/forums: create, rename and describe, reorder,
// and delete an empty one. Each change writes its moderator log line in the same transaction.
import "server-only";
import { asc, count, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { categories, forums } from "@/db/schema";
import type { Tx } from "@/db/tx";
import { logModAction } from "../moderation/log-entry";
import { ok, refuse } from "../result";
import { asAdmin, swapWithNeighbour, type AdminResult } from "./guard";
import { categoryIdSchema, directionSchema, namedSchema } from "./inputs";
import type { Viewer } from "../permissions";

const CATEGORY_GONE = "This category does not exist any more.";

async function lockCategories(tx: Tx) {
  // Every category change locks the list in order, so two reorders never interleave.
  return tx
    .select({ id: categories.id, title: categories.title })
    .from(categories)
    .orderBy(asc(categories.position), asc(categories.id))
    .for("update");
}

export function createCategory(viewer: Viewer, input: unknown): Promise<AdminResult> {
  return asAdmin(viewer, namedSchema, input, async (tx, { title, description }, actorId) => {
    await lockCategories(tx);
    const [{ last } = { last: 0 }] = await tx
      .select({ last: sql<number>`coalesce(max(${categories.position}), 0)::int` })
      .from(categories);
    const [made] = await tx
      .insert(categories)
      .values({ title, description, position: last + 1 })
      .returning({ id: categories.id });
    await logModAction(tx, {
      actorId,
      action: "category.create",
      targetType: "category",
      targetId: made!.id,
      targetLabel: title,
    });
    return ok({ message: `The category “${title}” was created.` });
  });
}

const updateInput = namedSchema.extend({ categoryId: categoryIdSchema });

export function updateCategory(viewer: Viewer, input: unknown): Promise<AdminResult> {
  return asAdmin(
    viewer,
    updateInput,
    input,
    async (tx, { categoryId, title, description }, actorId) => {
      const [was] = await tx
        .select()
        .from(categories)
        .where(eq(categories.id, categoryId))
        .for("update");
      if (!was) return refuse(CATEGORY_GONE);
      if (was.title === title && was.description === description)
        return ok({ message: "Nothing changed." });
      await tx.update(categories).set({ title, description }).where(eq(categories.id, categoryId));
      await logModAction(tx, {
        actorId,
        action: "category.update",
        targetType: "category",
        targetId: categoryId,
        targetLabel: title,
        details: { from: { title: was.title, description: was.description } },
      });
      return ok({ message: `The category “${title}” was saved.` });
    },
  );
}

const moveInput = z.object({ categoryId: categoryIdSchema, direction: directionSchema });

export function moveCategory(viewer: Viewer, input: unknown): Promise<AdminResult> {
  return asAdmin(viewer, moveInput, input, async (tx, { categoryId, direction }, actorId) => {
    const siblings = await lockCategories(tx);
    const category = siblings.find((c) => c.id === categoryId);
    if (!category) return refuse(CATEGORY_GONE);
    const moved = await swapWithNeighbour(siblings, categoryId, direction, async (id, position) => {
      await tx.update(categories).set({ position }).where(eq(categories.id, id));
    });
    if (!moved)
      return refuse(`“${category.title}” is already ${direction === "up" ? "first" : "last"}.`);
    await logModAction(tx, {
      actorId,
      action: `category.move-${direction}`,
      targetType: "category",
      targetId: categoryId,
      targetLabel: category.title,
    });
    return ok({ message: `“${category.title}” moved ${direction}.` });
  });
}

const deleteInput = z.object({ categoryId: categoryIdSchema });

/** Only an empty category goes: its forums must be moved or deleted first. */
export function deleteCategory(viewer: Viewer, input: unknown): Promise<AdminResult> {
  return asAdmin(viewer, deleteInput, input, async (tx, { categoryId }, actorId) => {
    const [category] = await tx
      .select()
      .from(categories)
      .where(eq(categories.id, categoryId))
      .for("update");
    if (!category) return refuse(CATEGORY_GONE);
    const [{ n } = { n: 0 }] = await tx
      .select({ n: count() })
      .from(forums)
      .where(eq(forums.categoryId, categoryId));
    if (n > 0) return refuse(`“${category.title}” still has forums: move or delete them first.`);
    await tx.delete(categories).where(eq(categories.id, categoryId));
    await logModAction(tx, {
      actorId,
      action: "category.delete",
      targetType: "category",
      targetId: categoryId,
      targetLabel: category.title,
    });
    return ok({ message: `The category “${category.title}” was deleted.` });
  });
}
