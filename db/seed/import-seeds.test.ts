// Integration: the real seed documents imported into a real Postgres, read back through the same
// queries the pages use.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq, sql } from "drizzle-orm";
import { db } from "../client";
import { createDatabase, type Database } from "../connect";
import { runMigrations } from "../migrate";
import { forums, posts, postQuotes, threads, users } from "../schema";
import { importSeedsIfEmpty } from "./import-seeds";
import { ensureFirstAdmin } from "./first-admin";
import { getForumIndex } from "@/lib/forum/forum-index";
import { getForumPage } from "@/lib/forum/forum-page";
import { findPostLocation, getThreadPage } from "@/lib/forum/thread-page";
import { getMemberProfile } from "@/lib/forum/member-profile";
import { verifyPassword } from "@/lib/auth/password";

const quiet = () => {};

// The import and the first administrator are checked in a database of their own: other test files
// post, moderate and promote in the shared one. The page queries (which use the app's pool) read the
// shared database, seeded the same way.
let seeded: Database;
const seededName = `seed_test_${process.pid}`;

beforeAll(async () => {
  await db.execute(sql.raw(`create database "${seededName}"`));
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${seededName}`;
  seeded = createDatabase(url.toString(), 2);
  await runMigrations(seeded);
  await importSeedsIfEmpty(seeded, quiet);
  await importSeedsIfEmpty(db, quiet);
});
afterAll(async () => {
  await seeded.$client.end();
  await db.execute(sql.raw(`drop database "${seededName}"`));
  await db.$client.end();
});

async function threadByFile(prefix: string, from: Database = seeded) {
  const [thread] = await from
    .select()
    .from(threads)
    .where(sql`${threads.importedFrom} like ${prefix + "%"}`);
  if (!thread) throw new Error(`no thread imported from ${prefix}`);
  return thread;
}

describe("seed import", () => {
  it("imports every document once: a second run changes nothing", async () => {
    expect(await importSeedsIfEmpty(seeded, quiet)).toBe(false);
    const [counts] = await seeded.execute<{ threads: number; posts: number; members: number }>(sql`
      select (select count(*)::int from threads where imported_from is not null) as threads,
             (select count(*)::int from posts where imported_from is not null) as posts,
             (select count(*)::int from users where imported_from is not null) as members`);
    expect(counts).toEqual({ threads: 5, posts: 13 + 7 + 3, members: 6 });
  });

  it("keeps counters exact: forum totals, reply counts, first and last posts", async () => {
    const rows = await seeded.select().from(forums).orderBy(asc(forums.id));
    expect(rows.map((f) => [f.title, f.threadCount, f.messageCount])).toEqual([
      ["Global Defence", 2, 20],
      ["Articles", 3, 3],
    ]);
    const thread = await threadByFile("003");
    expect(thread.replyCount).toBe(6);
    const ordered = await seeded
      .select()
      .from(posts)
      .where(eq(posts.threadId, thread.id))
      .orderBy(asc(posts.position));
    expect(thread.firstPostId).toBe(ordered[0]!.id);
    expect(thread.lastPostId).toBe(ordered[6]!.id);
  });

  it("keeps imported members' titles and counts as the seed shows them", async () => {
    const [razor] = await seeded.select().from(users).where(eq(users.name, "Razor"));
    expect(razor).toMatchObject({
      customTitle: "STABLE GENIUS",
      memberTitle: "Senior Member",
      joinedOn: "2011-02-07",
      messageCount: 7701,
      reactionScore: 9099,
    });
    const [aepsilons] = await seeded.select().from(users).where(eq(users.name, "Aepsilons"));
    expect(aepsilons).toMatchObject({
      memberTitle: "ELITE MEMBER",
      countryCode: "JP",
      location: "United States",
      messageCount: 24960,
      reactionScore: 118,
    });
  });

  it("stores recovered quotes as blockquotes linked to the quoted post", async () => {
    const thread = await threadByFile("003");
    const ordered = await seeded
      .select()
      .from(posts)
      .where(eq(posts.threadId, thread.id))
      .orderBy(asc(posts.position));
    const [razorPost, reply] = [ordered[1]!, ordered[2]!];
    expect(reply.html).toContain(`<blockquote class="quote" data-post-id="${razorPost.id}">`);
    expect(reply.html).toContain(`<a href="/posts/${razorPost.id}">Razor said:</a>`);
    const links = await seeded.select().from(postQuotes).where(eq(postQuotes.postId, reply.id));
    expect(links).toEqual([{ postId: reply.id, quotedPostId: razorPost.id }]);
  });

  it("serves the pages' queries: index, forum, thread, member, permalink", async () => {
    const index = await getForumIndex();
    expect(index.flatMap((c) => c.forums.map((f) => f.title))).toEqual(
      expect.arrayContaining(["Global Defence", "Articles"]),
    );

    const forum = await getForumPage("articles", 1);
    expect(forum?.threads.map((t) => t.title)).toEqual(
      expect.arrayContaining([
        "Cause for optimism in Russia–Japan relations?",
        "Japan and russia relationship",
        "Russo-Japanese ties thaw after long freeze",
      ]),
    );
    expect(await getForumPage("articles", 999)).toBeNull();
    expect(await getForumPage("nope", 1)).toBeNull();

    const thread = await threadByFile("000", db);
    const page = await getThreadPage(thread.id, 1);
    expect(page?.posts).toHaveLength(13);
    expect(page?.posts[0]?.author).toMatchObject({
      name: "Aepsilons",
      countryName: "Japan",
      memberTitle: "ELITE MEMBER",
    });
    expect(page?.posts[1]?.author).toMatchObject({
      name: "Guest",
      url: null,
      memberTitle: "Guest",
    });
    expect(await getThreadPage(thread.id, 2)).toBeNull();

    const last = page!.posts[12]!;
    expect(await findPostLocation(last.id)).toBe(
      `/threads/${thread.id}-${thread.slug}#post-${last.id}`,
    );

    const [razor] = await db.select().from(users).where(eq(users.name, "Razor"));
    const profile = await getMemberProfile(razor!.number);
    expect(profile?.recentPosts).toHaveLength(2);
    expect(await getMemberProfile(999_999)).toBeNull();
  });
});

describe("first administrator", () => {
  it("is created once from ADMIN_USERNAME / ADMIN_PASSWORD with an argon2id hash", async () => {
    process.env.ADMIN_USERNAME = "Chief";
    process.env.ADMIN_PASSWORD = "a long admin password";
    await ensureFirstAdmin(seeded, quiet);
    await ensureFirstAdmin(seeded, quiet);
    const admins = await seeded.select().from(users).where(eq(users.role, "admin"));
    expect(admins.map((a) => a.name)).toEqual(["Chief"]);
    expect(admins[0]!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(admins[0]!.passwordHash!, "a long admin password")).toBe(true);
    expect(await verifyPassword(admins[0]!.passwordHash!, "wrong")).toBe(false);
  });
});
