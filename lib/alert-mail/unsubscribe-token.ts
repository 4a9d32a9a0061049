// The token in an alert mail's unsubscribe link: the member's public number and an HMAC of it, their
// account id and the address the mail went to, under a key derived from AUTH_SECRET for this purpose
// only. Nothing is stored, so a link keeps working however many mails went out (mail clients may use
// one months later); it stops working when the member's address changes, so whoever has the old
// address's mail cannot change the new owner's settings. It can only turn alert mail off.
import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { env } from "../env";

const MAC_LENGTH = 43; // SHA-256 in base64url.
const TOKEN_SHAPE = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

/** A token as the link carries it: shape only (its signature is checked against the member). */
export const unsubscribeTokenSchema = z
  .string()
  .max(12 + 1 + MAC_LENGTH)
  .regex(TOKEN_SHAPE)
  .transform((token) => {
    const [, number, mac] = TOKEN_SHAPE.exec(token)!;
    return { number: Number(number), mac: mac! };
  });

function key(): Buffer {
  const secret = env.AUTH_SECRET;
  // A key made up per process would break every mailed link on the next restart.
  if (!secret) throw new Error("AUTH_SECRET must be set to mail unsubscribe links");
  return Buffer.from(hkdfSync("sha256", secret, "parley alert mail", "unsubscribe", 32));
}

export interface TokenMember {
  id: string;
  number: number;
  email: string;
}

const macOf = (member: TokenMember) =>
  createHmac("sha256", key())
    .update(`${member.number}\n${member.id}\n${member.email.toLowerCase()}`)
    .digest("base64url");

export function unsubscribeToken(member: TokenMember): string {
  return `${member.number}.${macOf(member)}`;
}

/** Whether the token's signature is this member's (as they are now). */
export function tokenFits(mac: string, member: TokenMember): boolean {
  const expected = Buffer.from(macOf(member));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
