// Integration: the admin panel's category and forum changes against the real Postgres. Non-admins
// are refused with nothing written; each change writes one log line; deleting a forum moves its
// threads with every counter equal to a recount.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { categories, forums, modLog, threads } from "@/db/schema";
import { ANONYMOUS } from "../permissions";
import { cleanUp, makeForum, makeMember, makeThread, type Member } from "@/lib/testing/factories";
import { ALL_MATCH_FORUM, forumMatchesRecount, logCount } from "@/lib/testing/inspect";
import { createCategory, deleteCategory, moveCategory, updateCategory } from "./categories";
import { changeForumCategory, createForum, deleteForum, moveForum, updateForum } from "./forums";
import { forumStructure } from "./structure";

let admin: Member;
let moderator: Member;
const madeCategories: number[] = [];
const stamp = Math.random().toString(36).slice(2, 8);

beforeAll(async () => {
  admin = await makeMember({ role: "admin" });
  moderator = await makeMember({ role: "moderator" });
});

afterAll(async () => {
  const mine = await db
    .select({ id: forums.id })
    .from(forums)
    .where(inArray(forums.categoryId, madeCategories.length ? madeCategories : [-1]));
  if (mine.length) {
    const ids = mine.map((f) => f.id);
    await db.delete(threads).where(inArray(threads.forumId, ids));
    await db.delete(forums).where(inArray(forums.id, ids));
  }
  if (madeCategories.length)
    await db.delete(categories).where(inArray(categories.id, madeCategories));
  await cleanUp();
  await db.$client.end();
});

async function categoryNamed(title: string) {
  const [row] = await db.select().from(categories).where(eq(categories.title, title));
  if (row && !madeCategories.includes(row.id)) madeCategories.push(row.id);
  return row!;
}

const forumsIn = (categoryId: number) =>
  db
    .select({ id: forums.id, title: forums.title, slug: forums.slug })
    .from(forums)
    .where(eq(forums.categoryId, categoryId))
    .orderBy(asc(forums.position), asc(forums.id));

describe("categories and forums", () => {
  it("refuses everyone but administrators, writing nothing", async () => {
    const logged = await logCount();
    for (const viewer of [ANONYMOUS, moderator]) {
      const result = await createCategory(viewer, { title: `Nope ${stamp}` });
      expect(result.ok).toBe(false);
    }
    const banned = await makeMember({ role: "admin", banned: true });
    expect((await createCategory(banned, { title: `Nope ${stamp}` })).ok).toBe(false);
    expect(
      await db
        .select()
        .from(categories)
        .where(eq(categories.title, `Nope ${stamp}`)),
    ).toEqual([]);
    expect(await logCount()).toBe(logged);
  });

  it("creates, renames, reorders and moves, one log line per change", async () => {
    const logged = await logCount();
    expect((await createCategory(admin, { title: `Cat A ${stamp}`, description: "" })).ok).toBe(
      true,
    );
    expect((await createCategory(admin, { title: `Cat B ${stamp}` })).ok).toBe(true);
    const a = await categoryNamed(`Cat A ${stamp}`);
    const b = await categoryNamed(`Cat B ${stamp}`);
    expect(a.description).toBeNull();

    for (const title of ["First", "Second", "Third"])
      expect((await createForum(admin, { categoryId: a.id, title: `${title} ${stamp}` })).ok).toBe(
        true,
      );
    const made = await forumsIn(a.id);
    expect(made.map((f) => f.title)).toEqual([
      `First ${stamp}`,
      `Second ${stamp}`,
      `Third ${stamp}`,
    ]);
    // A second forum with the same title gets a slug of its own.
    expect((await createForum(admin, { categoryId: b.id, title: `First ${stamp}` })).ok).toBe(true);
    const [twin] = await forumsIn(b.id);
    expect(twin!.slug).toBe(`${made[0]!.slug}-2`);

    const third = made[2]!;
    expect((await moveForum(admin, { forumId: third.id, direction: "up" })).ok).toBe(true);
    expect((await forumsIn(a.id)).map((f) => f.id)).toEqual([made[0]!.id, third.id, made[1]!.id]);
    const atTop = await moveForum(admin, { forumId: made[0]!.id, direction: "up" });
    expect(atTop).toMatchObject({ ok: false, error: expect.stringMatching(/already first/) });

    expect((await moveCategory(admin, { categoryId: b.id, direction: "up" })).ok).toBe(true);
    const order = (await forumStructure()).map((c) => c.id);
    expect(order.indexOf(b.id)).toBeLessThan(order.indexOf(a.id));

    const renamed = await updateForum(admin, {
      forumId: third.id,
      title: `  Renamed ${stamp} `,
      description: "About it",
    });
    expect(renamed.ok).toBe(true);
    const [row] = await db.select().from(forums).where(eq(forums.id, third.id));
    expect(row).toMatchObject({ title: `Renamed ${stamp}`, description: "About it" });
    // The slug stays, so links to the forum keep working.
    expect(row!.slug).toBe(third.slug);
    expect((await updateCategory(admin, { categoryId: a.id, title: `Cat A2 ${stamp}` })).ok).toBe(
      true,
    );

    expect((await changeForumCategory(admin, { forumId: third.id, categoryId: b.id })).ok).toBe(
      true,
    );
    expect((await forumsIn(b.id)).map((f) => f.id).at(-1)).toBe(third.id);

    // 2 categories, 4 forums, 1 move (the refused one logs nothing), 1 category move, 2 renames,
    // 1 change of category.
    expect((await logCount()) - logged).toBe(11);
    const [line] = await db
      .select()
      .from(modLog)
      .where(eq(modLog.action, "forum.update"))
      .orderBy(asc(modLog.id))
      .limit(1);
    expect(line).toMatchObject({ targetType: "forum", actorId: admin.id });
  });

  it("refuses an empty title and keeps the category until it is empty", async () => {
    expect(await createCategory(admin, { title: "  " })).toMatchObject({
      ok: false,
      error: "Enter a title.",
    });
    const b = await categoryNamed(`Cat B ${stamp}`);
    expect((await deleteCategory(admin, { categoryId: b.id })).ok).toBe(false);
  });

  it("deletes an empty forum, and one with threads only by moving them, counters exact", async () => {
    const from = await makeForum();
    const to = await makeForum();
    const empty = await makeForum();
    expect((await deleteForum(admin, { forumId: empty.id })).ok).toBe(true);

    await makeThread({ forumId: from.id, messages: ["one", "two", "three"] });
    await makeThread({ forumId: from.id, messages: ["four"] });
    await makeThread({ forumId: to.id, messages: ["five", "six"] });

    const refused = await deleteForum(admin, { forumId: from.id, moveThreadsTo: "" });
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/has threads/) });
    expect((await deleteForum(admin, { forumId: from.id, moveThreadsTo: from.id })).ok).toBe(false);

    const result = await deleteForum(admin, { forumId: from.id, moveThreadsTo: String(to.id) });
    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/2 threads moved/) });
    expect(await db.select().from(forums).where(eq(forums.id, from.id))).toEqual([]);
    const [after] = await db.select().from(forums).where(eq(forums.id, to.id));
    expect(after).toMatchObject({ threadCount: 3, messageCount: 6 });
    expect(await forumMatchesRecount(to.id)).toEqual(ALL_MATCH_FORUM);
    const [line] = await db
      .select()
      .from(modLog)
      .where(eq(modLog.targetId, String(from.id)));
    expect(line).toMatchObject({ action: "forum.delete", details: { movedThreads: 2 } });
  });
});
