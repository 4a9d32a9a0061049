// Integration: roles and custom titles changed through lib/members/roles.ts against the real
// Postgres, with the acting viewer read from the database as each request would (loadViewer).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { modLog, users } from "@/db/schema";
import { ANONYMOUS, can, type Role, type Viewer } from "@/lib/permissions";
import { loadViewer } from "@/lib/permissions/load-viewer";
import { cleanUp, makeMember, type Member } from "@/lib/testing/factories";
import { listMembersForAdmin, setCustomTitle, setMemberRole } from "./roles";

const run = Date.now().toString(36);

/** The viewer a request from this member's session would get: read from the database now. */
const asRequest = (member: { id: string; sessionVersion: number }) =>
  loadViewer(member.id, member.sessionVersion);

/** The moderator log lines about this member, oldest first. */
const logged = (id: string) =>
  db
    .select({
      actorId: modLog.actorId,
      action: modLog.action,
      targetType: modLog.targetType,
      targetLabel: modLog.targetLabel,
      details: modLog.details,
    })
    .from(modLog)
    .where(eq(modLog.targetId, id))
    .orderBy(modLog.id);

async function stored(id: string) {
  const [row] = await db
    .select({
      role: users.role,
      customTitle: users.customTitle,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(eq(users.id, id));
  return row!;
}

let admin: Member;
let otherAdmin: Member;
let moderator: Member;
let member: Member;
let bannedAdmin: Member;

beforeAll(async () => {
  admin = await makeMember({ name: `roles-admin-${run}`, role: "admin" });
  otherAdmin = await makeMember({ name: `roles-admin-two-${run}`, role: "admin" });
  moderator = await makeMember({ name: `roles-moderator-${run}`, role: "moderator" });
  member = await makeMember({ name: `roles-member-${run}` });
  bannedAdmin = await makeMember({
    name: `roles-banned-admin-${run}`,
    role: "admin",
    banned: { since: new Date() },
  });
});

afterAll(async () => {
  // Leave the shared test database as we found it (other files count admins and members).
  await cleanUp();
  await db.$client.end();
});

describe("changing roles", () => {
  it("an administrator promotes a member to moderator, and their next request has the powers", async () => {
    const fresh = await makeMember({ name: `roles-promoted-${run}` });
    expect(can(await asRequest(fresh), "viewMemberAdmin")).toBe(false);

    const result = await setMemberRole({
      actor: await asRequest(admin),
      targetId: fresh.id,
      role: "moderator",
    });
    expect(result).toEqual({ ok: true, message: `${fresh.name} is now a moderator.` });
    expect((await stored(fresh.id)).role).toBe("moderator");

    const next = await asRequest(fresh);
    expect(next).toMatchObject({ id: fresh.id, role: "moderator" });
    expect(can(next, "viewMemberAdmin")).toBe(true);
    // Not signed out: the session version is untouched.
    expect((await stored(fresh.id)).sessionVersion).toBe(fresh.sessionVersion);
    // Logged in the same transaction, with what changed.
    expect(await logged(fresh.id)).toEqual([
      {
        actorId: admin.id,
        action: "user.role",
        targetType: "user",
        targetLabel: fresh.name,
        details: { from: "member", to: "moderator" },
      },
    ]);
    // Saving the same role again changes and logs nothing.
    expect(
      await setMemberRole({ actor: await asRequest(admin), targetId: fresh.id, role: "moderator" }),
    ).toMatchObject({ ok: true });
    expect(await logged(fresh.id)).toHaveLength(1);
  });

  it("a moderator cannot change roles: refused and nothing written", async () => {
    const result = await setMemberRole({
      actor: await asRequest(moderator),
      targetId: member.id,
      role: "admin",
    });
    expect(result).toEqual({
      ok: false,
      error: "Only administrators can change roles.",
    });
    expect((await stored(member.id)).role).toBe("member");
    expect(await logged(member.id)).toEqual([]);
  });

  it("an administrator cannot change their own role", async () => {
    const result = await setMemberRole({
      actor: await asRequest(admin),
      targetId: admin.id,
      role: "member",
    });
    expect(result).toEqual({
      ok: false,
      error: "You cannot change your own role.",
    });
    expect((await stored(admin.id)).role).toBe("admin");
  });

  it("members, anonymous visitors and banned administrators cannot change roles", async () => {
    for (const [actor, message] of [
      [await asRequest(member), "Only administrators can change roles."],
      [ANONYMOUS, "Sign in as an administrator to change roles."],
      [await asRequest(bannedAdmin), "Banned members cannot change roles."],
    ] as [Viewer, string][]) {
      expect(await setMemberRole({ actor, targetId: moderator.id, role: "member" })).toEqual({
        ok: false,
        error: message,
      });
    }
    expect((await stored(moderator.id)).role).toBe("moderator");
  });

  it("an administrator may change another administrator's role", async () => {
    const target = await makeMember({ name: `roles-admin-three-${run}`, role: "admin" });
    expect(
      await setMemberRole({
        actor: await asRequest(admin),
        targetId: target.id,
        role: "moderator",
      }),
    ).toMatchObject({ ok: true });
    expect((await stored(target.id)).role).toBe("moderator");
  });

  it("says when the member does not exist or the role is not one", async () => {
    const actor = await asRequest(admin);
    expect(await setMemberRole({ actor, targetId: "no-such-member", role: "moderator" })).toEqual({
      ok: false,
      error: "That member no longer exists.",
    });
    expect(await setMemberRole({ actor, targetId: member.id, role: "owner" as Role })).toEqual({
      ok: false,
      error: "Choose member, moderator or administrator.",
    });
    expect((await stored(member.id)).role).toBe("member");
  });

  it("a demoted moderator's next request no longer has the powers, and they stay signed in", async () => {
    const mod = await makeMember({ name: `roles-demoted-${run}`, role: "moderator" });
    const target = await makeMember({ name: `roles-title-target-${run}` });
    const before = await asRequest(mod);
    expect(can(before, "viewMemberAdmin")).toBe(true);
    expect(
      await setCustomTitle({ actor: before, targetId: target.id, title: "First mate" }),
    ).toMatchObject({ ok: true });

    expect(
      await setMemberRole({ actor: await asRequest(admin), targetId: mod.id, role: "member" }),
    ).toMatchObject({ ok: true });

    const after = await asRequest(mod);
    expect(after).toMatchObject({ id: mod.id, role: "member" });
    expect(can(after, "viewMemberAdmin")).toBe(false);
    expect(await setCustomTitle({ actor: after, targetId: target.id, title: "Captain" })).toEqual({
      ok: false,
      error: "Only moderators and administrators can grant custom titles.",
    });
    expect((await stored(target.id)).customTitle).toBe("First mate");
  });
});

describe("custom titles", () => {
  it("a member cannot grant titles, not even to themself", async () => {
    const actor = await asRequest(member);
    for (const targetId of [member.id, moderator.id]) {
      expect(await setCustomTitle({ actor, targetId, title: "Self-appointed" })).toEqual({
        ok: false,
        error: "Only moderators and administrators can grant custom titles.",
      });
    }
    expect((await stored(member.id)).customTitle).toBeNull();
    expect(await setCustomTitle({ actor: ANONYMOUS, targetId: member.id, title: "Nope" })).toEqual({
      ok: false,
      error: "Sign in as staff to grant custom titles.",
    });
  });

  it("a moderator titles members but cannot retitle an administrator", async () => {
    const actor = await asRequest(moderator);
    expect(await setCustomTitle({ actor, targetId: member.id, title: "  Night   watch " })).toEqual(
      { ok: true, message: `${member.name}'s custom title is now “Night watch”.` },
    );
    expect((await stored(member.id)).customTitle).toBe("Night watch");

    expect(await setCustomTitle({ actor, targetId: admin.id, title: "Demoted in spirit" })).toEqual(
      {
        ok: false,
        error: "Only administrators can change an administrator's title.",
      },
    );
    expect((await stored(admin.id)).customTitle).toBeNull();
    expect((await logged(admin.id)).filter((l) => l.action === "user.title")).toEqual([]);
  });

  it("an administrator titles another administrator and clears titles with an empty one", async () => {
    const actor = await asRequest(admin);
    expect(
      await setCustomTitle({ actor, targetId: otherAdmin.id, title: "Keeper of keys" }),
    ).toMatchObject({ ok: true });
    expect((await stored(otherAdmin.id)).customTitle).toBe("Keeper of keys");
    expect(await setCustomTitle({ actor, targetId: otherAdmin.id, title: "   " })).toEqual({
      ok: true,
      message: `${otherAdmin.name}'s custom title was cleared.`,
    });
    expect((await stored(otherAdmin.id)).customTitle).toBeNull();
    // Each change is logged with the titles before and after; clearing an empty title again logs nothing.
    expect(await setCustomTitle({ actor, targetId: otherAdmin.id, title: "" })).toMatchObject({
      ok: true,
    });
    expect(await logged(otherAdmin.id)).toEqual([
      {
        actorId: admin.id,
        action: "user.title",
        targetType: "user",
        targetLabel: otherAdmin.name,
        details: { from: null, to: "Keeper of keys" },
      },
      {
        actorId: admin.id,
        action: "user.title",
        targetType: "user",
        targetLabel: otherAdmin.name,
        details: { from: "Keeper of keys", to: null },
      },
    ]);
  });

  it("refuses titles over 50 characters or with control characters, writing nothing", async () => {
    const actor = await asRequest(admin);
    expect(await setCustomTitle({ actor, targetId: moderator.id, title: "x".repeat(51) })).toEqual({
      ok: false,
      error: "Custom titles are at most 50 characters long.",
    });
    expect(await setCustomTitle({ actor, targetId: moderator.id, title: "a\u202Eb" })).toEqual({
      ok: false,
      error: "Custom titles cannot contain control characters.",
    });
    expect(
      await setCustomTitle({ actor, targetId: moderator.id, title: "x".repeat(50) }),
    ).toMatchObject({ ok: true });
    expect((await stored(moderator.id)).customTitle).toBe("x".repeat(50));
  });
});

describe("sessions", () => {
  it("a bumped session version (a ban, a password change) makes the old session anonymous", async () => {
    const target = await makeMember({ name: `roles-session-${run}` });
    expect((await asRequest(target)).id).toBe(target.id);
    await db
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, target.id));
    expect(await asRequest(target)).toEqual(ANONYMOUS);
  });

  it("a ban that has ended no longer counts", async () => {
    const target = await makeMember({
      name: `roles-ban-ended-${run}`,
      banned: { since: new Date(Date.now() - 86_400_000), endsAt: new Date(Date.now() - 1000) },
    });
    expect((await asRequest(target)).isBanned).toBe(false);
  });
});

