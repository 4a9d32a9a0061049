// The site's own settings (issue 15): its name (header and <title>), description, whether anyone may
// register, and the default time zone. Stored as rows of the `settings` table and read only through
// here. Each instance keeps what it read for CACHE_MS, so a change reaches every instance within
// seconds without any message between them; the instance that saved it forgets its copy at once.
//
// Registration is one stored switch (open or closed) plus the new-member approval count that
// lib/moderation/approval.ts already keeps: "approval required" is registration open with that count
// above 0, so the two settings can never disagree.
import "server-only";
import { inArray } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { settings } from "@/db/schema";
import { APPROVAL_MAX, APPROVAL_TOO_MANY, SITE_DESCRIPTION, SITE_NAME } from "../limits/sizes";
import { multiLine, singleLine } from "../validation/text";
import { APPROVAL_SETTING, getApprovalThreshold } from "../moderation/approval";

const CACHE_MS = 2000;

const KEYS = {
  name: "site_name",
  description: "site_description",
  registrationOpen: "registration_open",
  timeZone: "default_time_zone",
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
}

export const DEFAULT_SITE_SETTINGS: SiteSettings = {
  name: "Parley",
  description: "Parley: threaded discussions on world affairs and defence.",
  registration: "open",
  approvalCount: 0,
  timeZone: "UTC",
};

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
  if (input.registration === "open") rows.push({ key: APPROVAL_SETTING, value: "0" });
  if (input.registration === "approval")
    rows.push({ key: APPROVAL_SETTING, value: String(input.approvalCount) });
  return rows;
}
