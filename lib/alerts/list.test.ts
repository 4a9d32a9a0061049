// Integration: the alerts list, the bell's count and marking read, against the real Postgres.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { alerts } from "@/db/schema";
import { deletePosts } from "../moderation/posts";
import { deleteThread } from "../moderation/threads";
import { ANONYMOUS } from "../permissions";
import { ALERTS_PER_PAGE, listAlerts, unreadAlertCount } from "./list";
import { ROW_ID_MAX } from "../row-id";
import { markAlertRead, markAllAlertsRead } from "./mark-read";
import {
  ignore,
  makeForum,
  makeMember,
  newThread,
  quoting,
  react,
  reply,
} from "@/lib/testing/factories";

/** What a member reads: forums open to everyone and to members. */
const READS = ["everyone", "members"] as const;

let forumId: number;
beforeAll(async () => {
  forumId = (await makeForum()).id;
});
afterAll(async () => {
  await db.$client.end();
});

describe("the alerts list", () => {
  it("says who did what, links to the post, newest first, and counts the unread ones", async () => {
    const [me, other] = [await makeMember(), await makeMember()];
    const thread = await newThread({ author: me, forumId, title: "Carrier groups in the Pacific" });
    const replied = await reply({
      author: other,
      threadId: thread.threadId,
      message: "A plain reply",
    });
    const mentioned = await reply({
      author: other,
      threadId: thread.threadId,
      message: `Over to you, @${me.name}`,
    });
    const quoted = await reply({
      author: other,
      threadId: thread.threadId,
      message: quoting(thread.postId, me.name, "Quite."),
    });
    await react(other, thread.postId, "love");

    const page = (await listAlerts(me.id, 1, READS))!;
    expect(page).toMatchObject({ total: 4, unread: 4, page: 1, pageCount: 1 });
    expect(page.alerts.map((a) => [a.kind, a.text, a.url, a.isUnread])).toEqual([
      [
        "reaction",
        `${other.name} reacted to your post in Carrier groups in the Pacific with ❤️`,
        `/posts/${thread.postId}`,
        true,
      ],
      [
        "quote",
        `${other.name} quoted your post in Carrier groups in the Pacific`,
        `/posts/${quoted.postId}`,
        true,
      ],
      [
        "mention",
        `${other.name} mentioned you in Carrier groups in the Pacific`,
        `/posts/${mentioned.postId}`,
        true,
      ],
      [
        "reply",
        `${other.name} replied to the thread Carrier groups in the Pacific`,
        `/posts/${replied.postId}`,
        true,
      ],
    ]);
    expect(page.alerts[0]!.actor).toEqual({
      name: other.name,
      url: expect.stringMatching(/^\/members\/\d+-/),
    });
    expect(await unreadAlertCount(me.id, READS)).toBe(4);
    expect(await unreadAlertCount(null, READS)).toBe(0);
    expect(await listAlerts(other.id, 1, READS)).toMatchObject({ total: 0, alerts: [] });
  });

  it("pages through many alerts and answers null past the last page", async () => {
    const [me, other] = [await makeMember(), await makeMember()];
    const thread = await newThread({ author: me, forumId });
    const rows = Array.from({ length: ALERTS_PER_PAGE + 3 }, () => ({
      userId: me.id,
      kind: "reply" as const,
      actorId: other.id,
      postId: thread.postId,
    }));
    // Written directly: posting that many replies would hit the posting rate limit.
    const ids = (await db.insert(alerts).values(rows).returning({ id: alerts.id })).map(
      (r) => r.id,
    );
    const first = (await listAlerts(me.id, 1, READS))!;
    const second = (await listAlerts(me.id, 2, READS))!;
    expect(first).toMatchObject({ total: ALERTS_PER_PAGE + 3, pageCount: 2 });
    expect(first.alerts).toHaveLength(ALERTS_PER_PAGE);
    expect([...first.alerts, ...second.alerts].map((a) => a.id)).toEqual([...ids].reverse());
    expect(await listAlerts(me.id, 3, READS)).toBeNull();
  });

  it("leaves out alerts from ignored members and about deleted posts or threads, in the list and the count", async () => {
    const [me, pest, other, moderator] = [
      await makeMember(),
      await makeMember(),
      await makeMember(),
      await makeMember({ role: "moderator" }),
    ];
    const kept = await newThread({ author: me, forumId, title: "Kept thread" });
    const doomed = await newThread({ author: me, forumId, title: "Doomed thread" });
    await reply({ author: pest, threadId: kept.threadId, message: "Before I was ignored" });
    const removed = await reply({
      author: other,
      threadId: kept.threadId,
      message: "To be deleted",
    });
    const stays = await reply({ author: other, threadId: kept.threadId, message: "Stays" });
    await reply({ author: other, threadId: doomed.threadId, message: "In a doomed thread" });
    expect(await unreadAlertCount(me.id, READS)).toBe(4);

    await ignore(me, pest);
    expect(await deletePosts(moderator, [removed.postId])).toMatchObject({ ok: true });
    expect(await deleteThread(moderator, { threadId: doomed.threadId })).toMatchObject({
      ok: true,
    });
    const page = (await listAlerts(me.id, 1, READS))!;
    expect(page.alerts.map((a) => a.url)).toEqual([`/posts/${stays.postId}`]);
    expect(page).toMatchObject({ total: 1, unread: 1 });
    expect(await unreadAlertCount(me.id, READS)).toBe(1);
  });
});