describe("the administration list", () => {
  it("finds members by part of their name, any case, with what this viewer may change", async () => {
    const actor = await asRequest(moderator);
    const list = await listMembersForAdmin(actor, {
      search: `ROLES-ADMIN-TWO-${run}`.toLowerCase().slice(0, 50),
      page: 1,
    });
    expect(list?.members.map((m) => m.name)).toEqual([otherAdmin.name]);
    expect(list?.members[0]).toMatchObject({
      role: "admin",
      canChangeRole: false,
      canGrantTitle: false,
      isViewer: false,
    });

    const all = await listMembersForAdmin(await asRequest(admin), { search: `-${run}`, page: 1 });
    const byName = new Map(all!.members.map((m) => [m.name, m]));
    expect(byName.get(admin.name)).toMatchObject({
      isViewer: true,
      canChangeRole: false,
      canGrantTitle: true,
    });
    expect(byName.get(member.name)).toMatchObject({ canChangeRole: true, canGrantTitle: true });
    // Staff first.
    expect(all!.members[0]!.role).toBe("admin");
  });

  it("treats % and _ in a search as plain characters and answers null past the last page", async () => {
    const actor = await asRequest(admin);
    expect((await listMembersForAdmin(actor, { search: "%", page: 1 }))?.total).toBe(0);
    expect(await listMembersForAdmin(actor, { search: "", page: 999 })).toBeNull();
  });
});
