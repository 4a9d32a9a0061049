// Integration: the ignore list against the real Postgres: who may be ignored, the cap, the thread
// page's marks, and the shared notIgnoredBy filter, including a member who becomes staff later.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { ignoredMembers, posts, users } from "@/db/schema";
import { createReply, createThread } from "../forum/posting";
import { quoteMarkup } from "../markup/quote";
import { getThreadPage } from "../forum/thread-page";
import { getForumPage } from "../forum/forum-page";
import { cleanUp, makeForum, makeMember } from "@/lib/testing/factories";
import { ANONYMOUS, type Viewer } from "../permissions";
import { IGNORE_LIST_CAP } from "../limits/sizes";
import {
  ignoredMemberIds,
  ignoreMember,
  isIgnoring,
  listIgnoredMembers,
  unignoreMember,
} from "./ignore-list";
import { notIgnoredBy } from "./ignore-filter";

let reader: Viewer;
let noisy: Viewer;
let quiet: Viewer;
let moderator: Viewer;
let forumId: number;
let forumSlug: string;
const extraUsers: string[] = [];

beforeAll(async () => {
  [reader, noisy, quiet, moderator] = await Promise.all([
    makeMember(),
    makeMember(),
    makeMember(),
    makeMember({ role: "moderator" }),
  ]);
  const forum = await makeForum();
  forumId = forum.id;
  forumSlug = forum.slug;
});
afterAll(async () => {
  if (extraUsers.length) await db.delete(users).where(inArray(users.id, extraUsers));
  await cleanUp();
  await db.$client.end();
});

const setRole = (who: Viewer, role: "member" | "moderator" | "admin") =>
  db.update(users).set({ role }).where(eq(users.id, who.id!));

describe("ignoring a member", () => {
  it("refuses guests, oneself, staff and unknown names, each with its own message, and writes nothing", async () => {
    expect(await ignoreMember(ANONYMOUS, { memberId: noisy.id! })).toEqual({
      ok: false,
      error: "Sign in to manage your ignore list.",
    });
    expect(await ignoreMember(reader, { username: reader.name! })).toEqual({
      ok: false,
      error: "You cannot ignore yourself.",
    });
    expect(await ignoreMember(reader, { memberId: moderator.id! })).toEqual({
      ok: false,
      error: `${moderator.name} is on the staff: moderators and administrators cannot be ignored.`,
    });
    expect(await ignoreMember(reader, { username: "  nobody-by-this-name-at-all " })).toEqual({
      ok: false,
      error: "There is no member called “nobody-by-this-name-at-all”.",
    });
    expect(await ignoreMember(reader, { memberId: randomUUID() })).toEqual({
      ok: false,
      error: "That member does not exist any more.",
    });
    expect(
      await db.select().from(ignoredMembers).where(eq(ignoredMembers.userId, reader.id!)),
    ).toEqual([]);
  });

  it("ignores by username without regard to case, once, and unignores", async () => {
    expect(await ignoreMember(reader, { username: ` ${noisy.name!.toUpperCase()} ` })).toEqual({
      ok: true,
      message: `You are now ignoring ${noisy.name}.`,
    });
    expect(await ignoreMember(reader, { memberId: noisy.id! })).toEqual({
      ok: false,
      error: `You are already ignoring ${noisy.name}.`,
    });
    expect(await isIgnoring(reader.id, noisy.id!)).toBe(true);
    expect(await isIgnoring(noisy.id, reader.id!)).toBe(false);
    expect([...(await ignoredMemberIds(reader.id))]).toEqual([noisy.id]);
    expect(await listIgnoredMembers(reader.id!)).toEqual([
      expect.objectContaining({
        id: noisy.id,
        name: noisy.name,
        url: `/members/${noisy.number}-${noisy.name}`,
        isStaff: false,
      }),
    ]);

    expect(await unignoreMember(reader, noisy.id!)).toEqual({
      ok: true,
      message: `You are no longer ignoring ${noisy.name}.`,
    });
    expect(await unignoreMember(reader, noisy.id!)).toEqual({
      ok: true,
      message: `You were not ignoring ${noisy.name}.`,
    });
    expect(await unignoreMember(ANONYMOUS, noisy.id!)).toEqual({
      ok: false,
      error: "Sign in to manage your ignore list.",
    });
    expect(await ignoredMemberIds(reader.id)).toEqual(new Set());
  });

  it(`stops at ${IGNORE_LIST_CAP} entries`, async () => {
    const collector = await makeMember();
    const tag = `cap${process.pid}x${Date.now().toString(36)}`;
    const many = await db
      .insert(users)
      .values(Array.from({ length: IGNORE_LIST_CAP }, (_, i) => ({ name: `${tag}n${i}` })))
      .returning({ id: users.id });
    extraUsers.push(...many.map((m) => m.id));
    await db
      .insert(ignoredMembers)
      .values(many.map((m) => ({ userId: collector.id!, ignoredId: m.id })));
    expect(await ignoreMember(collector, { memberId: noisy.id! })).toEqual({
      ok: false,
      error: "Your ignore list is full (1,000 members). Unignore someone first.",
    });
    // An entry already on a full list is still answered as such.
    expect(await ignoreMember(collector, { memberId: many[0]!.id })).toEqual({
      ok: false,
      error: `You are already ignoring ${tag}n0.`,
    });
    await unignoreMember(collector, many[0]!.id);
    expect(await ignoreMember(collector, { memberId: noisy.id! })).toMatchObject({ ok: true });
    expect(await listIgnoredMembers(collector.id!)).toHaveLength(IGNORE_LIST_CAP);
  });
});

