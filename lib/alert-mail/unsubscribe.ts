// Turning alert mail off from the link every alert mail carries, without signing in: the link's
// token (./unsubscribe-token.ts) is the proof. Opening the link (a GET) only shows whose mail it
// stops; the page's button, or a mail client's one-click POST (RFC 8058), turns it off.
import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { unsubscribeRate } from "../limits/request-rates";
import { ok, refuse, type Result } from "../result";
import { tokenFits, unsubscribeTokenSchema } from "./unsubscribe-token";

export const BAD_UNSUBSCRIBE_LINK =
  "This unsubscribe link does not work: it may have been cut short, or the account's email " +
  "address has changed since the mail was sent. Signed in, you can turn alert emails off in your " +
  "account settings.";

export const unsubscribePageUrl = (origin: string, token: string) =>
  `${origin}/unsubscribe?token=${token}`;
export const oneClickUnsubscribeUrl = (origin: string, token: string) =>
  `${origin}/unsubscribe/one-click?token=${token}`;

export interface UnsubscribeLinkMember {
  id: string;
  name: string;
  alertMail: boolean;
}

/** The member the link is for, when its token fits them as they are now; null otherwise. */
export async function unsubscribeLinkMember(token: unknown): Promise<UnsubscribeLinkMember | null> {
  const parsed = unsubscribeTokenSchema.safeParse(token);
  if (!parsed.success) return null;
  const [member] = await db
    .select({
      id: users.id,
      number: users.number,
      name: users.name,
      email: users.email,
      alertMail: users.alertMail,
    })
    .from(users)
    .where(eq(users.number, parsed.data.number))
    .limit(1);
  if (!member?.email || !tokenFits(parsed.data.mac, { ...member, email: member.email }))
    return null;
  return { id: member.id, name: member.name, alertMail: member.alertMail };
}

/** Turns the link's member's alert mail off. Doing it twice is not an error. A refusal about the
 * token is a link that does not work; one without a field is the rate limit. */
export async function unsubscribe(
  token: unknown,
  address: string | null,
): Promise<Result<{ name: string; message: string }, "token">> {
  const check = await unsubscribeRate.take(`address:${address ?? "unknown"}`);
  if (!check.ok)
    return refuse(`Too many requests. Try again in ${check.retryAfterSeconds} seconds.`);
  const member = await unsubscribeLinkMember(token);
  if (!member) return refuse(BAD_UNSUBSCRIBE_LINK, "token");
  await db.update(users).set({ alertMail: false }).where(eq(users.id, member.id));
  return ok({
    name: member.name,
    message: `Unsubscribed: ${member.name} will get no more emails about watched threads and alerts.`,
  });
}
