// Integration: the personal answer for each kind of viewer, against the real Postgres.
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { alerts, forums, ignoredMembers, threads, users } from "@/db/schema";
import { ignore, makeForum, makeMember, newThread, react, reply } from "@/lib/testing/factories";
import { reportPost } from "../moderation/reports";
import { warnMember } from "../moderation/warnings";
import { unreadAmong } from "../reading/reads";
import { endSession } from "../session/sessions";
import { personalAnswer } from "./answer";
import { ALERT_COUNT_CAP, GUEST_ANSWER, type PersonalScope } from "./types";
import { KEY_COUNT_CAP } from "../alerts/unread-count-memo";

let forumId: number;
beforeAll(async () => {
  forumId = (await makeForum()).id;
});
afterAll(async () => {
  await db.$client.end();
});

const sessionOf = (member: { id: string }, sv = 0, sid: string | null = null) => ({
  uid: member.id,
  sv,
  sid,
});
const scope = (s: Partial<PersonalScope>): PersonalScope => ({
  thread: null,
  posts: [],
  threads: [],
  ...s,
});

/** A thread by `author` with a reply by `other`: the page a member opens. */
async function threadWithReply() {
  const [author, other] = [await makeMember(), await makeMember()];
  const opening = await newThread({ author, forumId });
  const answer = await reply({ author: other, threadId: opening.threadId });
  return { author, other, threadId: opening.threadId, posts: [opening.postId, answer.postId] };
}

