// "Staff must use two-step verification": an administrator's setting. While it is on, a moderator
// or administrator without it signs in as a member (lib/permissions/load-viewer.ts holds their role
// back), so every staff power is refused in the one place that grants them until they enrol.
import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { settings } from "@/db/schema";
import { logModAction } from "../../moderation/log-entry";
import { can, type Viewer } from "../../permissions";
import { ok, refuse, type Result } from "../../result";
import { hasTwoFactor } from "./totp";

export const STAFF_TWO_FACTOR_SETTING = "staff_two_factor_required";

export async function staffTwoFactorRequired(): Promise<boolean> {
  const [row] = await db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, STAFF_TWO_FACTOR_SETTING))
    .limit(1);
  return row?.value === "1";
}

export async function setStaffTwoFactorRequired(
  viewer: Viewer,
  required: boolean,
): Promise<Result<{ message: string }>> {
  if (!can(viewer, "changeSettings") || !viewer.id)
    return refuse("Only administrators can change this setting.");
  // Otherwise the administrator turning it on would lose the page they turn it off on.
  if (required && !(await hasTwoFactor(viewer.id)))
    return refuse("Turn on two-step verification for your own account first.");
  const previous = await staffTwoFactorRequired();
  const message = required
    ? "Staff must use two-step verification."
    : "Staff may sign in without two-step verification.";
  if (previous === required) return ok({ message: `Unchanged. ${message}` });
  await db.transaction(async (tx) => {
    await tx
      .insert(settings)
      .values({ key: STAFF_TWO_FACTOR_SETTING, value: required ? "1" : "0" })
      .onConflictDoUpdate({ target: settings.key, set: { value: required ? "1" : "0" } });
    await logModAction(tx, {
      actorId: viewer.id!,
      action: "setting.change",
      targetType: "setting",
      targetId: STAFF_TWO_FACTOR_SETTING,
      targetLabel: "Staff must use two-step verification",
      details: { from: previous, to: required },
    });
  });
  return ok({ message: `Saved. ${message}` });
}
