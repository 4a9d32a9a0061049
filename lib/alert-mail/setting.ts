// The account setting "Email me about replies in threads I watch and about alerts" (users.alert_mail,
// off until the member turns it on), and what the account page says beside it.
import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { mailIsConfigured } from "../mail/send";
import { can, type Viewer } from "../permissions";
import { ok, refuse, type Result } from "../result";

export interface AlertMailSetting {
  enabled: boolean;
  /** Why no mail would come even with the box ticked; null when it would. */
  obstacle: string | null;
}

export async function getAlertMailSetting(userId: string): Promise<AlertMailSetting> {
  const [row] = await db
    .select({ enabled: users.alertMail, email: users.email, verified: users.emailVerified })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  const obstacle = !mailIsConfigured()
    ? "This forum has no mail server set up yet, so no mail goes out for now."
    : !row?.email
      ? "Your account has no email address: add one above."
      : !row.verified
        ? "Mail goes only to a confirmed address: confirm yours above first."
        : null;
  return { enabled: row?.enabled ?? false, obstacle };
}

export async function setAlertMail(
  viewer: Viewer,
  enabled: unknown,
): Promise<Result<{ enabled: boolean }>> {
  if (!can(viewer, "editOwnAccount") || !viewer.id)
    return refuse("Sign in to change your settings.");
  const parsed = z.boolean().safeParse(enabled);
  if (!parsed.success) return refuse("Tick the box or leave it empty.");
  await db.update(users).set({ alertMail: parsed.data }).where(eq(users.id, viewer.id));
  return ok({ enabled: parsed.data });
}
