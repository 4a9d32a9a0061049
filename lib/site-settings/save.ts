// Saving the site settings: administrators only (lib/permissions' changeSettings), every field
// checked together so one submit shows every mistake, then one transaction with its log line.
import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { settings } from "@/db/schema";
import { logModAction } from "../moderation/log-entry";
import { can, isSignedIn, type Viewer } from "../permissions";
import { ok, refuse, refuseFields, type FieldErrors, type Result } from "../result";
import {
  forgetSiteSettings,
  getSiteSettings,
  settingRows,
  siteSettingsSchema,
} from "./site-settings";

export type SettingsField =
  | "name"
  | "description"
  | "registration"
  | "approvalCount"
  | "timeZone"
  | "warningBanPoints"
  | "warningBanDays";

export async function saveSiteSettings(
  viewer: Viewer,
  input: Partial<Record<SettingsField, unknown>>,
): Promise<Result<{ message: string }, SettingsField | "form">> {
  if (!can(viewer, "changeSettings") || !viewer.id)
    return refuse(
      isSignedIn(viewer)
        ? "Only administrators can change the site settings."
        : "Sign in as an administrator to change the site settings.",
      "form",
    );
  const parsed = siteSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const errors: FieldErrors<SettingsField> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as SettingsField;
      errors[field] ??= issue.message;
    }
    return refuseFields(errors);
  }
  const before = await getSiteSettings();
  const actorId = viewer.id;
  await db.transaction(async (tx) => {
    await tx
      .insert(settings)
      .values(settingRows(parsed.data))
      .onConflictDoUpdate({ target: settings.key, set: { value: sql`excluded.value` } });
    await logModAction(tx, {
      actorId,
      action: "setting.site",
      targetType: "setting",
      targetId: "site",
      targetLabel: parsed.data.name,
      details: { from: { ...before }, to: { ...parsed.data } },
    });
  });
  forgetSiteSettings();
  return ok({ message: "The site settings were saved." });
}
