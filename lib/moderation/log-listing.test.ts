// Integration: the moderator log listing (/moderation/log) against the real Postgres: order, pages,
// filters by action and by moderator, and links to what each line is about.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { modLog, posts, threads, users } from "@/db/schema";
import { importSeedsIfEmpty } from "@/db/seed/import-seeds";
import { loadViewer } from "@/lib/permissions/load-viewer";
import { cleanUp, makeMember, type Member } from "@/lib/testing/factories";
import { setMemberRole } from "@/lib/members/roles";
import { memberUrl, postUrl, threadUrl } from "@/lib/urls";
import { banMember, unbanMember } from "./bans";
import { logModAction } from "./log-entry";
import { listModLog, listModLogActions, MOD_LOG_PER_PAGE } from "./log-listing";

const run = Date.now().toString(36);

let admin: Member;
let moderator: Member;
let busy: Member;
let target: Member;
let gone: Member;
let thread: { id: number; slug: string; title: string };
let postId: number;

beforeAll(async () => {
  await importSeedsIfEmpty(db, () => {});
  admin = await makeMember({ name: `log-Admin-${run}`, role: "admin" });
  moderator = await makeMember({ name: `log-moderator-${run}`, role: "moderator" });
  busy = await makeMember({ name: `log-busy-${run}`, role: "moderator" });
  target = await makeMember({ name: `log-target-${run}` });
  gone = await makeMember({ name: `log-gone-${run}` });
  thread = (
    await db
      .select({ id: threads.id, slug: threads.slug, title: threads.title })
      .from(threads)
      .where(isNull(threads.deletedAt))
      .orderBy(asc(threads.id))
      .limit(1)
  )[0]!;
  [{ id: postId }] = (await db
    .select({ id: posts.id })
    .from(posts)
    .orderBy(asc(posts.id))
    .limit(1)) as [{ id: number }];

  // In order, oldest first: the moderator bans the target, the admin unbans and promotes them,
  // the moderator locks a thread and deletes a post, the admin acts on a member deleted since.
  await banMember(await loadViewer(moderator.id, 0), {
    userId: target.id,
    reason: "Spam in signatures",
  });
  await unbanMember(await loadViewer(admin.id, 0), { userId: target.id });
  await setMemberRole({
    actor: await loadViewer(admin.id, 0),
    targetId: target.id,
    role: "moderator",
  });
  await logModAction(db, {
    actorId: moderator.id,
    action: "thread.lock",
    targetType: "thread",
    targetId: thread.id,
    targetLabel: thread.title,
    reason: "Heated",
  });
  await logModAction(db, {
    actorId: moderator.id,
    action: "post.delete",
    targetType: "post",
    targetId: postId,
    reason: "Off topic",
  });
  await logModAction(db, {
    actorId: admin.id,
    action: "report.resolve",
    targetType: "report",
    targetId: 99999,
  });
  await banMember(await loadViewer(admin.id, 0), {
    userId: gone.id,
    reason: "Left",
    endsAt: new Date(Date.now() + 86_400_000),
  });
  await db.delete(users).where(eq(users.id, gone.id));
  // Enough lines for a second page, from one moderator.
  for (let i = 0; i < MOD_LOG_PER_PAGE + 5; i++) {
    await logModAction(db, {
      actorId: busy.id,
      action: "thread.stick",
      targetType: "thread",
      targetId: thread.id,
      targetLabel: `Sticky ${i}`,
    });
  }
});

afterAll(async () => {
  await cleanUp();
  await db.$client.end();
});