describe("what ignoring hides", () => {
  async function threadByThree() {
    const opening = await createThread(reader, {
      forumId,
      title: `Ignore test ${randomUUID().slice(0, 8)}`,
      message: "Opening post",
      idempotencyKey: randomUUID(),
    });
    if (!opening.ok) throw new Error(opening.error);
    const replies: number[] = [];
    for (const author of [noisy, quiet, noisy]) {
      // quiet quotes noisy's first reply, and the reader's opening post.
      const quotes =
        author === quiet
          ? `${quoteMarkup({ author: noisy.name!, postId: replies[0]! }, "noise")}${quoteMarkup({ author: reader.name!, postId: opening.postId }, "Opening post")}`
          : "";
      const reply = await createReply(author, {
        threadId: opening.threadId,
        message: `${quotes}Reply by ${author.name}`,
        idempotencyKey: randomUUID(),
      });
      if (!reply.ok) throw new Error(reply.error);
      replies.push(reply.postId);
    }
    return { threadId: opening.threadId, quotedNoise: replies[0]! };
  }

  it("marks the ignored member's posts on the thread page for the ignoring reader only, and unmarks them when the member becomes staff", async () => {
    const { threadId, quotedNoise } = await threadByThree();
    expect(await ignoreMember(reader, { memberId: noisy.id! })).toMatchObject({ ok: true });
    const pageFor = async (viewer: Viewer) =>
      (await getThreadPage(threadId, 1, { viewerId: viewer.id, seesDeleted: false }))!;
    const marks = async (viewer: Viewer) =>
      (await pageFor(viewer)).posts.map((p) => [p.author.name, p.isIgnored]);

    expect(await marks(reader)).toEqual([
      [reader.name, false],
      [noisy.name, true],
      [quiet.name, false],
      [noisy.name, true],
    ]);
    expect((await marks(quiet)).every(([, ignored]) => ignored === false)).toBe(true);
    expect((await marks(ANONYMOUS)).every(([, ignored]) => ignored === false)).toBe(true);
    // quiet's quote of noisy collapses for the reader; the quote of the reader's own post does not.
    expect((await pageFor(reader)).ignoredQuotes).toEqual([quotedNoise]);
    expect((await pageFor(reader)).posts[2]!.html).toContain(`data-post-id="${quotedNoise}"`);
    expect((await pageFor(quiet)).ignoredQuotes).toEqual([]);
    expect((await pageFor(ANONYMOUS)).ignoredQuotes).toEqual([]);

    // Promoted after being ignored: shown again at once; the entry stays on the list, marked.
    await setRole(noisy, "moderator");
    try {
      expect((await marks(reader)).every(([, ignored]) => ignored === false)).toBe(true);
      expect((await pageFor(reader)).ignoredQuotes).toEqual([]);
      expect(await isIgnoring(reader.id, noisy.id!)).toBe(false);
      expect(await listIgnoredMembers(reader.id!)).toEqual([
        expect.objectContaining({ id: noisy.id, isStaff: true }),
      ]);
    } finally {
      await setRole(noisy, "member");
    }
    expect((await marks(reader)).filter(([, ignored]) => ignored)).toHaveLength(2);
    await unignoreMember(reader, noisy.id!);
  });

  it("leaves threads started by an ignored member out of the forum's list, for that viewer only", async () => {
    const started = await createThread(noisy, {
      forumId,
      title: `Noisy thread ${randomUUID().slice(0, 8)}`,
      message: "Noise",
      idempotencyKey: randomUUID(),
    });
    if (!started.ok) throw new Error(started.error);
    const listedFor = async (viewer: Viewer) =>
      (await getForumPage(forumSlug, 1, { viewerId: viewer.id }))!.threads.map((t) => t.id);

    expect(await listedFor(reader)).toContain(started.threadId);
    await ignoreMember(reader, { memberId: noisy.id! });
    expect(await listedFor(reader)).not.toContain(started.threadId);
    // Threads by others stay, and so does the thread for everyone else.
    expect((await listedFor(reader)).length).toBeGreaterThan(0);
    expect(await listedFor(quiet)).toContain(started.threadId);
    expect(await listedFor(ANONYMOUS)).toContain(started.threadId);

    await setRole(noisy, "moderator");
    try {
      expect(await listedFor(reader)).toContain(started.threadId);
    } finally {
      await setRole(noisy, "member");
    }
    await unignoreMember(reader, noisy.id!);
    expect(await listedFor(reader)).toContain(started.threadId);
  });

  it("notIgnoredBy leaves out ignored members' rows for that viewer only, and never staff", async () => {
    const { threadId } = await threadByThree();
    await ignoreMember(reader, { memberId: noisy.id! });
    const authorsSeenBy = async (viewer: Viewer) =>
      (
        await db
          .select({ name: posts.authorName })
          .from(posts)
          .where(and(eq(posts.threadId, threadId), notIgnoredBy(viewer.id, posts.authorId)))
          .orderBy(posts.position)
      ).map((r) => r.name);

    expect(await authorsSeenBy(reader)).toEqual([reader.name, quiet.name]);
    expect(await authorsSeenBy(quiet)).toEqual([reader.name, noisy.name, quiet.name, noisy.name]);
    expect(await authorsSeenBy(ANONYMOUS)).toEqual([
      reader.name,
      noisy.name,
      quiet.name,
      noisy.name,
    ]);

    // Given the outer query's own users.id, the filter must still look at the ignore list's member.
    const members = [reader.id!, noisy.id!, quiet.id!];
    const listed = async () =>
      (
        await db
          .select({ id: users.id })
          .from(users)
          .where(and(inArray(users.id, members), notIgnoredBy(reader.id, users.id)))
      )
        .map((r) => r.id)
        .sort();
    expect(await listed()).toEqual([reader.id!, quiet.id!].sort());

    // An ignore row left from before a promotion hides nothing (even one written around the rules).
    await setRole(noisy, "admin");
    try {
      expect(await authorsSeenBy(reader)).toEqual([
        reader.name,
        noisy.name,
        quiet.name,
        noisy.name,
      ]);
      expect(await listed()).toEqual([...members].sort());
    } finally {
      await setRole(noisy, "member");
    }
    await unignoreMember(reader, noisy.id!);
    expect(await authorsSeenBy(reader)).toHaveLength(4);
    // The filter is plain SQL: it composes into raw statements too.
    const [row] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from posts where thread_id = ${threadId} and ${notIgnoredBy(reader.id, sql`posts.author_id`)}`,
    );
    expect(row!.n).toBe(4);
  });
});
