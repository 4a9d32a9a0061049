// Integration: "Forgot your password?" against a real Postgres and a real SMTP server in-process.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { mailOutbox, sessions, users } from "@/db/schema";
import { verifyPassword } from "../auth/password";
import { cleanUp, makeMember } from "../testing/factories";
import { linkIn, startSmtpInbox, type SmtpInbox } from "../testing/smtp-inbox";
import { issueToken } from "./account-tokens";
import {
  RESET_REQUESTED,
  requestPasswordReset,
  resetLinkMember,
  resetLinkForName,
  resetPassword,
} from "./password-reset";

let inbox: SmtpInbox;
const ORIGIN = "http://forum.test";

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

async function memberWithEmail() {
  const member = await makeMember({ prefix: "reset" });
  const email = `${member.name.toLowerCase()}@example.test`;
  await db.update(users).set({ email }).where(eq(users.id, member.id));
  return { ...member, email };
}

const context = () => ({ address: `10.9.${randomUUID().slice(0, 4)}`, origin: ORIGIN });

describe("password reset", () => {
  it("answers the same for an unknown account and mails a known one a single-use link", async () => {
    const member = await memberWithEmail();
    const unknown = await requestPasswordReset({ identifier: "nobody-by-this-name" }, context());
    const known = await requestPasswordReset({ identifier: member.email.toUpperCase() }, context());
    expect(unknown).toMatchObject({ ok: true, message: RESET_REQUESTED });
    expect(known).toMatchObject({ ok: true, message: RESET_REQUESTED });
    if (!known.ok) return;
    expect(await known.delivery).toBe("sent");

    const mail = await inbox.next(member.email);
    expect(mail.subject).toBe("Choose a new password");
    expect(mail.text).toContain(`Hello ${member.name},`);
    expect(mail.html).toContain("Choose a new password");
    const link = linkIn(mail, `${ORIGIN}/reset-password?token=`);
    const token = new URL(link).searchParams.get("token");

    // Opening the link (the confirm page) does not use it up.
    expect(await resetLinkMember(token)).toEqual({ name: member.name });
    expect(await resetLinkMember(token)).toEqual({ name: member.name });

    await db.insert(sessions).values({
      id: randomUUID(),
      userId: member.id,
      sessionVersion: member.sessionVersion,
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    const reset = await resetPassword({ token, newPassword: "a brand new passphrase" });
    expect(reset).toEqual({ ok: true, identifier: member.name });

    const [after] = await db.select().from(users).where(eq(users.id, member.id));
    expect(await verifyPassword(after!.passwordHash!, "a brand new passphrase")).toBe(true);
    // Every session ended: the version moved on and the rows say ended.
    expect(after!.sessionVersion).toBe(member.sessionVersion + 1);
    expect(after!.emailVerified).not.toBeNull();
    const open = await db.select().from(sessions).where(eq(sessions.userId, member.id));
    expect(open.every((s) => s.endedAt !== null)).toBe(true);

    // Single use.
    expect(await resetLinkMember(token)).toBeNull();
    const again = await resetPassword({ token, newPassword: "yet another passphrase" });
    expect(again).toMatchObject({ ok: false, field: "form" });
  });

  it("refuses an expired link, a made-up one and a weak password, keeping the link for another try", async () => {
    const member = await memberWithEmail();
    const old = await issueToken(
      member.id,
      "reset-password",
      null,
      new Date(Date.now() - 3_700_000),
    );
    expect(await resetLinkMember(old)).toBeNull();
    expect(
      await resetPassword({ token: old, newPassword: "a brand new passphrase" }),
    ).toMatchObject({ ok: false, field: "form" });
    expect(
      await resetPassword({ token: "x".repeat(43), newPassword: "a fine passphrase" }),
    ).toMatchObject({ ok: false });
    expect(await resetPassword({ token: ["not", "text"], newPassword: 42 })).toMatchObject({
      ok: false,
    });

    const fresh = await issueToken(member.id, "reset-password");
    expect(await resetPassword({ token: fresh, newPassword: "short" })).toMatchObject({
      ok: false,
      field: "newPassword",
    });
    expect(await resetPassword({ token: fresh, newPassword: member.name })).toMatchObject({
      ok: false,
    });
    expect(await resetLinkMember(fresh)).toEqual({ name: member.name });
  });

  it("holds one account to the hourly rate whoever asks, with the same words for unknown names", async () => {
    const name = `ghost-${randomUUID().slice(0, 8)}`;
    for (let i = 0; i < 5; i++)
      expect(await requestPasswordReset({ identifier: name }, context())).toMatchObject({
        ok: true,
      });
    const refused = await requestPasswordReset({ identifier: name }, context());
    expect(refused).toMatchObject({ ok: false });
    if (!refused.ok) expect(refused.error).toMatch(/Try again in \d+ minutes/);
    expect(await requestPasswordReset({ identifier: "" }, context())).toMatchObject({
      ok: false,
      field: "identifier",
    });
  });

  it("keeps the mail in the outbox when no SMTP server is configured", async () => {
    const member = await memberWithEmail();
    const saved = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    try {
      const asked = await requestPasswordReset({ identifier: member.name }, context());
      expect(asked.ok && (await asked.delivery)).toBe("outbox");
    } finally {
      process.env.SMTP_URL = saved;
    }
    const [kept] = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, member.email));
    expect(kept).toMatchObject({ subject: "Choose a new password", error: null });
    expect(kept!.text).toContain(`${ORIGIN}/reset-password?token=`);
  });

  it("gives the operator's command a working link by member name, and nothing for an unknown name", async () => {
    const member = await makeMember({ prefix: "chief" });
    expect(await resetLinkForName("no-such-member-here", ORIGIN)).toBeNull();
    const link = await resetLinkForName(` ${member.name.toUpperCase()} `, ORIGIN);
    const token = new URL(link!).searchParams.get("token");
    expect(await resetLinkMember(token)).toEqual({ name: member.name });
    expect(await resetPassword({ token, newPassword: "the chief's new passphrase" })).toEqual({
      ok: true,
      identifier: member.name,
    });
  });
});
