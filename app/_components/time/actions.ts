"use server";

import { z } from "zod";
import { getViewer } from "@/lib/auth/viewer";
import { rememberBrowserZone } from "@/lib/time/member-zone";

/** The browser's zone, sent once by a member who has none stored; answers the zone now stored. */
export async function rememberTimeZoneAction(zone: unknown): Promise<string | null> {
  const parsed = z.string().safeParse(zone);
  if (!parsed.success) return null;
  return rememberBrowserZone(await getViewer(), parsed.data);
}