describe("personalAnswer", () => {
  it("answers a guest, and any session whose member or version no longer matches, as a guest", async () => {
    const t = await threadWithReply();
    const page = scope({ thread: t.threadId, posts: t.posts });
    expect(await personalAnswer({ session: null, scope: page, isPageView: true })).toEqual(
      GUEST_ANSWER,
    );
    // A password change or ban bumps the version: the old cookie is revoked at once.
    await db.update(users).set({ sessionVersion: 1 }).where(eq(users.id, t.author.id));
    expect(
      await personalAnswer({ session: sessionOf(t.author, 0), scope: page, isPageView: true }),
    ).toEqual(GUEST_ANSWER);
    expect(
      (await personalAnswer({ session: sessionOf(t.author, 1), scope: page, isPageView: true }))
        .viewer?.name,
    ).toBe(t.author.name);
    // Signing out ends that sign-in, wherever its cookie was copied; another sign-in goes on.
    await endSession("signed-out-sign-in", t.author.id);
    expect(
      await personalAnswer({
        session: sessionOf(t.author, 1, "signed-out-sign-in"),
        scope: page,
        isPageView: true,
      }),
    ).toEqual(GUEST_ANSWER);
    expect(
      (
        await personalAnswer({
          session: sessionOf(t.author, 1, "another-sign-in"),
          scope: page,
          isPageView: true,
        })
      ).viewer?.name,
    ).toBe(t.author.name);
    expect(
      await personalAnswer({
        session: { uid: "no-such-member", sv: 0, sid: null },
        scope: page,
        isPageView: true,
      }),
    ).toEqual(GUEST_ANSWER);
  });

  it("gives a member their own reaction, their tools on each post, watch state and the reply box", async () => {
    const t = await threadWithReply();
    const [opening, answerId] = t.posts as [number, number];
    await react(t.author, answerId, "love");
    const answer = await personalAnswer({
      session: sessionOf(t.author),
      scope: scope({ thread: t.threadId, posts: t.posts }),
      isPageView: true,
    });
    expect(answer.viewer).toMatchObject({ id: t.author.id, name: t.author.name, role: "member" });
    expect(answer.posts[opening]).toEqual({
      reaction: null,
      canEdit: true,
      canReact: false,
      canQuote: true,
      canReport: false,
    });
    expect(answer.posts[answerId]).toEqual({
      reaction: "love",
      canEdit: false,
      canReact: true,
      canQuote: true,
      canReport: true,
    });
    // Starting the thread watched it (auto-watch is on by default).
    expect(answer.thread).toMatchObject({ id: t.threadId, watching: true, canReply: true });
    expect(answer.thread?.replyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.queues).toBeNull();
    expect(answer.links).toEqual({ memberAdmin: false, modLog: false, forumAdmin: false });
  });

  it("answers each member for their own page when pages of one shape share a prepared statement", async () => {
    const first = await threadWithReply();
    const second = await threadWithReply();
    const ask = (member: { id: string }, t: typeof first) =>
      personalAnswer({
        session: sessionOf(member),
        scope: scope({ thread: t.threadId, posts: t.posts, threads: [first.threadId] }),
        isPageView: false,
      });
    for (const [member, t] of [
      [first.author, first],
      [second.author, second],
      [first.author, second],
    ] as const) {
      const answer = await ask(member, t);
      expect(answer.viewer?.id).toBe(member.id);
      expect(answer.thread?.id).toBe(t.threadId);
      expect(Object.keys(answer.posts).map(Number).sort()).toEqual([...t.posts].sort());
      expect(answer.posts[t.posts[0]!]?.canEdit).toBe(member.id === t.author.id);
    }
  });

  it("never answers for posts outside the thread it names", async () => {
    const t = await threadWithReply();
    const elsewhere = await threadWithReply();
    const answer = await personalAnswer({
      session: sessionOf(t.author),
      scope: scope({ thread: t.threadId, posts: [...t.posts, ...elsewhere.posts] }),
      isPageView: true,
    });
    expect(Object.keys(answer.posts).map(Number).sort()).toEqual([...t.posts].sort());
  });

  it("answers nothing of a thread, its posts or its unread mark in a forum the member may not read", async () => {
    const t = await threadWithReply();
    const staffOnly = await makeForum();
    await db.update(forums).set({ viewRule: "staff" }).where(eq(forums.id, staffOnly.id));
    await db.update(threads).set({ forumId: staffOnly.id }).where(eq(threads.id, t.threadId));
    const reader = await makeMember();
    const answer = await personalAnswer({
      session: sessionOf(reader),
      scope: scope({ thread: t.threadId, posts: t.posts, threads: [t.threadId] }),
      isPageView: true,
    });
    expect(answer.thread).toBeNull();
    expect(answer.posts).toEqual({});
    expect(answer.unread).toEqual({});
    // Nor is it marked read for them.
    expect((await unreadAmong(reader.id, [t.threadId])).has(t.threadId)).toBe(true);
  });

  it("answers by the member's role, whatever the staff hint cookie says", async () => {
    const t = await threadWithReply();
    const staffOnly = await makeForum();
    await db.update(forums).set({ viewRule: "staff" }).where(eq(forums.id, staffOnly.id));
    await db.update(threads).set({ forumId: staffOnly.id }).where(eq(threads.id, t.threadId));
    const [member, moderator] = [await makeMember(), await makeMember({ role: "moderator" })];
    const page = scope({ thread: t.threadId, posts: t.posts, threads: [t.threadId] });
    const ask = (who: { id: string }, staffHint: boolean) =>
      personalAnswer({ session: sessionOf(who), scope: page, isPageView: false, staffHint });
    // A member with a forged hint: nothing of the staff-only thread.
    const forged = await ask(member, true);
    expect(forged.thread).toBeNull();
    expect(forged.posts).toEqual({});
    // A moderator whose hint cookie is missing (their first page): their thread all the same.
    for (const staffHint of [true, false]) {
      const answer = await ask(moderator, staffHint);
      expect(answer.thread).toMatchObject({ id: t.threadId, canReply: true });
      expect(Object.keys(answer.posts)).toHaveLength(2);
    }
  });

  it("shares the staff queue counts for as long as asked, and counts afresh when asked to", async () => {
    const t = await threadWithReply();
    const moderator = await makeMember({ role: "moderator" });
    const ask = (queuesMaxAgeMs: number) =>
      personalAnswer({
        session: sessionOf(moderator),
        scope: scope({}),
        isPageView: false,
        queuesMaxAgeMs,
      }).then((answer) => answer.queues!.reports!);
    const before = await ask(0);
    expect((await reportPost(t.author, t.posts[1]!, "Off topic")).ok).toBe(true);
    expect(await ask(60_000)).toBe(before);
    // Other test files may report posts meanwhile: at least this one more.
    expect(await ask(0)).toBeGreaterThanOrEqual(before + 1);
  });

  it("records the read mark on a page view and not on a prefetch", async () => {
    const t = await threadWithReply();
    const reader = await makeMember();
    expect((await unreadAmong(reader.id, [t.threadId])).has(t.threadId)).toBe(true);
    const page = scope({ thread: t.threadId, posts: t.posts, threads: [t.threadId] });
    const prefetch = await personalAnswer({
      session: sessionOf(reader),
      scope: page,
      isPageView: false,
    });
    expect(prefetch.unread[t.threadId]).toBeDefined();
    expect((await unreadAmong(reader.id, [t.threadId])).has(t.threadId)).toBe(true);
    await personalAnswer({ session: sessionOf(reader), scope: page, isPageView: true });
    expect((await unreadAmong(reader.id, [t.threadId])).has(t.threadId)).toBe(false);
  });

  it("gives a moderator the queues, the staff links and every post's edit tool", async () => {
    const t = await threadWithReply();
    const moderator = await makeMember({ role: "moderator" });
    const answer = await personalAnswer({
      session: sessionOf(moderator),
      scope: scope({ thread: t.threadId, posts: t.posts }),
      isPageView: true,
    });
    expect(answer.queues).toEqual({
      reports: expect.any(Number) as number,
      approvals: expect.any(Number) as number,
    });
    expect(answer.links).toEqual({ memberAdmin: true, modLog: true, forumAdmin: false });
    expect(Object.values(answer.posts).every((p) => p.canEdit)).toBe(true);
  });

  it("shows a post's warning to its author and to staff, and to no other member", async () => {
    const t = await threadWithReply();
    const [opening, answerId] = t.posts as [number, number];
    const moderator = await makeMember({ role: "moderator" });
    const warned = await warnMember(moderator, {
      postId: answerId,
      reason: "Off topic.",
      points: 1,
      expiresInDays: 30,
    });
    expect(warned.ok).toBe(true);
    const page = scope({ thread: t.threadId, posts: t.posts });
    const warningFor = async (member: { id: string }) =>
      (await personalAnswer({ session: sessionOf(member), scope: page, isPageView: false })).posts;
    const warning = { reason: "Off topic.", points: 1 };
    expect((await warningFor(t.other))[answerId]?.warning).toEqual(warning);
    expect((await warningFor(moderator))[answerId]?.warning).toEqual(warning);
    expect((await warningFor(t.author))[answerId]?.warning).toBeUndefined();
    expect((await warningFor(t.other))[opening]?.warning).toBeUndefined();
  });

  it("tells a banned member why they cannot reply, and gives them no tools", async () => {
    const t = await threadWithReply();
    await db
      .update(users)
      .set({ bannedAt: new Date(), banReason: "Spam" })
      .where(eq(users.id, t.other.id));
    const answer = await personalAnswer({
      session: sessionOf(t.other),
      scope: scope({ thread: t.threadId, posts: t.posts }),
      isPageView: true,
    });
    expect(answer.viewer).toMatchObject({ isBanned: true, banReason: "Spam", banEndsAt: null });
    expect(answer.thread).toMatchObject({
      canReply: false,
      replyRefusal: "Your account is banned: you can read the forum but not post or react.",
    });
    expect(
      Object.values(answer.posts).some((p) => p.canEdit || p.canReact || p.canQuote || p.canReport),
    ).toBe(false);
  });

  it("lists the members the viewer ignores, leaving out those who became staff", async () => {
    const [member, pest, promoted] = [await makeMember(), await makeMember(), await makeMember()];
    await ignore(member, pest);
    await ignore(member, promoted);
    await db.update(users).set({ role: "moderator" }).where(eq(users.id, promoted.id));
    const answer = await personalAnswer({
      session: sessionOf(member),
      scope: scope({}),
      isPageView: true,
    });
    expect(answer.ignored).toEqual([pest.id]);
  });

  it("counts unread alerts only up to the cap", async () => {
    const t = await threadWithReply();
    const many = ALERT_COUNT_CAP + 25;
    await db.insert(alerts).values(
      Array.from({ length: many }, () => ({
        userId: t.author.id,
        kind: "mention" as const,
        actorId: t.other.id,
        postId: t.posts[1]!,
      })),
    );
    const answer = await personalAnswer({
      session: sessionOf(t.author),
      scope: scope({}),
      isPageView: true,
    });
    expect(answer.alerts).toBe(ALERT_COUNT_CAP);
  });

  it("shows a change in the bell at once for a member with more unread alerts than are counted to tell", async () => {
    const t = await threadWithReply();
    const bell = async () =>
      (await personalAnswer({ session: sessionOf(t.author), scope: scope({}), isPageView: true }))
        .alerts;
    const unread = (n: number) =>
      db
        .insert(alerts)
        .values(
          Array.from({ length: n }, () => ({
            userId: t.author.id,
            kind: "mention" as const,
            actorId: t.other.id,
            postId: t.posts[1]!,
          })),
        )
        .returning({ id: alerts.id });
    const before = await bell();
    const older = await unread(KEY_COUNT_CAP + 50);
    expect(await bell()).toBe(ALERT_COUNT_CAP);
    // All but 40 of them read: the bell shows a number again.
    const read = older.slice(0, KEY_COUNT_CAP + 10).map((a) => a.id);
    await db.update(alerts).set({ readAt: new Date() }).where(inArray(alerts.id, read));
    expect(await bell()).toBe(before + 40);
    await unread(1);
    expect(await bell()).toBe(before + 41);
    await db.update(alerts).set({ readAt: new Date() }).where(eq(alerts.userId, t.author.id));
    expect(await bell()).toBe(0);
  });

  it("remembers the bell's count while the unread alerts stay as they were, and counts again when one comes or is read", async () => {
    const t = await threadWithReply();
    const bell = async () =>
      (await personalAnswer({ session: sessionOf(t.author), scope: scope({}), isPageView: true }))
        .alerts;
    const alert = () =>
      db
        .insert(alerts)
        .values({ userId: t.author.id, kind: "mention", actorId: t.other.id, postId: t.posts[1]! })
        .returning({ id: alerts.id })
        .then(([row]) => row!.id);
    const before = await bell();
    const first = await alert();
    expect(await bell()).toBe(before + 1);
    // Hidden without being touched (its actor ignored): the remembered count stands for a while…
    await ignore(t.author, t.other);
    expect(await bell()).toBe(before + 1);
    // …and any change to the unread alerts counts them again: all of them are the ignored member's.
    await alert();
    expect(await bell()).toBe(0);
    await db.update(alerts).set({ readAt: new Date() }).where(eq(alerts.id, first));
    expect(await bell()).toBe(0);
    await db.delete(ignoredMembers).where(eq(ignoredMembers.userId, t.author.id));
    await db.update(alerts).set({ readAt: new Date() }).where(eq(alerts.userId, t.author.id));
    expect(await bell()).toBe(0);
  });
});
