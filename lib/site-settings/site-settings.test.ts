// Integration: the site settings against the real Postgres. Only administrators save them; every
// wrong field is named at once; a save is read back at once on this instance, and the approval count
// and the registration setting never disagree. (Registration is not closed nor approval turned on
// here: the other test files sign members up and post in the same database.)
import { afterAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { modLog, settings } from "@/db/schema";
import { ANONYMOUS } from "../permissions";
import { cleanUp, makeMember, resetApprovalSetting } from "@/lib/testing/factories";
import { saveSiteSettings } from "./save";
import { getSiteSettings, settingRows, siteSettingsSchema } from "./site-settings";

afterAll(async () => {
  await db
    .delete(settings)
    .where(
      inArray(settings.key, [
        "site_name",
        "site_description",
        "default_time_zone",
        "warning_ban_points",
        "warning_ban_days",
      ]),
    );
  await resetApprovalSetting();
  await cleanUp();
  await db.$client.end();
});

const VALID = {
  name: "  The Harbour  ",
  description: "Ships and the sea.",
  registration: "open",
  approvalCount: "0",
  timeZone: "Europe/Paris",
};

describe("site settings", () => {
  it("are saved by administrators only, read back at once and logged", async () => {
    const member = await makeMember();
    const moderator = await makeMember({ role: "moderator" });
    for (const viewer of [ANONYMOUS, member, moderator])
      expect((await saveSiteSettings(viewer, VALID)).ok).toBe(false);

    const admin = await makeMember({ role: "admin" });
    expect(await saveSiteSettings(admin, VALID)).toMatchObject({ ok: true });
    expect(await getSiteSettings()).toMatchObject({
      name: "The Harbour",
      description: "Ships and the sea.",
      registration: "open",
      timeZone: "Europe/Paris",
    });
    const [line] = await db.select().from(modLog).where(eq(modLog.actorId, admin.id));
    expect(line).toMatchObject({ action: "setting.site", targetType: "setting" });
  });

  it("names every wrong field at once, and wants a count when approval is required", async () => {
    const admin = await makeMember({ role: "admin" });
    const result = await saveSiteSettings(admin, {
      name: "",
      description: "",
      registration: "sometimes",
      approvalCount: "",
      timeZone: "Mars/Olympus",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors ?? {}).sort()).toEqual(["name", "registration", "timeZone"]);
    const noCount = siteSettingsSchema.safeParse({ ...VALID, registration: "approval" });
    expect(noCount.error?.issues[0]?.path).toEqual(["approvalCount"]);
  });

  it("keeps the warning ban's points and days, refusing numbers out of range", async () => {
    const admin = await makeMember({ role: "admin" });
    const saved = await saveSiteSettings(admin, {
      ...VALID,
      warningBanPoints: "25",
      warningBanDays: "30",
    });
    expect(saved.ok).toBe(true);
    expect(await getSiteSettings()).toMatchObject({ warningBanPoints: 25, warningBanDays: 30 });
    const wrong = await saveSiteSettings(admin, {
      ...VALID,
      warningBanPoints: "0",
      warningBanDays: "many",
    });
    expect(wrong).toMatchObject({
      ok: false,
      errors: {
        warningBanPoints: "Enter a whole number of points from 1 to 1000.",
        warningBanDays: "Enter a whole number of days from 1 to 3650.",
      },
    });
    expect(await getSiteSettings()).toMatchObject({ warningBanPoints: 25, warningBanDays: 30 });
  });

  it("stores closed registration as one switch and keeps the approval count", () => {
    const closed = siteSettingsSchema.parse({ ...VALID, registration: "closed" });
    expect(settingRows(closed)).toContainEqual({ key: "registration_open", value: "0" });
    expect(settingRows(closed).some((r) => r.key === "approval_first_posts")).toBe(false);
    // (Saved through the rows, not saveSiteSettings: other test files post as new members.)
    const approval = siteSettingsSchema.parse({
      ...VALID,
      registration: "approval",
      approvalCount: "3",
    });
    expect(settingRows(approval)).toContainEqual({ key: "approval_first_posts", value: "3" });
    const open = siteSettingsSchema.parse(VALID);
    expect(settingRows(open)).toContainEqual({ key: "approval_first_posts", value: "0" });
  });
});
