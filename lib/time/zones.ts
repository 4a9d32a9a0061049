// IANA time zones as members choose them and browsers report them. Pure: the account form and the
// browser's first report are checked by the same schema.
import { z } from "zod";

/** IANA names run to about 32 characters; this only bounds what a request may send. */
export const TIME_ZONE_MAX = 64;

/** The zone as Intl spells it, or null for a name Intl does not know. Browsers may report an alias
 * ("Asia/Calcutta") that the list of choices lacks: any name Intl accepts is kept. */
export function canonicalZone(name: string): string | null {
  if (name.length === 0 || name.length > TIME_ZONE_MAX) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export const timeZoneSchema = z
  .string("Choose a time zone.")
  .trim()
  .transform((name, ctx) => {
    const zone = canonicalZone(name);
    if (zone === null) {
      ctx.addIssue({ code: "custom", message: "Choose a time zone from the list." });
      return z.NEVER;
    }
    return zone;
  });

/** Every zone Intl knows, plus UTC (which supportedValuesOf leaves out), for the account form. */
export function timeZoneChoices(current: string | null): string[] {
  const zones = new Set(["UTC", ...Intl.supportedValuesOf("timeZone")]);
  if (current) zones.add(current);
  return [...zones].sort();
}
