// Auth.js: a credentials provider (username or email + password, or a passkey) and, when their variables are
// set, GitHub and Google. Sessions are JWTs carrying the user id and a session version; every
// request re-reads the member from Postgres (lib/auth/viewer.ts), so bans, role changes and
// password changes take effect at once.
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import NextAuth, { CredentialsSignin } from "next-auth";
import { z } from "zod";
import type { Provider } from "next-auth/providers";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { env } from "../env";
import { drizzleAdapter } from "./adapter";
import { signInSchema } from "../accounts/rules";
import { authenticate } from "./sign-in";
import { clientAddress } from "./client-address";
import { endSession, recordSignIn } from "../session/sessions";
import { oauthSignInAllowed } from "./two-factor/oauth-sign-in";
import { safeAuthRedirect } from "../redirects/safe-redirect";
import { SESSION_MAX_AGE_S } from "../session/session-cookie";
import { completeRenewal, completeSignIn, issueSignInChallenge } from "./two-factor/challenge";
import { hasTwoFactor } from "./two-factor/totp";
import { parseAuthenticationResponse } from "./two-factor/passkey-input";
import { completePasskeySignIn } from "./two-factor/passkeys";
import { relyingPartyFor } from "./two-factor/relying-party";

class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}
class TooManyAttempts extends CredentialsSignin {
  code = "locked";
}
class ChallengeExpired extends CredentialsSignin {
  code = "expired";
}
/** The password was right and the member has two-step verification: no session yet, only the
 * challenge the second step is checked against (the login form carries it, not the password). */
export class TwoFactorRequired extends CredentialsSignin {
  code = "two-factor";
  constructor(readonly challenge: string) {
    super();
  }
}

const secondStepSchema = z.union([
  z.object({ challenge: z.string().max(1000), code: z.string().min(1).max(100) }),
  z.object({ challenge: z.string().max(1000), recoveryCode: z.string().min(1).max(100) }),
]);
const renewalSchema = z.object({ renewal: z.string().max(1000) });
/** A passkey assertion (JSON) and the signed token holding the challenge it answers. */
const passkeySchema = z.object({ passkey: z.string(), challenge: z.string().max(1000) });

export const oauthProviders = [
  env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET
    ? { id: "github", name: "GitHub", provider: GitHub }
    : null,
  env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET
    ? { id: "google", name: "Google", provider: Google }
    : null,
].filter((p) => p !== null);

const providers: Provider[] = [
  Credentials({
    credentials: {
      identifier: { label: "Username or email" },
      password: { label: "Password", type: "password" },
    },
    async authorize(credentials, request) {
      const fields = credentials as Record<string, unknown>;
      // A passkey is both factors at once (the device's key and its own check of the member), so
      // no code follows it.
      if (fields.passkey !== undefined) {
        const input = passkeySchema.safeParse(fields);
        const response = input.success ? parseAuthenticationResponse(input.data.passkey) : null;
        const rp = relyingPartyFor(request.headers);
        const user =
          input.success && response && rp
            ? await completePasskeySignIn(input.data.challenge, response, rp)
            : null;
        if (!user) throw new InvalidCredentials();
        return user;
      }
      if (fields.challenge !== undefined) {
        const step = secondStepSchema.safeParse(fields);
        if (!step.success) throw new InvalidCredentials();
        const result = await completeSignIn(
          step.data.challenge,
          "code" in step.data ? { totp: step.data.code } : { recovery: step.data.recoveryCode },
        );
        if (result.ok) return result.user;
        if (result.reason === "locked") throw new TooManyAttempts();
        throw result.reason === "expired" ? new ChallengeExpired() : new InvalidCredentials();
      }
      if (fields.renewal !== undefined) {
        const renewal = renewalSchema.safeParse(fields);
        const user = renewal.success ? await completeRenewal(renewal.data.renewal) : null;
        if (!user) throw new ChallengeExpired();
        return user;
      }
      const parsed = signInSchema.safeParse(credentials);
      if (!parsed.success) throw new InvalidCredentials();
      const result = await authenticate(
        parsed.data.identifier,
        parsed.data.password,
        clientAddress(request.headers),
      );
      if (!result.ok)
        throw result.reason === "locked" ? new TooManyAttempts() : new InvalidCredentials();
      if (await hasTwoFactor(result.user.id))
        throw new TwoFactorRequired(issueSignInChallenge(result.user));
      return result.user;
    },
  }),
  ...oauthProviders.map((p) => p.provider),
];

export const { handlers, auth, signIn, signOut } = NextAuth({
  adapter: drizzleAdapter(),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/login" },
  trustHost: true,
  providers,
  logger: {
    // A wrong password is an everyday event, not a server error worth a stack trace.
    error(error) {
      if (
        error instanceof CredentialsSignin ||
        (error as { type?: string }).type === "CredentialsSignin"
      )
        return;
      console.error(error);
    },
  },
  events: {
    // Signing out ends this sign-in everywhere its cookie was copied, not only in this browser.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (token && typeof token.sid === "string")
        await endSession(token.sid, typeof token.uid === "string" ? token.uid : null);
    },
  },
  callbacks: {
    // Two-step verification is not skipped by signing in through GitHub or Google.
    signIn: ({ user, account }) => oauthSignInAllowed(user, account),
    async jwt({ token, user }) {
      if (user?.id) {
        const sessionVersion = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        // Auth.js's own jti changes whenever it re-seals the cookie; this id lasts the sign-in.
        const sid = randomUUID();
        // Sign-in runs in a route handler or a server action, where the request's headers are known.
        const request = await headers();
        await recordSignIn({
          id: sid,
          userId: user.id,
          sessionVersion,
          userAgent: request.get("user-agent"),
          clientAddress: clientAddress(request),
        });
        token.uid = user.id;
        token.sv = sessionVersion;
        token.sid = sid;
      }
      return token;
    },
    session({ session, token }) {
      return {
        ...session,
        uid: token.uid as string | undefined,
        sv: token.sv as number | undefined,
        sid: token.sid as string | undefined,
      };
    },
    // Only ever back to this site, and never an error whatever the callbackUrl holds.
    redirect: safeAuthRedirect,
  },
});
