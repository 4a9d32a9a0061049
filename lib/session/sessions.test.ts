// Integration: sign-ins as rows, against the real Postgres. What a member sees on the account page
// (listSessions), what ending one does to the next request (loadViewer), and whose sign-ins a
// member may end.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { sessions } from "@/db/schema";
import { changePassword } from "../accounts/settings";
import { loadViewer } from "../permissions/load-viewer";
import { ANONYMOUS } from "../permissions";
import { makeMember, type Member } from "../testing/factories";
import {
  endOtherSessions,
  endOwnSession,
  endSession,
  listSessions,
  recordSignIn,
  SESSION_SEEN_EVERY_MS,
} from "./sessions";

afterAll(async () => {
  await db.$client.end();
});

const FIREFOX_WINDOWS =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const CHROME_LINUX =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

/** A sign-in as the jwt callback records it; answers its id. */
async function signIn(member: Member, userAgent = CHROME_LINUX, at = new Date()): Promise<string> {
  const id = randomUUID();
  await recordSignIn(
    {
      id,
      userId: member.id,
      sessionVersion: member.sessionVersion,
      userAgent,
      clientAddress: "203.0.113.7",
    },
    at,
  );
  return id;
}

/** The next request with that sign-in's cookie: signed in as whom? */
const nextRequest = (member: Member, sessionId: string | null, now = new Date()) =>
  loadViewer(member.id, member.sessionVersion, { sessionId, now }).then((v) => v.id);

const rowOf = async (id: string) =>
  (await db.select().from(sessions).where(eq(sessions.id, id)))[0];

describe("listSessions", () => {
  it("lists each sign-in with its device and address, the most recently active first", async () => {
    const member = await makeMember();
    const earlier = new Date(Date.now() - 60 * 60 * 1000);
    const laptop = await signIn(member, FIREFOX_WINDOWS, earlier);
    const desktop = await signIn(member, CHROME_LINUX, earlier);
    // The desktop is used now: its "last active" moves; the laptop's stays.
    expect(await nextRequest(member, desktop)).toBe(member.id);

    const listed = await listSessions(member.id);
    expect(listed.map((s) => [s.id, s.device, s.clientAddress])).toEqual([
      [desktop, "Chrome on Linux", "203.0.113.7"],
      [laptop, "Firefox on Windows", "203.0.113.7"],
    ]);
    expect(listed[0]!.createdAt).toEqual(earlier);
    expect(listed[0]!.lastSeenAt.getTime()).toBeGreaterThan(earlier.getTime());
    expect(listed[1]!.lastSeenAt).toEqual(earlier);
    // Another member's list is theirs alone.
    expect(await listSessions((await makeMember()).id)).toEqual([]);
  });

  it("writes 'last active' at most every few minutes, not on every request", async () => {
    const member = await makeMember();
    const start = new Date();
    const id = await signIn(member, CHROME_LINUX, start);
    const soon = new Date(start.getTime() + SESSION_SEEN_EVERY_MS - 1000);
    expect(await nextRequest(member, id, soon)).toBe(member.id);
    expect((await rowOf(id))!.lastSeenAt).toEqual(start);
    const later = new Date(start.getTime() + SESSION_SEEN_EVERY_MS + 1000);
    expect(await nextRequest(member, id, later)).toBe(member.id);
    expect((await rowOf(id))!.lastSeenAt).toEqual(later);
  });

  it("keeps a sign-in from before this table, and lists it once it is used", async () => {
    const member = await makeMember();
    const old = randomUUID();
    expect(await listSessions(member.id)).toEqual([]);
    expect(await nextRequest(member, old)).toBe(member.id);
    expect(await listSessions(member.id)).toMatchObject([{ id: old, createdAt: null }]);
    // A token from before sign-in ids has nothing to check and nothing to list.
    expect(await nextRequest(member, null)).toBe(member.id);
    expect(await listSessions(member.id)).toHaveLength(1);
  });
});

