// Integration: warnings through lib/moderation/warnings.ts against the real Postgres: who may warn,
// the points that reach the ban limit, expiry, the alert and the moderator log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { alerts, modLog, settings, users } from "@/db/schema";
import { listAlerts } from "@/lib/alerts/list";
import { EVERYONE_ONLY } from "@/lib/forum/forum-access";
import { loadViewer } from "@/lib/permissions/load-viewer";
import { personalAnswer } from "@/lib/personal/answer";
import { forgetSiteSettings } from "@/lib/site-settings/site-settings";
import { rememberBrowserZone, setTimeZone } from "@/lib/time/member-zone";
import {
  cleanUp,
  makeForum,
  makeMember,
  newThread,
  reply,
  type Member,
} from "@/lib/testing/factories";
import { listModLog } from "./log-listing";
import { activeWarningPoints, warnedPostIds, warningHistory, warnMember } from "./warnings";

const DAY = 86_400_000;
const LIMIT = { banPoints: 10, banDays: 7 };

let moderator: Member;
let admin: Member;
let forumId: number;

beforeAll(async () => {
  moderator = await makeMember({ role: "moderator", prefix: "warn-mod" });
  admin = await makeMember({ role: "admin", prefix: "warn-admin" });
  forumId = (await makeForum()).id;
});

afterAll(async () => {
  await cleanUp();
  await db.$client.end();
});

/** A member with `count` posts in a thread of their own. */
async function memberWithPosts(count: number) {
  const member = await makeMember({ prefix: "warned" });
  const first = await newThread({ author: member, forumId });
  const postIds = [first.postId];
  for (let i = 1; i < count; i++)
    postIds.push((await reply({ author: member, threadId: first.threadId })).postId);
  return { member, postIds };
}

const warning = (postId: number, points: number, expiresInDays = 30) => ({
  postId,
  reason: "Personal attacks",
  points,
  expiresInDays,
});

async function banOf(id: string) {
  const [row] = await db
    .select({ bannedAt: users.bannedAt, banEndsAt: users.banEndsAt, banReason: users.banReason })
    .from(users)
    .where(eq(users.id, id));
  return row!;
}

describe("who may warn", () => {
  it("staff warn members; members, themselves and staff are not warned", async () => {
    const { member, postIds } = await memberWithPosts(2);
    const other = await makeMember();
    const refused = await warnMember(other, warning(postIds[0]!, 1), LIMIT);
    expect(refused).toMatchObject({
      ok: false,
      error: "Only moderators and administrators can warn members.",
    });

    const staffPost = await newThread({ author: moderator, forumId });
    const onStaff = await warnMember(admin, warning(staffPost.postId, 1), LIMIT);
    expect(onStaff).toMatchObject({ ok: false, error: "Staff members are not warned." });
    const onSelf = await warnMember(moderator, warning(staffPost.postId, 1), LIMIT);
    expect(onSelf).toMatchObject({ ok: false, error: "You cannot warn yourself." });

    const bannedModerator = await makeMember({ role: "moderator", banned: true });
    expect((await warnMember(bannedModerator, warning(postIds[0]!, 1), LIMIT)).ok).toBe(false);

    expect(await activeWarningPoints(db, member.id)).toBe(0);
    expect(await warnedPostIds(postIds)).toEqual(new Set());
  });

  it("refuses a bad form with the field named, and a second warning for the same post", async () => {
    const { postIds } = await memberWithPosts(1);
    expect(await warnMember(moderator, warning(postIds[0]!, 0), LIMIT)).toMatchObject({
      ok: false,
      field: "points",
    });
    expect(
      await warnMember(moderator, { ...warning(postIds[0]!, 1), reason: "  " }, LIMIT),
    ).toMatchObject({ ok: false, field: "reason", error: "Enter a reason for the warning." });
    expect(await warnMember(moderator, warning(postIds[0]!, 1, 12), LIMIT)).toMatchObject({
      ok: false,
      field: "expiresInDays",
    });
    expect((await warnMember(moderator, warning(postIds[0]!, 1), LIMIT)).ok).toBe(true);
    expect(await warnMember(admin, warning(postIds[0]!, 1), LIMIT)).toMatchObject({
      ok: false,
      error: expect.stringContaining("already warned for this post") as string,
    });
  });
});

