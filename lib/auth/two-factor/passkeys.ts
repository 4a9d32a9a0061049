// Passkeys (WebAuthn). The challenges a browser signs are never stored and never taken from the
// browser: each is sent inside a short-lived token signed with a key derived from AUTH_SECRET
// (./keys.ts), and the response is checked against the challenge the token holds. A sign-in token is
// spent by the sign-in it allows: a passkey refuses every token issued before its last use.
import "server-only";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import type {
  AuthenticationResponseJSON,
  AuthenticatorTransportFuture,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/types";
import { and, asc, count, eq, isNull, lt, or } from "drizzle-orm";
import { db } from "@/db/client";
import { passkeys, users } from "@/db/schema";
import { PASSKEY_NAME, PASSKEYS_PER_MEMBER } from "@/lib/limits/sizes";
import { readToken, signToken } from "./keys";
import type { RelyingParty } from "./relying-party";

export const PASSKEY_CHALLENGE_TTL_S = 5 * 60;
const RP_NAME = "Parley";
const TRANSPORTS = new Set(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"]);

const fromBase64url = (text: string) => new Uint8Array(Buffer.from(text, "base64url"));
const toBase64url = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");

export interface PasskeySummary {
  credentialId: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export async function listPasskeys(userId: string): Promise<PasskeySummary[]> {
  return db
    .select({
      credentialId: passkeys.credentialId,
      name: passkeys.name,
      createdAt: passkeys.createdAt,
      lastUsedAt: passkeys.lastUsedAt,
    })
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .orderBy(asc(passkeys.createdAt));
}

type Failure = { ok: false; error: string };

/** Options for the browser's navigator.credentials.create, and the token the answer must come
 * back with. Resident (discoverable) keys with user verification: sign-in asks for no name. */
export async function beginPasskeyRegistration(
  user: { id: string; name: string },
  rp: RelyingParty,
): Promise<{ ok: true; options: PublicKeyCredentialCreationOptionsJSON; token: string } | Failure> {
  const existing = await db
    .select({ id: passkeys.credentialId, transports: passkeys.transports })
    .from(passkeys)
    .where(eq(passkeys.userId, user.id));
  if (existing.length >= PASSKEYS_PER_MEMBER.max)
    return { ok: false, error: PASSKEYS_PER_MEMBER.tooMany };
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: rp.id,
    userID: user.id,
    userName: user.name,
    attestationType: "none",
    // The same authenticator twice would be one key under two names.
    excludeCredentials: existing.map((p) => ({
      id: fromBase64url(p.id),
      type: "public-key" as const,
      transports: p.transports as AuthenticatorTransportFuture[],
    })),
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
  });
  const token = signToken(
    { k: "passkey-register", uid: user.id, ch: options.challenge, rp: rp.id },
    PASSKEY_CHALLENGE_TTL_S,
  );
  return { ok: true, options, token };
}

export async function finishPasskeyRegistration(
  userId: string,
  input: { token: string; response: RegistrationResponseJSON; name: string },
  rp: RelyingParty,
): Promise<{ ok: true } | Failure> {
  const payload = readToken(input.token);
  if (payload?.k !== "passkey-register" || payload.uid !== userId || payload.rp !== rp.id)
    return { ok: false, error: "That took too long. Try adding the passkey again." };
  let info;
  try {
    const result = await verifyRegistrationResponse({
      response: input.response,
      expectedChallenge: String(payload.ch),
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
    });
    info = result.verified ? result.registrationInfo : undefined;
  } catch {
    info = undefined;
  }
  if (!info) return { ok: false, error: "That passkey could not be checked. Try again." };
  // The name was checked against PASSKEY_NAME by the caller's schema; empty gets a plain one.
  const name = input.name.trim().slice(0, PASSKEY_NAME.max) || "Passkey";
  const transports = (input.response.response.transports ?? []).filter((t) => TRANSPORTS.has(t));
  const added = await db.transaction(async (tx) => {
    const [row] = await tx.select({ n: count() }).from(passkeys).where(eq(passkeys.userId, userId));
    if ((row?.n ?? 0) >= PASSKEYS_PER_MEMBER.max) return PASSKEYS_PER_MEMBER.tooMany;
    const inserted = await tx
      .insert(passkeys)
      .values({
        credentialId: toBase64url(info.credentialID),
        userId,
        publicKey: toBase64url(info.credentialPublicKey),
        counter: info.counter,
        transports,
        name,
      })
      .onConflictDoNothing()
      .returning({ id: passkeys.credentialId });
    return inserted.length > 0 ? null : "That passkey is already added.";
  });
  return added ? { ok: false, error: added } : { ok: true };
}

export async function removePasskey(userId: string, credentialId: string): Promise<boolean> {
  const removed = await db
    .delete(passkeys)
    .where(and(eq(passkeys.userId, userId), eq(passkeys.credentialId, credentialId)))
    .returning({ id: passkeys.credentialId });
  return removed.length > 0;
}

/** Options for navigator.credentials.get with no list of credentials: the browser offers the
 * passkeys it holds for this site, and the answer names the member. */
export async function beginPasskeySignIn(
  rp: RelyingParty,
): Promise<{ options: PublicKeyCredentialRequestOptionsJSON; token: string }> {
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    userVerification: "required",
  });
  const token = signToken(
    { k: "passkey-sign-in", ch: options.challenge, rp: rp.id, iat: Date.now() },
    PASSKEY_CHALLENGE_TTL_S,
  );
  return { options, token };
}

export interface PasskeyUser {
  id: string;
  name: string;
  email: string | null;
  sessionVersion: number;
}

/** The member a passkey assertion signs in, or null when the token, the passkey or the signature is
 * not right. Bans work as for passwords: the session is made and loadViewer refuses it. */
export async function completePasskeySignIn(
  token: string,
  response: AuthenticationResponseJSON,
  rp: RelyingParty,
): Promise<PasskeyUser | null> {
  const payload = readToken(token);
  if (payload?.k !== "passkey-sign-in" || payload.rp !== rp.id || typeof payload.iat !== "number")
    return null;
  const [passkey] = await db
    .select()
    .from(passkeys)
    .where(eq(passkeys.credentialId, response.id))
    .limit(1);
  if (!passkey) return null;
  let newCounter: number;
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: String(payload.ch),
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
      authenticator: {
        credentialID: fromBase64url(passkey.credentialId),
        credentialPublicKey: fromBase64url(passkey.publicKey),
        counter: passkey.counter,
        transports: passkey.transports as AuthenticatorTransportFuture[],
      },
    });
    if (!result.verified) return null;
    newCounter = result.authenticationInfo.newCounter;
  } catch {
    return null;
  }
  const issuedAt = new Date(payload.iat);
  // Only one sign-in per token: the update fails when this passkey was used since it was issued.
  const spent = await db
    .update(passkeys)
    .set({ counter: newCounter, lastUsedAt: new Date() })
    .where(
      and(
        eq(passkeys.credentialId, passkey.credentialId),
        or(isNull(passkeys.lastUsedAt), lt(passkeys.lastUsedAt, issuedAt)),
      ),
    )
    .returning({ id: passkeys.credentialId });
  if (spent.length === 0) return null;
  const [user] = await db
    .update(users)
    .set({ lastSeenAt: new Date() })
    .where(eq(users.id, passkey.userId))
    .returning({
      id: users.id,
      name: users.name,
      email: users.email,
      sessionVersion: users.sessionVersion,
    });
  return user ?? null;
}
