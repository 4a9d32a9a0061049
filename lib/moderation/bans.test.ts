// Integration: bans through lib/moderation/bans.ts against the real Postgres, with the acting viewer
// read from the database as each request would (loadViewer).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { modLog, users } from "@/db/schema";
import { ANONYMOUS, can, OPEN_FORUM } from "@/lib/permissions";
import { loadViewer } from "@/lib/permissions/load-viewer";
import { postingRefusal } from "@/lib/permissions/posting";
import { cleanUp, makeMember, type Member } from "@/lib/testing/factories";
import { logLines as logLinesAbout } from "@/lib/testing/inspect";
import { banMember, getMemberBanStatus, unbanMember } from "./bans";

const run = Date.now().toString(36);
const DAY = 86_400_000;
const OPEN_THREAD = { isLocked: false, deletedAt: null, forum: OPEN_FORUM };

const asRequest = (member: { id: string; sessionVersion: number }) =>
  loadViewer(member.id, member.sessionVersion);

async function stored(id: string) {
  const [row] = await db
    .select({
      bannedAt: users.bannedAt,
      banReason: users.banReason,
      banEndsAt: users.banEndsAt,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(eq(users.id, id));
  return row!;
}

const logLines = (targetId: string) => logLinesAbout("user", targetId);

let admin: Member;
let otherAdmin: Member;
let moderator: Member;
let otherModerator: Member;
let bannedModerator: Member;

beforeAll(async () => {
  admin = await makeMember({ name: `bans-admin-${run}`, role: "admin" });
  otherAdmin = await makeMember({ name: `bans-admin-two-${run}`, role: "admin" });
  moderator = await makeMember({ name: `bans-moderator-${run}`, role: "moderator" });
  otherModerator = await makeMember({ name: `bans-moderator-two-${run}`, role: "moderator" });
  bannedModerator = await makeMember({
    name: `bans-banned-moderator-${run}`,
    role: "moderator",
    banned: { since: new Date(), reason: "Rogue" },
  });
});

afterAll(async () => {
  await cleanUp();
  await db.$client.end();
});

/** Asserts a refused ban wrote and logged nothing. */
async function expectUntouched(target: Member) {
  expect(await stored(target.id)).toEqual({
    bannedAt: null,
    banReason: null,
    banEndsAt: null,
    sessionVersion: target.sessionVersion,
  });
  expect(await logLines(target.id)).toEqual([]);
}

describe("banning", () => {
  it("a moderator bans a member: stored, logged, and the member's open sessions end at once", async () => {
    const target = await makeMember({ name: `bans-target-${run}` });
    const before = await asRequest(target);
    expect(can(before, "reply", OPEN_THREAD)).toBe(true);
    const endsAt = new Date(Date.now() + 7 * DAY);

    const result = await banMember(await asRequest(moderator), {
      userId: target.id,
      reason: "  Spamming   links ",
      endsAt,
    });
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.message).toMatch(new RegExp(`^${target.name} is banned until `));

    const row = await stored(target.id);
    expect(row).toMatchObject({
      banReason: "Spamming links",
      banEndsAt: endsAt,
      sessionVersion: target.sessionVersion + 1,
    });
    expect(row.bannedAt).toBeInstanceOf(Date);

    const lines = await logLines(target.id);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      actorId: moderator.id,
      action: "user.ban",
      targetType: "user",
      targetLabel: target.name,
      reason: "Spamming links",
      details: { endsAt: endsAt.toISOString() },
    });

    // The session they had open is anonymous now…
    expect(await loadViewer(target.id, target.sessionVersion)).toEqual(ANONYMOUS);
    // …and a new sign-in (the new version) is a banned member who may read but not reply, and sees why.
    const again = await loadViewer(target.id, target.sessionVersion + 1);
    expect(again).toMatchObject({
      id: target.id,
      isBanned: true,
      banReason: "Spamming links",
      banEndsAt: endsAt,
    });
    expect(can(again, "reply", OPEN_THREAD)).toBe(false);
    expect(can(again, "postThread", OPEN_FORUM)).toBe(false);
    expect(can(again, "read")).toBe(true);
    expect((await getMemberBanStatus(target.number))?.isBanned).toBe(true);
  });

  it("a ban without an end date is permanent", async () => {
    const target = await makeMember({ name: `bans-permanent-${run}` });
    expect(
      await banMember(await asRequest(admin), { userId: target.id, reason: "Threats" }),
    ).toEqual({ ok: true, message: `${target.name} is banned permanently.` });
    expect(await stored(target.id)).toMatchObject({ banReason: "Threats", banEndsAt: null });
    expect((await logLines(target.id))[0]?.details).toEqual({ endsAt: null });
    expect(await loadViewer(target.id, target.sessionVersion + 1)).toMatchObject({
      isBanned: true,
      banEndsAt: null,
    });
  });

  it("a banned member loses the editor's Preview along with posting, and is told why", async () => {
    const target = await makeMember({ prefix: "bans-preview" });
    expect(can(await asRequest(target), "previewPost")).toBe(true);
    await banMember(await asRequest(moderator), {
      userId: target.id,
      reason: "Flooding",
      endsAt: new Date(Date.now() + DAY),
    });
    const banned = await asRequest({ id: target.id, sessionVersion: target.sessionVersion + 1 });
    expect(banned.isBanned).toBe(true);
    expect(can(banned, "previewPost")).toBe(false);
    expect(postingRefusal(banned, "preview")).toBe(
      "Your account is banned: you can read the forum but not post or react.",
    );
    expect(postingRefusal(ANONYMOUS, "preview")).toBe("Sign in to preview your post.");
  });

  it("a moderator cannot ban another moderator or an administrator: refused, nothing written or logged", async () => {
    const actor = await asRequest(moderator);
    expect(await banMember(actor, { userId: otherModerator.id, reason: "Rival" })).toEqual({
      ok: false,
      error: "Only administrators can ban moderators.",
    });
    expect(await banMember(actor, { userId: admin.id, reason: "Coup" })).toEqual({
      ok: false,
      error: "Administrators cannot be banned.",
    });
    await expectUntouched(otherModerator);
    await expectUntouched(admin);
  });

  it("an administrator bans a moderator, but not another administrator", async () => {
    const target = await makeMember({ name: `bans-mod-target-${run}`, role: "moderator" });
    const actor = await asRequest(admin);
    expect(await banMember(actor, { userId: target.id, reason: "Abuse of powers" })).toMatchObject({
      ok: true,
    });
    expect((await stored(target.id)).sessionVersion).toBe(target.sessionVersion + 1);
    const banned = await loadViewer(target.id, target.sessionVersion + 1);
    expect(can(banned, "moderateThreads")).toBe(false);

    expect(await banMember(actor, { userId: otherAdmin.id, reason: "Coup" })).toEqual({
      ok: false,
      error: "Administrators cannot be banned.",
    });
    await expectUntouched(otherAdmin);
  });

  it("nobody bans themself", async () => {
    expect(
      await banMember(await asRequest(moderator), { userId: moderator.id, reason: "Tired" }),
    ).toEqual({ ok: false, error: "You cannot ban yourself." });
    expect(await banMember(await asRequest(admin), { userId: admin.id, reason: "Tired" })).toEqual({
      ok: false,
      error: "You cannot ban yourself.",
    });
    await expectUntouched(moderator);
    await expectUntouched(admin);
  });

  it("members, anonymous visitors and banned moderators cannot ban", async () => {
    const plain = await makeMember({ name: `bans-plain-${run}` });
    const target = await makeMember({ name: `bans-victim-${run}` });
    for (const [actor, message] of [
      [await asRequest(plain), "Only moderators and administrators can ban members."],
      [ANONYMOUS, "Sign in as staff to ban members."],
      [await asRequest(bannedModerator), "Banned members cannot ban others."],
    ] as const) {
      expect(await banMember(actor, { userId: target.id, reason: "Because" })).toEqual({
        ok: false,
        error: message,
      });
    }
    await expectUntouched(target);
  });

  it("requires a reason of at most 500 characters, and an end date in the future", async () => {
    const target = await makeMember({ name: `bans-invalid-${run}` });
    const actor = await asRequest(moderator);
    expect(await banMember(actor, { userId: target.id, reason: "x".repeat(501) })).toEqual({
      ok: false,
      field: "reason",
      error: "Reasons are at most 500 characters long.",
    });
    expect(await banMember(actor, { userId: target.id, reason: "   " })).toEqual({
      ok: false,
      field: "reason",
      error: "Enter a reason for the ban.",
    });
    expect(await banMember(actor, { userId: target.id, reason: undefined })).toMatchObject({
      ok: false,
      field: "reason",
    });
    expect(
      await banMember(actor, {
        userId: target.id,
        reason: "Spam",
        endsAt: new Date(Date.now() - 60_000),
      }),
    ).toEqual({
      ok: false,
      field: "endsAt",
      error: "The end date must be in the future.",
    });
    expect(
      await banMember(actor, { userId: target.id, reason: "Spam", endsAt: new Date("nonsense") }),
    ).toMatchObject({ ok: false, field: "endsAt" });
    await expectUntouched(target);

    expect(await banMember(actor, { userId: target.id, reason: "x".repeat(500) })).toMatchObject({
      ok: true,
    });
    expect((await stored(target.id)).banReason).toBe("x".repeat(500));
  });

  it("says when the member does not exist", async () => {
    expect(
      await banMember(await asRequest(admin), { userId: "no-such-member", reason: "Spam" }),
    ).toEqual({ ok: false, error: "No such member." });
    expect(await unbanMember(await asRequest(admin), { userId: "no-such-member" })).toEqual({
      ok: false,
      error: "No such member.",
    });
    expect(await db.select().from(modLog).where(eq(modLog.targetId, "no-such-member"))).toEqual([]);
  });

  it("a ban whose end date has passed no longer counts", async () => {
    const target = await makeMember({
      name: `bans-ended-${run}`,
      banned: {
        since: new Date(Date.now() - 2 * DAY),
        reason: "Old",
        endsAt: new Date(Date.now() - 1000),
      },
    });
    const viewer = await asRequest(target);
    expect(viewer.isBanned).toBe(false);
    expect(viewer.banReason).toBeUndefined();
    expect(can(viewer, "reply", OPEN_THREAD)).toBe(true);
    expect((await getMemberBanStatus(target.number))?.isBanned).toBe(false);
    // The clock moving past the end date lifts a ban too.
    const soon = await makeMember({ name: `bans-soon-${run}` });
    const endsAt = new Date(Date.now() + DAY);
    expect(
      await banMember(await asRequest(admin), { userId: soon.id, reason: "Cool off", endsAt }),
    ).toMatchObject({ ok: true });
    expect((await loadViewer(soon.id, soon.sessionVersion + 1)).isBanned).toBe(true);
    expect(
      (await loadViewer(soon.id, soon.sessionVersion + 1, { now: new Date(endsAt.getTime() + 1) }))
        .isBanned,
    ).toBe(false);
  });
});

