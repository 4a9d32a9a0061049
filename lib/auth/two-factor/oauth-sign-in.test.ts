// Integration: signing in through a provider against the real Postgres. A provider account already
// linked to a member signs in whatever the registration setting; a first sign-in, which would make
// an account, is refused while registration is closed, as the sign-up form is.
import { afterAll, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { accounts, settings } from "@/db/schema";
import { forgetSiteSettings } from "@/lib/site-settings/site-settings";
import { cleanUp, makeMember } from "@/lib/testing/factories";
import { OAUTH_REGISTRATION_CLOSED, oauthSignInAllowed } from "./oauth-sign-in";

afterAll(async () => {
  await cleanUp();
  await db.$client.end();
});

async function setRegistrationOpen(open: boolean) {
  await db
    .insert(settings)
    .values({ key: "registration_open", value: open ? "1" : "0" })
    .onConflictDoUpdate({ target: settings.key, set: { value: open ? "1" : "0" } });
  forgetSiteSettings();
}

it("a first sign-in through a provider obeys closed registration; a linked account signs in", async () => {
  const member = await makeMember();
  const providerAccountId = `gh-${member.id}`;
  await db
    .insert(accounts)
    .values({ userId: member.id, type: "oauth", provider: "github", providerAccountId });
  const linked = { type: "oauth", provider: "github", providerAccountId };
  const stranger = { type: "oauth", provider: "github", providerAccountId: `new-${member.id}` };

  expect(await oauthSignInAllowed({ id: "from-profile" }, stranger)).toBe(true);
  await setRegistrationOpen(false);
  try {
    expect(await oauthSignInAllowed({ id: "from-profile" }, stranger)).toBe(
      OAUTH_REGISTRATION_CLOSED,
    );
    expect(await oauthSignInAllowed({ id: member.id }, linked)).toBe(true);
    // Passwords and passkeys are not sign-ups: this check leaves them alone.
    expect(await oauthSignInAllowed({ id: member.id }, { type: "credentials" })).toBe(true);
  } finally {
    await setRegistrationOpen(true);
    await db.delete(accounts).where(eq(accounts.userId, member.id));
  }
});
