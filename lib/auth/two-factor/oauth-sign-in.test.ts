// Integration: a member with two-step verification on cannot skip it by signing in through GitHub or
// Google; everyone else signs in through them as before.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { totpCredentials } from "@/db/schema";
import { cleanUp, makeMember } from "@/lib/testing/factories";
import { OAUTH_TWO_STEP_REFUSED, oauthSignInAllowed } from "./oauth-sign-in";

afterAll(async () => {
  await cleanUp();
  await db.$client.end();
});

describe("signing in through GitHub or Google", () => {
  it("sends a member with two-step verification on to sign in with their password and code", async () => {
    const member = await makeMember();
    await db
      .insert(totpCredentials)
      .values({ userId: member.id, secret: "sealed", confirmedAt: new Date() });
    expect(await oauthSignInAllowed({ id: member.id }, { type: "oauth" })).toBe(
      OAUTH_TWO_STEP_REFUSED,
    );
    expect(await oauthSignInAllowed({ id: member.id }, { type: "oidc" })).toBe(
      OAUTH_TWO_STEP_REFUSED,
    );
    // The password form and passkeys carry the second step themselves.
    expect(await oauthSignInAllowed({ id: member.id }, { type: "credentials" })).toBe(true);
  });

  it("lets in members without it, one still enrolling, and someone new", async () => {
    const plain = await makeMember();
    const enrolling = await makeMember();
    await db.insert(totpCredentials).values({ userId: enrolling.id, secret: "sealed" });
    expect(await oauthSignInAllowed({ id: plain.id }, { type: "oauth" })).toBe(true);
    expect(await oauthSignInAllowed({ id: enrolling.id }, { type: "oauth" })).toBe(true);
    expect(await oauthSignInAllowed({}, { type: "oidc" })).toBe(true);
  });
});
