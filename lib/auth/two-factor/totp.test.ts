// Integration: enrolment, codes checked once, recovery codes, the signed challenge between the two
// sign-in steps and the limit on wrong codes, against the real Postgres. Codes are computed with
// otplib from the secret as stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { generate } from "otplib";
import { db } from "@/db/client";
import { recoveryCodes, totpCredentials, users } from "@/db/schema";
import { registerMember } from "../../accounts/sign-up";
import { CODE_ATTEMPTS } from "./attempts";
import { completeSignIn, issueSignInChallenge } from "./challenge";
import { open, signToken } from "./keys";
import {
  beginTotpEnrolment,
  checkTotpCode,
  confirmTotpEnrolment,
  disableTwoFactor,
  hasTwoFactor,
  regenerateRecoveryCodes,
  twoFactorStatus,
} from "./totp";

beforeAll(() => {
  process.env.AUTH_SECRET ||= "a test secret that is long enough to derive keys from";
});
afterAll(async () => {
  await db.$client.end();
});

let n = 0;
const password = "a perfectly fine passphrase";
async function member() {
  const username = `tf${process.pid}x${++n}`;
  const result = await registerMember({ username, email: `${username}@example.test`, password });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return { id: result.userId, sessionVersion: 0 };
}

async function storedSecret(userId: string) {
  const [row] = await db
    .select({ secret: totpCredentials.secret })
    .from(totpCredentials)
    .where(eq(totpCredentials.userId, userId));
  return open(row!.secret);
}

/** The code an app would show `periods` periods from now. */
async function codeFor(userId: string, periods = 0) {
  const epoch = Math.floor(Date.now() / 1000) + periods * 30;
  return generate({ secret: await storedSecret(userId), epoch });
}

async function enrolled() {
  const m = await member();
  const begun = await beginTotpEnrolment(m.id);
  if (!begun.ok) throw new Error(begun.error);
  const enrolCode = await codeFor(m.id);
  const confirmed = await confirmTotpEnrolment(m.id, enrolCode);
  if (!confirmed.ok) throw new Error(confirmed.error);
  return { ...m, enrolCode, recoveryCodes: confirmed.recoveryCodes };
}

describe("enrolment", () => {
  it("stores the secret sealed, and turns on only after a right code", async () => {
    const m = await member();
    const begun = await beginTotpEnrolment(m.id);
    expect(begun.ok).toBe(true);
    if (!begun.ok) return;
    expect(begun.uri).toContain(`secret=${begun.secret}`);
    const [row] = await db.select().from(totpCredentials).where(eq(totpCredentials.userId, m.id));
    expect(row!.secret).not.toContain(begun.secret);
    expect(await hasTwoFactor(m.id)).toBe(false);

    expect(await confirmTotpEnrolment(m.id, "000000")).toMatchObject({ ok: false, field: "code" });
    expect(await hasTwoFactor(m.id)).toBe(false);

    const confirmed = await confirmTotpEnrolment(m.id, await codeFor(m.id));
    expect(confirmed.ok).toBe(true);
    if (!confirmed.ok) return;
    expect(confirmed.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.recoveryCodes).size).toBe(10);
    expect(await twoFactorStatus(m.id)).toEqual({ enabled: true, recoveryCodesLeft: 10 });
    const stored = await db
      .select({ hash: recoveryCodes.codeHash })
      .from(recoveryCodes)
      .where(eq(recoveryCodes.userId, m.id));
    expect(stored.map((r) => r.hash)).not.toContain(confirmed.recoveryCodes[0]);
  });

  it("refuses to start again once on", async () => {
    const m = await enrolled();
    expect(await beginTotpEnrolment(m.id)).toMatchObject({ ok: false });
  });
});

describe("codes", () => {
  it("accepts a code once; the next period's code still works", async () => {
    const m = await enrolled();
    expect(await checkTotpCode(m.id, m.enrolCode)).toBe(false);
    const next = await codeFor(m.id, 1);
    expect(await checkTotpCode(m.id, next)).toBe(true);
    expect(await checkTotpCode(m.id, next)).toBe(false);
  });

  it("refuses a code from a secret that was never confirmed", async () => {
    const m = await member();
    await beginTotpEnrolment(m.id);
    expect(await checkTotpCode(m.id, await codeFor(m.id))).toBe(false);
  });
});

