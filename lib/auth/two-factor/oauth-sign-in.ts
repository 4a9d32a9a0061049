// Signing in through GitHub or Google. Two refusals:
// - GitHub and Google vouch for who someone is, not for the second factor this forum asked of them: a
//   member who turned on two-step verification signs in here with their password and a code, or with
//   a passkey. Signing in through a provider alone would skip the step they chose.
// - A first sign-in through a provider makes an account, so it obeys the site's registration setting
//   as the sign-up form does: closed means no new accounts this way either. (Approval needs nothing
//   here: it counts approved posts, whoever made the account.)
import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { accounts } from "@/db/schema";
import { getSiteSettings } from "../../site-settings/site-settings";
import { hasTwoFactor } from "./totp";

/** Where /login explains each refusal. */
export const OAUTH_TWO_STEP_REFUSED = "/login?error=two-step";
export const OAUTH_REGISTRATION_CLOSED = "/login?error=registration-closed";

async function isLinked(account: { provider?: string; providerAccountId?: string }) {
  if (!account.provider || !account.providerAccountId) return false;
  const [row] = await db
    .select({ userId: accounts.userId })
    .from(accounts)
    .where(
      and(
        eq(accounts.provider, account.provider),
        eq(accounts.providerAccountId, account.providerAccountId),
      ),
    )
    .limit(1);
  return Boolean(row);
}

export async function oauthSignInAllowed(
  user: { id?: string | null },
  account: { type?: string; provider?: string; providerAccountId?: string } | null | undefined,
): Promise<true | string> {
  const viaProvider = account?.type === "oauth" || account?.type === "oidc";
  if (!viaProvider) return true;
  if (!(await isLinked(account))) {
    return (await getSiteSettings()).registration === "closed" ? OAUTH_REGISTRATION_CLOSED : true;
  }
  if (!user.id) return true;
  return (await hasTwoFactor(user.id)) ? OAUTH_TWO_STEP_REFUSED : true;
}
