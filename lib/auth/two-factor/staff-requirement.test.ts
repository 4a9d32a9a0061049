// Integration: administrators requiring two-step verification of staff, enforced where the viewer
// is loaded, and the renewal a password change signs an enrolled member back in with.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { generate } from "otplib";
import { db } from "@/db/client";
import { settings, totpCredentials } from "@/db/schema";
import { makeMember } from "@/lib/testing/factories";
import { can } from "../../permissions";
import { loadViewer } from "../../permissions/load-viewer";
import { completeRenewal, issueSignInChallenge, renewalFor } from "./challenge";
import { open } from "./keys";
import {
  setStaffTwoFactorRequired,
  STAFF_TWO_FACTOR_SETTING,
  staffTwoFactorRequired,
} from "./staff-requirement";
import { beginTotpEnrolment, confirmTotpEnrolment } from "./totp";

beforeAll(() => {
  process.env.AUTH_SECRET ||= "a test secret that is long enough to derive keys from";
});
afterAll(async () => {
  await db.delete(settings).where(eq(settings.key, STAFF_TWO_FACTOR_SETTING));
  await db.$client.end();
});

async function enrol(userId: string) {
  await beginTotpEnrolment(userId);
  const [row] = await db
    .select({ secret: totpCredentials.secret })
    .from(totpCredentials)
    .where(eq(totpCredentials.userId, userId));
  const confirmed = await confirmTotpEnrolment(
    userId,
    await generate({ secret: open(row!.secret) }),
  );
  if (!confirmed.ok) throw new Error(confirmed.error);
}

describe("staff must use two-step verification", () => {
  it("only an administrator with it on may require it", async () => {
    const moderator = await makeMember({ role: "moderator" });
    const admin = await makeMember({ role: "admin" });
    expect(await setStaffTwoFactorRequired(moderator, true)).toMatchObject({ ok: false });
    expect(await setStaffTwoFactorRequired(admin, true)).toMatchObject({
      ok: false,
      error: "Turn on two-step verification for your own account first.",
    });
    await enrol(admin.id);
    expect(await setStaffTwoFactorRequired(admin, true)).toMatchObject({ ok: true });
    expect(await staffTwoFactorRequired()).toBe(true);
  });

  it("holds back a staff role until its holder enrols; members are unaffected", async () => {
    const admin = await makeMember({ role: "admin" });
    await enrol(admin.id);
    await setStaffTwoFactorRequired(admin, true);
    const moderator = await makeMember({ role: "moderator" });
    const member = await makeMember();

    const waiting = await loadViewer(moderator.id, 0);
    expect(waiting).toMatchObject({ role: "member", awaitingTwoFactor: true });
    expect(can(waiting, "moderateThreads")).toBe(false);
    expect(await loadViewer(member.id, 0)).not.toHaveProperty("awaitingTwoFactor");

    await enrol(moderator.id);
    const enrolled = await loadViewer(moderator.id, 0);
    expect(enrolled.role).toBe("moderator");
    expect(can(enrolled, "moderateThreads")).toBe(true);

    await setStaffTwoFactorRequired(admin, false);
    const other = await makeMember({ role: "moderator" });
    expect((await loadViewer(other.id, 0)).role).toBe("moderator");
  });
});

describe("renewal after a password change", () => {
  it("turns the member's own challenge into a sign-in, never another member's", async () => {
    const m = await makeMember();
    const stranger = await makeMember();
    const challenge = issueSignInChallenge(m);
    expect(renewalFor(challenge, stranger.id)).toBeNull();
    const renewal = renewalFor(challenge, m.id);
    expect(await completeRenewal(renewal!)).toMatchObject({ id: m.id });
    // A challenge is not itself a renewal.
    expect(await completeRenewal(challenge)).toBeNull();
  });
});