describe("marking alerts read", () => {
  it("marks one alert, then all, of the viewer's own only", async () => {
    const [me, someoneElse, writer] = [await makeMember(), await makeMember(), await makeMember()];
    const mine = await newThread({ author: me, forumId });
    const theirs = await newThread({ author: someoneElse, forumId });
    await reply({ author: writer, threadId: mine.threadId, message: "One" });
    await reply({ author: writer, threadId: mine.threadId, message: "Two" });
    await reply({ author: writer, threadId: theirs.threadId, message: "Three" });
    const [newest, oldest] = (await listAlerts(me.id, 1, READS))!.alerts;
    const [othersAlert] = (await listAlerts(someoneElse.id, 1, READS))!.alerts;

    // Someone else's alert id changes nothing, whoever sends it.
    expect(await markAlertRead(me, othersAlert!.id)).toEqual({ ok: true, marked: 0 });
    expect(await markAlertRead(ANONYMOUS, othersAlert!.id)).toEqual({
      ok: false,
      error: expect.any(String),
    });
    expect(await unreadAlertCount(someoneElse.id, READS)).toBe(1);
    // A malformed id from a member is "no such alert", told apart from "sign in", and never a query.
    for (const bad of ["abc", "__proto__", -1, 0, 1.5, null, "99999999999", ROW_ID_MAX + 1])
      expect(await markAlertRead(me, bad)).toEqual({
        ok: false,
        error: "That alert does not exist.",
      });
    expect(await markAlertRead(me, ROW_ID_MAX)).toEqual({ ok: true, marked: 0 });

    expect(await markAlertRead(me, String(oldest!.id))).toEqual({ ok: true, marked: 1 });
    expect(await markAlertRead(me, oldest!.id)).toEqual({ ok: true, marked: 0 });
    expect((await listAlerts(me.id, 1, READS))!.alerts.map((a) => [a.id, a.isUnread])).toEqual([
      [newest!.id, true],
      [oldest!.id, false],
    ]);
    expect(await unreadAlertCount(me.id, READS)).toBe(1);

    expect(await markAllAlertsRead(ANONYMOUS)).toMatchObject({ ok: false });
    expect(await markAllAlertsRead(me)).toEqual({ ok: true, marked: 1 });
    expect(await unreadAlertCount(me.id, READS)).toBe(0);
    expect(await unreadAlertCount(someoneElse.id, READS)).toBe(1);
    expect(
      (
        await db
          .select({ readAt: alerts.readAt })
          .from(alerts)
          .where(eq(alerts.id, othersAlert!.id))
      )[0]!.readAt,
    ).toBeNull();
  });
});
