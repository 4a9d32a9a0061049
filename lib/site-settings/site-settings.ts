// The site's own settings (issue 15): its name (header and <title>), description, whether anyone may
// register, and the default time zone. Stored as rows of the `settings` table and read only through
// here. Each instance keeps what it read for CACHE_MS, so a change reaches every instance within
// seconds without any message between them; the instance that saved it forgets its copy at once.
//
// Registration is one stored switch (open or closed) plus the new-member approval count that
// lib/moderation/approval.ts already keeps: "approval required" is registration open with that count
// above 0, so the two settings can never disagree.
//
// The warning ban (lib/moderation/warnings.ts) is here too: its defaults come from WARNING_BAN_POINTS
// and WARNING_BAN_DAYS, and an administrator's choice overrides them.
import "server-only";
import { inArray } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { settings } from "@/db/schema";
import { env } from "../env";
import {
  APPROVAL_MAX,
  APPROVAL_TOO_MANY,
  SITE_DESCRIPTION,
  SITE_NAME,
  WARNING_BAN_DAYS,
  WARNING_BAN_POINTS,
} from "../limits/sizes";
import { multiLine, singleLine } from "../validation/text";
import { APPROVAL_SETTING, getApprovalThreshold } from "../moderation/approval";

const CACHE_MS = 2000;

const KEYS = {
  name: "site_name",
  description: "site_description",
  registrationOpen: "registration_open",
  timeZone: "default_time_zone",
  warningBanPoints: "warning_ban_points",
  warningBanDays: "warning_ban_days",
} as const;

export type Registration = "open" | "closed" | "approval";

export interface SiteSettings {
  name: string;
  description: string;
  registration: Registration;
  /** How many first posts of a new member wait for approval (0 unless registration is "approval"). */
  approvalCount: number;
  /** An IANA zone ("Europe/Paris"); stored here, rendered by the time-zone work. */
  timeZone: string;
  /** Active warning points that ban a member, and for how many days. */
  warningBanPoints: number;
  warningBanDays: number;
}

export const DEFAULT_SITE_SETTINGS: SiteSettings = {
  name: "Parley",
  description: "Parley: threaded discussions on world affairs and defence.",
  registration: "open",
  approvalCount: 0,
  timeZone: "UTC",
  warningBanPoints: env.WARNING_BAN_POINTS,
  warningBanDays: env.WARNING_BAN_DAYS,
};

/** A stored whole number, or the default when it is missing or no longer makes sense. */
function storedCount(
  stored: string | undefined,
  range: { min: number; max: number },
  fallback: number,
) {
  const n = Number(stored);
  return stored && Number.isInteger(n) && n >= range.min && n <= range.max ? n : fallback;
}

let cached: { at: number; value: Promise<SiteSettings> } | null = null;

async function read(): Promise<SiteSettings> {
  const rows = await db
    .select()
    .from(settings)
    .where(inArray(settings.key, Object.values(KEYS)));
  const value = (key: string) => rows.find((r) => r.key === key)?.value;
  const approvalCount = await getApprovalThreshold();
  const open = value(KEYS.registrationOpen) !== "0";
  return {
    name: value(KEYS.name) || DEFAULT_SITE_SETTINGS.name,
    description: value(KEYS.description) ?? DEFAULT_SITE_SETTINGS.description,
    registration: !open ? "closed" : approvalCount > 0 ? "approval" : "open",
    approvalCount,
    timeZone: value(KEYS.timeZone) || DEFAULT_SITE_SETTINGS.timeZone,
    warningBanPoints: storedCount(
      value(KEYS.warningBanPoints),
      WARNING_BAN_POINTS,
      DEFAULT_SITE_SETTINGS.warningBanPoints,
    ),
    warningBanDays: storedCount(
      value(KEYS.warningBanDays),
      WARNING_BAN_DAYS,
      DEFAULT_SITE_SETTINGS.warningBanDays,
    ),
  };
}

/** The settings as this instance last read them, at most CACHE_MS old. */
export function getSiteSettings(): Promise<SiteSettings> {
  const now = performance.now();
  if (!cached || now - cached.at > CACHE_MS) {
    const value = read();
    cached = { at: now, value };
    value.catch(() => {
      if (cached?.value === value) cached = null;
    });
  }
  return cached.value;
}

/** The name and defaults when the database cannot answer: a page still has a title. */
export async function siteSettingsOrDefaults(): Promise<SiteSettings> {
  return getSiteSettings().catch(() => DEFAULT_SITE_SETTINGS);
}

export function forgetSiteSettings(): void {
  cached = null;
}

export const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const wholeNumberIn = (range: { min: number; max: number }, what: string) => {
  const message = `Enter a whole number of ${what} from ${range.min} to ${range.max}.`;
  return z.coerce
    .number<unknown>(message)
    .int(message)
    .min(range.min, message)
    .max(range.max, message);
};

export const siteSettingsSchema = z
  .object({
    name: singleLine(SITE_NAME, {
      message: "Enter the forum's name.",
      empty: "Enter the forum's name.",
    }),
    description: multiLine(SITE_DESCRIPTION, { message: "Descriptions are text." }).optional(),
    registration: z.enum(["open", "closed", "approval"], "Choose how members register."),
    approvalCount: z.coerce
      .number<unknown>("Enter a number of posts.")
      .int("Enter a whole number of posts.")
      .min(0, "Enter 0 or more.")
      .max(APPROVAL_MAX, APPROVAL_TOO_MANY)
      .optional(),
    timeZone: z
      .string("Choose a time zone.")
      .trim()
      .refine(isTimeZone, "Choose a time zone from the list (for example Europe/Paris)."),
    // Optional: a save without them (an older form) keeps what is stored.
    warningBanPoints: wholeNumberIn(WARNING_BAN_POINTS, "points").optional(),
    warningBanDays: wholeNumberIn(WARNING_BAN_DAYS, "days").optional(),
  })
  .refine((s) => s.registration !== "approval" || (s.approvalCount ?? 0) > 0, {
    message: "With approval required, enter how many first posts wait for approval (1 or more).",
    path: ["approvalCount"],
  });

export type SiteSettingsInput = z.output<typeof siteSettingsSchema>;

/** The rows to write for a parsed form: registration closed keeps the approval count as it is. */
export function settingRows(input: SiteSettingsInput): { key: string; value: string }[] {
  const rows: { key: string; value: string }[] = [
    { key: KEYS.name, value: input.name },
    { key: KEYS.description, value: input.description ?? "" },
    { key: KEYS.registrationOpen, value: input.registration === "closed" ? "0" : "1" },
    { key: KEYS.timeZone, value: input.timeZone },
  ];
  if (input.warningBanPoints !== undefined)
    rows.push({ key: KEYS.warningBanPoints, value: String(input.warningBanPoints) });
  if (input.warningBanDays !== undefined)
    rows.push({ key: KEYS.warningBanDays, value: String(input.warningBanDays) });
  if (input.registration === "open") rows.push({ key: APPROVAL_SETTING, value: "0" });
  if (input.registration === "approval")
    rows.push({ key: APPROVAL_SETTING, value: String(input.approvalCount) });
  return rows;
}
