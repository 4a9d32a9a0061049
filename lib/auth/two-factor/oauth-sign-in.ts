// GitHub and Google vouch for who someone is, not for the second factor this forum asked of them: a
// member who turned on two-step verification signs in here with their password and a code, or with a
// passkey. Signing in through a provider alone would skip the step they chose.
import "server-only";
import { hasTwoFactor } from "./totp";

/** Where /login explains the refusal. */
export const OAUTH_TWO_STEP_REFUSED = "/login?error=two-step";

export async function oauthSignInAllowed(
  user: { id?: string | null },
  account: { type?: string } | null | undefined,
): Promise<true | string> {
  const viaProvider = account?.type === "oauth" || account?.type === "oidc";
  if (!viaProvider || !user.id) return true;
  return (await hasTwoFactor(user.id)) ? OAUTH_TWO_STEP_REFUSED : true;
}
