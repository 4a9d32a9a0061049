// Integration: an administrator's email tools and email confirmation, with a real SMTP server.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { modLog, users } from "@/db/schema";
import {
  confirmEmail,
  setPostingNeedsVerifiedEmail,
  verificationLinkAddress,
} from "../accounts/email-verification";
import { resetLinkMember } from "../accounts/password-reset";
import { can, OPEN_FORUM } from "../permissions";
import { loadViewer } from "../permissions/load-viewer";
import { cleanUp, makeMember } from "../testing/factories";
import { linkIn, startSmtpInbox, type SmtpInbox } from "../testing/smtp-inbox";
import { resendMemberVerification, sendMemberPasswordReset, setMemberEmail } from "./member-email";

let inbox: SmtpInbox;
const ORIGIN = "http://forum.test";
const tokenOf = (link: string) => new URL(link).searchParams.get("token");

beforeAll(async () => {
  inbox = await startSmtpInbox();
  process.env.SMTP_URL = inbox.url;
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  await inbox.close();
  await cleanUp();
  await db.$client.end();
});

describe("an administrator's email tools", () => {
  it("set an address, which is confirmed through the mailed link, and mail a reset", async () => {
    const admin = await makeMember({ role: "admin" });
    const moderator = await makeMember({ role: "moderator" });
    const member = await makeMember();
    const email = `${member.name.toLowerCase()}@example.test`;

    expect(await setMemberEmail(moderator, member.id, email, ORIGIN)).toMatchObject({ ok: false });
    expect(await setMemberEmail(admin, member.id, "not an address", ORIGIN)).toMatchObject({
      ok: false,
      error: "Enter a valid email address.",
    });
    const set = await setMemberEmail(admin, member.id, email.toUpperCase(), ORIGIN);
    expect(set).toMatchObject({ ok: true });
    if (set.ok) await set.delivery;

    const confirmation = await inbox.next(email);
    expect(confirmation.subject).toBe("Confirm your email address");
    const token = tokenOf(linkIn(confirmation, `${ORIGIN}/verify-email?token=`));
    // Opening the link does not confirm; the page's button does, once.
    expect(await verificationLinkAddress(token)).toBe(email);
    expect(
      (await db.select().from(users).where(eq(users.id, member.id)))[0]!.emailVerified,
    ).toBeNull();
    expect(await confirmEmail(token)).toEqual({ ok: true, email });
    expect(await confirmEmail(token)).toMatchObject({ ok: false });
    expect(await resendMemberVerification(admin, member.id, ORIGIN)).toMatchObject({
      ok: false,
      error: "This email address is already confirmed.",
    });

    const before = inbox.messages.length;
    const reset = await sendMemberPasswordReset(admin, member.id, ORIGIN);
    expect(reset).toMatchObject({ ok: true });
    if (reset.ok) await reset.delivery;
    const mail = await inbox.next(email, before);
    expect(mail.text).toContain("An administrator sent you this link");
    expect(await resetLinkMember(tokenOf(linkIn(mail, `${ORIGIN}/reset-password?token=`)))).toEqual(
      {
        name: member.name,
      },
    );

    const logged = await db.select().from(modLog).where(eq(modLog.targetId, member.id));
    expect(logged.map((l) => l.action).sort()).toEqual(["user.email", "user.password_reset_mail"]);
  });

  it("a link for an address the member no longer has confirms nothing", async () => {
    const admin = await makeMember({ role: "admin" });
    const member = await makeMember();
    const first = `${member.name.toLowerCase()}@one.test`;
    const set = await setMemberEmail(admin, member.id, first, ORIGIN);
    if (set.ok) await set.delivery;
    const token = tokenOf(linkIn(await inbox.next(first), `${ORIGIN}/verify-email?token=`));
    await setMemberEmail(admin, member.id, `${member.name.toLowerCase()}@two.test`, ORIGIN);
    expect(await verificationLinkAddress(token)).toBeNull();
    expect(await confirmEmail(token)).toMatchObject({ ok: false });
  });
});

describe("posting before confirming", () => {
  it("is allowed by default and refused while administrators require a confirmed address", async () => {
    const admin = await makeMember({ role: "admin" });
    const member = await makeMember();
    await db
      .update(users)
      .set({ email: `${member.name.toLowerCase()}@example.test` })
      .where(eq(users.id, member.id));
    const viewer = () => loadViewer(member.id, member.sessionVersion);
    expect(can(await viewer(), "postThread", OPEN_FORUM)).toBe(true);
    expect(await setPostingNeedsVerifiedEmail(member, true)).toMatchObject({ ok: false });
    try {
      expect(await setPostingNeedsVerifiedEmail(admin, true)).toMatchObject({ ok: true });
      expect(can(await viewer(), "postThread", OPEN_FORUM)).toBe(false);
      await db.update(users).set({ emailVerified: new Date() }).where(eq(users.id, member.id));
      expect(can(await viewer(), "postThread", OPEN_FORUM)).toBe(true);
    } finally {
      await setPostingNeedsVerifiedEmail(admin, false);
    }
  });
});
