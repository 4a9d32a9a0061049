// Imports the scraped seed documents (db/seed/documents) into an empty forum, in one transaction.
// Parsing lives in lib/import (pure and unit-tested); this file only writes rows.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import type { Database } from "../connect";
import { categories, forums, posts, postQuotes, settings, threads, users } from "../schema";
import type { Tx } from "../tx";
import { parseSeedDocument } from "@/lib/import/parse-document";
import { importedPostMarkup } from "@/lib/import/to-markup";
import type { ImportedDocument } from "@/lib/import/types";
import { renderPost } from "@/lib/markup/render";
import { usernameSkeleton } from "@/lib/accounts/username-skeleton";
import { GUEST_NAME } from "@/lib/forum/constants";
import { memberUrl, slugify } from "@/lib/urls";

export const SEED_DIR = path.join(process.cwd(), "db", "seed", "documents");
const SEEDED_KEY = "seed_imported_at";

const FORUM_LAYOUT = [
  {
    category: {
      title: "Geopolitics",
      description: "World affairs, alliances and defence policy",
      position: 1,
    },
    forum: {
      slug: "global-defence",
      title: "Global Defence",
      description: "Strategy, diplomacy and the armed forces of the world.",
      position: 1,
    },
    kind: "discussion",
  },
  {
    category: {
      title: "Reading room",
      description: "Articles shared with the community",
      position: 2,
    },
    forum: {
      slug: "articles",
      title: "Articles",
      description: "News reports and analysis, posted in full.",
      position: 1,
    },
    kind: "article",
  },
] as const;

export async function readSeedDocuments(dir = SEED_DIR): Promise<ImportedDocument[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".txt")).sort();
  return Promise.all(
    files.map(async (file) =>
      parseSeedDocument(file, await readFile(path.join(dir, file), "utf8")),
    ),
  );
}

/** Runs the import once per database; later starts find the marker and do nothing. */
export async function importSeedsIfEmpty(
  db: Database,
  log = (m: string) => console.log(m),
): Promise<boolean> {
  const started = performance.now();
  const documents = await readSeedDocuments();
  return db.transaction(async (tx) => {
    // Two app instances starting together must not both import.
    await tx.execute(sql`select pg_advisory_xact_lock(727274)`);
    const [done] = await tx.select().from(settings).where(eq(settings.key, SEEDED_KEY));
    if (done) return false;
    const stats = await writeDocuments(tx, documents);
    await tx.insert(settings).values({ key: SEEDED_KEY, value: new Date().toISOString() });
    const ms = Math.round(performance.now() - started);
    log(
      `Imported ${stats.threads} threads, ${stats.posts} posts and ${stats.members} members from the seed documents in ${ms} ms.`,
    );
    return true;
  });
}

async function writeDocuments(tx: Tx, documents: ImportedDocument[]) {
  const forumIdByKind = new Map<string, number>();
  for (const layout of FORUM_LAYOUT) {
    const [category] = await tx
      .insert(categories)
      .values(layout.category)
      .returning({ id: categories.id });
    const [forum] = await tx
      .insert(forums)
      .values({ ...layout.forum, categoryId: category!.id })
      .returning({ id: forums.id });
    forumIdByKind.set(layout.kind, forum!.id);
  }

  const memberIds = new Map<string, string>();
  const memberUrls = new Map<string, string>();
  const skeletons = new Set(
    (await tx.select({ skeleton: users.usernameSkeleton }).from(users)).flatMap((u) =>
      u.skeleton ? [u.skeleton] : [],
    ),
  );
  for (const doc of documents) {
    for (const m of doc.members) {
      const key = m.username.toLowerCase();
      if (memberIds.has(key)) continue;
      // Seed names are imported as they are; a second look-alike gets no skeleton, as at start-up
      // (db/seed/username-skeletons.ts), and is reported there.
      const skeleton = usernameSkeleton(m.username);
      const [row] = await tx
        .insert(users)
        .values({
          name: m.username,
          usernameSkeleton: skeletons.has(skeleton) ? null : skeleton,
          memberTitle: m.memberTitle,
          customTitle: m.customTitle,
          joinedOn: m.joinedOn,
          messageCount: m.messageCount,
          reactionScore: m.reactionScore,
          countryCode: m.countryCode,
          location: m.location,
          importedFrom: doc.thread.sourceFile,
        })
        .returning({ id: users.id, number: users.number, name: users.name });
      skeletons.add(skeleton);
      memberIds.set(key, row!.id);
      memberUrls.set(key, memberUrl(row!));
    }
  }

  // Imported posts keep their order; their times are the import's, spaced a second apart.
  const totalPosts = documents.reduce((n, d) => n + d.thread.posts.length, 0);
  let clock = Date.now() - totalPosts * 1000;
  let postCount = 0;
  for (const doc of documents) {
    const { thread: t } = doc;
    const forumId = forumIdByKind.get(t.kind)!;
    const authorOf = (username: string | null) => ({
      id: username ? (memberIds.get(username.toLowerCase()) ?? null) : null,
      name: username ?? (t.kind === "article" && t.byline ? t.byline : GUEST_NAME),
    });
    const opener = authorOf(t.posts[0]?.authorUsername ?? null);
    const [thread] = await tx
      .insert(threads)
      .values({
        forumId,
        title: t.title,
        slug: slugify(t.title),
        authorId: opener.id,
        authorName: opener.name,
        importedFrom: t.sourceFile,
        createdAt: new Date(clock),
      })
      .returning({ id: threads.id });
    const threadId = thread!.id;

    const inserted = await tx
      .insert(posts)
      .values(
        t.posts.map((p, i) => {
          const author = authorOf(p.authorUsername);
          return {
            threadId,
            authorId: author.id,
            authorName: author.name,
            position: i + 1,
            source: "",
            html: "",
            isEdited: p.edited,
            importedFrom: `${t.sourceFile}#${i + 1}`,
            createdAt: new Date((clock += 1000)),
          };
        }),
      )
      .returning({ id: posts.id, authorName: posts.authorName, createdAt: posts.createdAt });

    for (const [i, p] of t.posts.entries()) {
      const quoted = new Set<number>();
      const source = importedPostMarkup(p, (index) => {
        const target = inserted[index]!;
        quoted.add(target.id);
        return { author: target.authorName, postId: target.id };
      });
      await tx
        .update(posts)
        .set({ source, html: renderPost(source, { members: memberUrls }) })
        .where(eq(posts.id, inserted[i]!.id));
      if (quoted.size)
        await tx
          .insert(postQuotes)
          .values([...quoted].map((q) => ({ postId: inserted[i]!.id, quotedPostId: q })));
    }

    const last = inserted[inserted.length - 1]!;
    await tx
      .update(threads)
      .set({
        replyCount: inserted.length - 1,
        firstPostId: inserted[0]!.id,
        lastPostId: last.id,
        lastPostAt: last.createdAt,
      })
      .where(eq(threads.id, threadId));
    await tx
      .update(forums)
      .set({
        threadCount: sql`${forums.threadCount} + 1`,
        messageCount: sql`${forums.messageCount} + ${inserted.length}`,
        lastPostId: last.id,
      })
      .where(eq(forums.id, forumId));
    postCount += inserted.length;
  }
  return { threads: documents.length, posts: postCount, members: memberIds.size };
}