describe("points and the ban", () => {
  it("the limit and the ban's length are the administrator's site settings", async () => {
    const keys = ["warning_ban_points", "warning_ban_days"];
    await db.insert(settings).values([
      { key: keys[0]!, value: "3" },
      { key: keys[1]!, value: "2" },
    ]);
    forgetSiteSettings();
    try {
      const { member, postIds } = await memberWithPosts(1);
      const now = new Date();
      const result = await warnMember(moderator, warning(postIds[0]!, 3), { now });
      expect(result).toMatchObject({ ok: true, banned: true });
      const ban = await banOf(member.id);
      expect(ban.banReason).toBe("Warning points reached 3 (the limit is 3)");
      expect(ban.banEndsAt?.getTime()).toBe(now.getTime() + 2 * DAY);
    } finally {
      await db.delete(settings).where(inArray(settings.key, keys));
      forgetSiteSettings();
    }
  });

  it("a warning that brings active points to the limit bans for the set days, logged and alerted", async () => {
    const { member, postIds } = await memberWithPosts(2);
    const now = new Date();
    const first = await warnMember(moderator, warning(postIds[0]!, 6), { ...LIMIT, now });
    expect(first).toMatchObject({ ok: true, banned: false });
    expect((await banOf(member.id)).bannedAt).toBeNull();

    const second = await warnMember(moderator, warning(postIds[1]!, 4), { ...LIMIT, now });
    expect(second).toMatchObject({ ok: true, banned: true });
    const ban = await banOf(member.id);
    expect(ban.bannedAt).not.toBeNull();
    expect(ban.banEndsAt?.getTime()).toBe(now.getTime() + 7 * DAY);
    expect(ban.banReason).toBe("Warning points reached 10 (the limit is 10)");
    // The ban ended their sessions, as any ban does.
    expect(await loadViewer(member.id, member.sessionVersion)).toMatchObject({ id: null });

    const log = await db
      .select({ action: modLog.action })
      .from(modLog)
      .where(eq(modLog.targetId, member.id));
    expect(log.map((l) => l.action).sort()).toEqual(["user.ban", "user.warn", "user.warn"]);
    const listed = await listModLog({ actor: moderator.name, action: "user.warn", page: 1 });
    expect(listed?.lines.find((l) => l.target.label === member.name)).toMatchObject({
      actionLabel: "Warning",
      reason: "Personal attacks",
      summary: expect.stringMatching(/^4 points, until /) as string,
    });

    const shown = await listAlerts(member.id, 1, EVERYONE_ONLY);
    expect(shown?.alerts.map((a) => a.text)).toEqual([
      expect.stringContaining(`${moderator.name} warned you for your post`),
      expect.stringContaining(`${moderator.name} warned you for your post`),
    ]);
    expect(await warnedPostIds(postIds)).toEqual(new Set(postIds));
  });

  it("expired warnings do not count towards the limit", async () => {
    const { member, postIds } = await memberWithPosts(2);
    const longAgo = new Date(Date.now() - 40 * DAY);
    expect(
      await warnMember(moderator, warning(postIds[0]!, 9, 30), { ...LIMIT, now: longAgo }),
    ).toMatchObject({ ok: true, banned: false });
    expect(await activeWarningPoints(db, member.id)).toBe(0);
    expect(await warnMember(moderator, warning(postIds[1]!, 9), LIMIT)).toMatchObject({
      ok: true,
      banned: false,
    });
    expect(await activeWarningPoints(db, member.id)).toBe(9);
    expect((await banOf(member.id)).bannedAt).toBeNull();

    const history = await warningHistory(moderator, member.id);
    expect(history?.activePoints).toBe(9);
    expect(history?.warnings.map((w) => [w.points, w.isActive])).toEqual([
      [9, true],
      [9, false],
    ]);
    expect(await warningHistory(member, member.id)).toBeNull();
  });

  it("never-expiring points count, and a longer ban already in force is kept", async () => {
    const endsLater = new Date(Date.now() + 365 * DAY);
    const { member, postIds } = await memberWithPosts(1);
    await db
      .update(users)
      .set({ bannedAt: new Date(), banReason: "Earlier", banEndsAt: endsLater })
      .where(eq(users.id, member.id));
    expect(await warnMember(admin, warning(postIds[0]!, 12, 0), LIMIT)).toMatchObject({
      ok: true,
      banned: false,
    });
    expect(await banOf(member.id)).toMatchObject({ banReason: "Earlier", banEndsAt: endsLater });
    const [alert] = await db
      .select({ kind: alerts.kind })
      .from(alerts)
      .where(and(eq(alerts.userId, member.id), eq(alerts.postId, postIds[0]!)));
    expect(alert?.kind).toBe("warning");
  });
});

describe("what the personal answer carries", () => {
  const answerFor = (member: { id: string }, threadId: number, posts: readonly number[]) =>
    personalAnswer({
      session: { uid: member.id, sv: 0, sid: null },
      scope: { thread: threadId, posts: [...posts], threads: [] },
      isPageView: false,
    });

  it("gives a warning's reason and points to its author and staff, not to other members", async () => {
    const member = await makeMember({ prefix: "warned" });
    const thread = await newThread({ author: member, forumId });
    await warnMember(moderator, warning(thread.postId, 2), LIMIT);
    const page = [thread.threadId, [thread.postId]] as const;
    const expected = { reason: "Personal attacks", points: 2 };
    expect((await answerFor(member, ...page)).posts[thread.postId]?.warning).toEqual(expected);
    expect((await answerFor(moderator, ...page)).posts[thread.postId]?.warning).toEqual(expected);
    const other = await makeMember();
    expect((await answerFor(other, ...page)).posts[thread.postId]?.warning).toBeUndefined();
  });

  it("keeps the browser's zone only while the member has none, and the chosen one after", async () => {
    const member = await makeMember();
    const thread = await newThread({ author: member, forumId });
    const zoneOf = async () => (await answerFor(member, thread.threadId, [])).viewer?.timeZone;
    expect(await zoneOf()).toBeNull();
    expect(await rememberBrowserZone(member, "asia/tokyo")).toBe("Asia/Tokyo");
    expect(await rememberBrowserZone(member, "Europe/Paris")).toBe("Asia/Tokyo");
    expect(await setTimeZone(member, "Nowhere/Land")).toMatchObject({
      ok: false,
      field: "timeZone",
    });
    expect(await setTimeZone(member, "America/New_York")).toMatchObject({ ok: true });
    expect(await zoneOf()).toBe("America/New_York");
  });
});