describe("the moderator log", () => {
  it("lists one moderator's lines newest first, with who, what, on what and why, linked", async () => {
    const log = await listModLog({ actor: moderator.name, page: 1 });
    expect(log).toMatchObject({
      actor: moderator.name,
      action: "",
      notice: null,
      total: 3,
      page: 1,
      pageCount: 1,
    });
    expect(log!.lines.map((l) => l.action)).toEqual(["post.delete", "thread.lock", "user.ban"]);
    const [post, lock, ban] = log!.lines;
    expect(post).toMatchObject({
      actor: { name: moderator.name, url: memberUrl(moderator) },
      reason: "Off topic",
      target: { type: "Post", label: `Post #${postId}`, url: postUrl(postId) },
    });
    expect(lock).toMatchObject({
      reason: "Heated",
      target: { type: "Thread", label: thread.title, url: threadUrl(thread) },
    });
    expect(ban).toMatchObject({
      actionLabel: "Ban",
      summary: "Permanent",
      reason: "Spam in signatures",
      target: { type: "Member", label: target.name, url: memberUrl(target) },
    });
    expect(log!.lines[0]!.at.getTime()).toBeGreaterThanOrEqual(log!.lines[2]!.at.getTime());
  });

  it("finds the moderator by name in any case and filters by a whole action or a kind of action", async () => {
    const byAdmin = await listModLog({ actor: `  ${admin.name.toUpperCase()} `, page: 1 });
    expect(byAdmin!.actor).toBe(admin.name);
    expect(byAdmin!.lines.map((l) => l.action)).toEqual([
      "user.ban",
      "report.resolve",
      "user.role",
      "user.unban",
    ]);
    expect(byAdmin!.lines[2]).toMatchObject({
      actionLabel: "Role change",
      summary: "Member → Moderator",
    });
    // The member banned then deleted: their name as it was, no link; a report has no page here.
    expect(byAdmin!.lines[0]).toMatchObject({
      summary: expect.stringMatching(/^Until /),
      target: { label: gone.name, url: null },
    });
    expect(byAdmin!.lines[1]!.target).toEqual({
      type: "Report",
      label: "Report #99999",
      url: null,
    });

    const bans = await listModLog({ actor: admin.name, action: "user.ban", page: 1 });
    expect(bans!.lines.map((l) => l.target.label)).toEqual([gone.name]);
    const userActions = await listModLog({ actor: admin.name, action: "USER", page: 1 });
    expect(userActions).toMatchObject({ action: "user", total: 3 });
    expect(userActions!.lines.every((l) => l.action.startsWith("user."))).toBe(true);

    // Across everyone, the kind filter keeps only its actions.
    const everyoneThreads = await listModLog({ action: "thread", page: 1 });
    expect(everyoneThreads!.lines.length).toBeGreaterThan(0);
    expect(everyoneThreads!.lines.every((l) => l.action.startsWith("thread."))).toBe(true);
  });

  it("pages by 50, and answers null past the last page", async () => {
    const first = await listModLog({ actor: busy.name, page: 1 });
    expect(first).toMatchObject({ total: MOD_LOG_PER_PAGE + 5, pageCount: 2 });
    expect(first!.lines).toHaveLength(MOD_LOG_PER_PAGE);
    expect(first!.lines[0]!.target.label).toBe(`Sticky ${MOD_LOG_PER_PAGE + 4}`);
    const second = await listModLog({ actor: busy.name, page: 2 });
    expect(second!.lines.map((l) => l.target.label)).toEqual([
      "Sticky 4",
      "Sticky 3",
      "Sticky 2",
      "Sticky 1",
      "Sticky 0",
    ]);
    expect(await listModLog({ actor: busy.name, page: 3 })).toBeNull();
  });

  it("answers unknown or malformed filters with an empty page and a notice, never an error", async () => {
    expect(await listModLog({ actor: "nobody-by-this-name", page: 1 })).toMatchObject({
      lines: [],
      total: 0,
      notice: "No member is called “nobody-by-this-name”.",
    });
    expect(await listModLog({ actor: "x".repeat(300), page: 1 })).toMatchObject({
      lines: [],
      notice: expect.stringMatching(/^No member is called/),
    });
    expect(await listModLog({ action: "'; drop table mod_log; --", page: 1 })).toMatchObject({
      lines: [],
      notice: "“'; drop table mod_log; --” is not an action.",
    });
    expect(
      await listModLog({ action: "thread.explode", actor: moderator.name, page: 1 }),
    ).toMatchObject({ lines: [], notice: "No log lines match these filters." });
    // `%` and `_` are not wildcards in a kind.
    expect(await listModLog({ action: "use_", page: 1 })).toMatchObject({ lines: [], total: 0 });
    expect((await db.select({ id: modLog.id }).from(modLog).limit(1)).length).toBe(1);
  });

  it("offers every logged action, and the known ones, in the filter", async () => {
    const actions = await listModLogActions();
    for (const a of [
      "user.ban",
      "user.unban",
      "user.role",
      "user.title",
      "thread.lock",
      "thread.stick",
      "post.delete",
      "report.resolve",
    ])
      expect(actions).toContain(a);
    expect(actions).toEqual([...actions].sort());
  });
});
