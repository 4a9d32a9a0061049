// Integration: alerts read by use: opened through their link, or seen on the alerts page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { EVERYONE_ONLY } from "../forum/forum-access";
import { ANONYMOUS } from "../permissions";
import { makeForum, makeMember, newThread, reply } from "../testing/factories";
import { listAlerts, unreadAlertCount } from "./list";
import { markAlertsRead, openAlert } from "./mark-read";

let forumId: number;
beforeAll(async () => {
  forumId = (await makeForum()).id;
});
afterAll(async () => {
  await db.$client.end();
});

describe("alerts read by use", () => {
  it("opening one reads it and leads to its post; only the member's own alerts move", async () => {
    const [me, other] = [await makeMember(), await makeMember()];
    const thread = await newThread({ author: me, forumId });
    const first = await reply({
      author: other,
      threadId: thread.threadId,
      message: `Hi @${me.name}`,
    });
    await reply({ author: other, threadId: thread.threadId, message: `Again, @${me.name}` });
    const page = await listAlerts(me.id, 1, EVERYONE_ONLY);
    expect(page!.unread).toBe(2);
    const alert = page!.alerts.find((a) => a.url === `/posts/${first.postId}`)!;

    expect(await openAlert(other, alert.id)).toBeNull();
    expect(await openAlert(ANONYMOUS, alert.id)).toBeNull();
    expect(await openAlert(me, "abc")).toBeNull();
    expect(await unreadAlertCount(me.id, EVERYONE_ONLY)).toBe(2);
    expect(await openAlert(me, String(alert.id))).toBe(`/posts/${first.postId}`);
    expect(await unreadAlertCount(me.id, EVERYONE_ONLY)).toBe(1);
    // Opening it again still leads there.
    expect(await openAlert(me, alert.id)).toBe(`/posts/${first.postId}`);

    const ids = page!.alerts.map((a) => a.id);
    expect(await markAlertsRead(other, ids)).toEqual({ ok: true, marked: 0 });
    expect(await markAlertsRead(me, "not a list")).toMatchObject({ ok: false });
    expect(await markAlertsRead(me, ids)).toEqual({ ok: true, marked: 1 });
    expect(await unreadAlertCount(me.id, EVERYONE_ONLY)).toBe(0);
  });
});