describe("unbanning", () => {
  it("clears the ban and logs it; the member can post again without a new sign-in", async () => {
    const target = await makeMember({ name: `bans-unban-${run}` });
    await banMember(await asRequest(moderator), {
      userId: target.id,
      reason: "Flaming",
      endsAt: new Date(Date.now() + DAY),
    });
    const session = { id: target.id, sessionVersion: target.sessionVersion + 1 };
    expect((await asRequest(session)).isBanned).toBe(true);

    expect(await unbanMember(await asRequest(moderator), { userId: target.id })).toEqual({
      ok: true,
      message: `${target.name} is no longer banned.`,
    });
    expect(await stored(target.id)).toEqual({
      bannedAt: null,
      banReason: null,
      banEndsAt: null,
      sessionVersion: target.sessionVersion + 1,
    });
    const viewer = await asRequest(session);
    expect(viewer.isBanned).toBe(false);
    expect(can(viewer, "reply", OPEN_THREAD)).toBe(true);

    const lines = await logLines(target.id);
    expect(lines.map((l) => l.action)).toEqual(["user.ban", "user.unban"]);
    expect(lines[1]).toMatchObject({
      actorId: moderator.id,
      targetType: "user",
      targetLabel: target.name,
      details: { banReason: "Flaming" },
    });
  });

  it("unbanning a member who is not banned changes and logs nothing", async () => {
    const target = await makeMember({ name: `bans-not-banned-${run}` });
    expect(await unbanMember(await asRequest(admin), { userId: target.id })).toEqual({
      ok: true,
      message: `${target.name} is not banned.`,
    });
    await expectUntouched(target);
  });

  it("members and anonymous visitors cannot unban, nor can a banned moderator unban themself", async () => {
    const plain = await makeMember({ name: `bans-plain-unban-${run}` });
    const target = await makeMember({ name: `bans-stays-banned-${run}` });
    await banMember(await asRequest(admin), { userId: target.id, reason: "Spam" });
    expect(await unbanMember(await asRequest(plain), { userId: target.id })).toEqual({
      ok: false,
      error: "Only moderators and administrators can unban members.",
    });
    expect(await unbanMember(ANONYMOUS, { userId: target.id })).toEqual({
      ok: false,
      error: "Sign in as staff to unban members.",
    });
    expect(
      await unbanMember(await asRequest(bannedModerator), { userId: bannedModerator.id }),
    ).toEqual({ ok: false, error: "Banned members cannot unban others." });
    expect((await stored(target.id)).banReason).toBe("Spam");
    expect((await stored(bannedModerator.id)).banReason).toBe("Rogue");
    expect(
      await db
        .select()
        .from(modLog)
        .where(
          and(
            eq(modLog.action, "user.unban"),
            inArray(modLog.targetId, [target.id, bannedModerator.id]),
          ),
        ),
    ).toEqual([]);
  });
});