describe("ending sign-ins", () => {
  it("ends one: its next request is signed out, the others go on", async () => {
    const member = await makeMember();
    const [here, there] = [await signIn(member), await signIn(member, FIREFOX_WINDOWS)];
    expect(await endOwnSession(member, there)).toEqual({ ok: true });
    expect(await nextRequest(member, there)).toBeNull();
    expect(await nextRequest(member, here)).toBe(member.id);
    expect((await listSessions(member.id)).map((s) => s.id)).toEqual([here]);
    // Ending it again changes nothing and is no error.
    expect(await endOwnSession(member, there)).toEqual({ ok: true });
  });

  it("ends all the others, but not this device", async () => {
    const member = await makeMember();
    const here = await signIn(member);
    const others = [await signIn(member, FIREFOX_WINDOWS), await signIn(member)];
    const bystander = await makeMember();
    const theirs = await signIn(bystander);

    expect(await endOtherSessions(member, here)).toEqual({ ok: true, ended: 2 });
    for (const other of others) expect(await nextRequest(member, other)).toBeNull();
    expect(await nextRequest(member, here)).toBe(member.id);
    expect((await listSessions(member.id)).map((s) => s.id)).toEqual([here]);
    expect(await nextRequest(bystander, theirs)).toBe(bystander.id);
    // Nothing left to end.
    expect(await endOtherSessions(member, here)).toEqual({ ok: true, ended: 0 });
    expect(await endOtherSessions(ANONYMOUS, null)).toMatchObject({ ok: false });
  });

  it("refuses another member's sign-in with the same words as one that does not exist", async () => {
    const [owner, intruder] = [await makeMember(), await makeMember({ role: "admin" })];
    const ownerSession = await signIn(owner);
    const refused = await endOwnSession(intruder, ownerSession);
    expect(refused).toMatchObject({ ok: false });
    expect(await endOwnSession(intruder, randomUUID())).toEqual(refused);
    expect(await endOwnSession(ANONYMOUS, ownerSession)).toEqual(refused);
    expect(await nextRequest(owner, ownerSession)).toBe(owner.id);
    expect((await rowOf(ownerSession))!.endedAt).toBeNull();
  });

  it("a sign-out ends that sign-in wherever its cookie was copied, with or without a row", async () => {
    const member = await makeMember();
    const recorded = await signIn(member);
    const older = randomUUID();
    await endSession(recorded, member.id);
    await endSession(older, member.id);
    expect(await nextRequest(member, recorded)).toBeNull();
    expect(await nextRequest(member, older)).toBeNull();
    expect(await listSessions(member.id)).toEqual([]);
  });

  it("keeps an ended sign-in's row while its cookie is still being used", async () => {
    const member = await makeMember();
    const id = await signIn(member);
    await endSession(id, member.id);
    const firstExpiry = (await rowOf(id))!.expiresAt;
    // Weeks later the ended cookie (re-sealed by Auth.js on every use) is still being sent.
    const weeksLater = new Date(Date.now() + 20 * 24 * 60 * 60 * 1000);
    expect(await nextRequest(member, id, weeksLater)).toBeNull();
    expect((await rowOf(id))!.expiresAt.getTime()).toBeGreaterThan(firstExpiry.getTime());
  });

  it("a password change ends every earlier sign-in, and the list shows only later ones", async () => {
    const member = await makeMember();
    const before = [await signIn(member), await signIn(member, FIREFOX_WINDOWS)];
    const changed = await changePassword(member.id, {
      currentPassword: "",
      newPassword: "a brand new passphrase",
    });
    if (!changed.ok) throw new Error(changed.error);
    for (const id of before) expect(await nextRequest(member, id)).toBeNull();
    expect(await listSessions(member.id)).toEqual([]);
    // The browser that changed it signs in again, at the new version.
    const after = await signIn({ ...member, sessionVersion: changed.sessionVersion });
    expect((await listSessions(member.id)).map((s) => s.id)).toEqual([after]);
  });

  it("forgets sign-ins whose cookies have expired on their own", async () => {
    const member = await makeMember();
    const long = new Date(Date.now() - 40 * 24 * 60 * 60 * 1000);
    const stale = await signIn(member, CHROME_LINUX, long);
    expect(await rowOf(stale)).toBeDefined();
    await signIn(member);
    expect(await rowOf(stale)).toBeUndefined();
  });
});