describe("signing in with a challenge", () => {
  it("answers the member for a right code and refuses a wrong one", async () => {
    const m = await enrolled();
    const challenge = issueSignInChallenge(m);
    expect(await completeSignIn(challenge, { totp: "123456" })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await completeSignIn(challenge, { totp: await codeFor(m.id, 1) })).toMatchObject({
      ok: true,
      user: { id: m.id },
    });
  });

  it("accepts each recovery code once", async () => {
    const m = await enrolled();
    const code = m.recoveryCodes[3]!;
    const challenge = issueSignInChallenge(m);
    expect(await completeSignIn(challenge, { recovery: code.toUpperCase() })).toMatchObject({
      ok: true,
    });
    expect(await completeSignIn(challenge, { recovery: code })).toMatchObject({ ok: false });
    expect((await twoFactorStatus(m.id)).recoveryCodesLeft).toBe(9);
  });

  it("refuses a forged, expired or outdated challenge", async () => {
    const m = await enrolled();
    const code = m.recoveryCodes[0]!;
    const forged = `${Buffer.from(JSON.stringify({ k: "second-step", uid: m.id, sv: 0, exp: 9e9 })).toString("base64url")}.x`;
    expect(await completeSignIn(forged, { recovery: code })).toEqual({
      ok: false,
      reason: "expired",
    });
    const expired = signToken({ k: "second-step", uid: m.id, sv: 0 }, -1);
    expect(await completeSignIn(expired, { recovery: code })).toMatchObject({ reason: "expired" });
    const challenge = issueSignInChallenge(m);
    await db.update(users).set({ sessionVersion: 1 }).where(eq(users.id, m.id));
    expect(await completeSignIn(challenge, { recovery: code })).toMatchObject({
      reason: "expired",
    });
  });

  it("stops checking codes after too many wrong ones, even right ones", async () => {
    const m = await enrolled();
    const challenge = issueSignInChallenge(m);
    for (let i = 0; i < CODE_ATTEMPTS.perAccount; i++)
      expect(await completeSignIn(challenge, { totp: "000000" })).toMatchObject({
        reason: "invalid",
      });
    expect(await completeSignIn(challenge, { recovery: m.recoveryCodes[0]! })).toEqual({
      ok: false,
      reason: "locked",
    });
  });
});

describe("recovery codes and turning off", () => {
  it("makes new recovery codes with a right code, voiding the old ones", async () => {
    const m = await enrolled();
    expect(await regenerateRecoveryCodes(m.id, "000000")).toMatchObject({ ok: false });
    const fresh = await regenerateRecoveryCodes(m.id, await codeFor(m.id, 1));
    expect(fresh.ok).toBe(true);
    const challenge = issueSignInChallenge(m);
    expect(await completeSignIn(challenge, { recovery: m.recoveryCodes[0]! })).toMatchObject({
      ok: false,
    });
    if (fresh.ok)
      expect(await completeSignIn(challenge, { recovery: fresh.recoveryCodes[0]! })).toMatchObject({
        ok: true,
      });
  });

  it("turns off only with the password and a code", async () => {
    const m = await enrolled();
    expect(
      await disableTwoFactor(m.id, { password: "wrong", code: await codeFor(m.id, 1) }),
    ).toMatchObject({ ok: false, field: "password" });
    expect(await disableTwoFactor(m.id, { password, code: "000000" })).toMatchObject({
      ok: false,
      field: "code",
    });
    expect(await hasTwoFactor(m.id)).toBe(true);
    expect(await disableTwoFactor(m.id, { password, code: await codeFor(m.id, 1) })).toEqual({
      ok: true,
    });
    expect(await twoFactorStatus(m.id)).toEqual({ enabled: false, recoveryCodesLeft: 0 });
  });
});
